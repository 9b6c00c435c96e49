import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requestSegments } from '../../src/site/request-path.js'
import { serveSite } from '../../src/site/serve-site.js'

/** A raw request: the path goes out exactly as written (fetch would resolve the dots). */
function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function siteDir(): Promise<{ parent: string; dir: string }> {
  const parent = await mkdtemp(join(tmpdir(), 'roundup-serve-'))
  const dir = join(parent, 'site')
  await mkdir(join(dir, 'events'), { recursive: true })
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>index</title>')
  await writeFile(join(dir, 'events', 'e1.html'), '<!doctype html><title>e1</title>')
  await writeFile(join(dir, 'events', 'a b.html'), 'spaced')
  await writeFile(join(dir, 'assets', 'site.js'), 'void 0')
  await writeFile(join(dir, 'assets', 'site.css'), 'body{}')
  await writeFile(join(dir, '.secret'), 'hidden')
  await writeFile(join(parent, 'outside.txt'), 'SECRET OUTSIDE')
  await symlink(join(parent, 'outside.txt'), join(dir, 'link.txt'))
  return { parent, dir }
}

test('requestSegments: climbing, hidden, encoded separators and NUL are refused', () => {
  const cases: Array<[string, string[] | null]> = [
    ['/', []],
    ['/index.html', ['index.html']],
    ['/events/e1.html?x=1#top', ['events', 'e1.html']],
    ['/events//e1.html', ['events', 'e1.html']],
    ['/events/a%20b.html', ['events', 'a b.html']],
    ['/../etc/passwd', null],
    ['/events/../../x', null],
    ['/%2e%2e/etc/passwd', null],
    ['/..%2fetc%2fpasswd', null],
    ['/events%2f..%2f..%2fx', null],
    ['/..%5c..%5cwindows', null],
    ['/c:%5cwindows', null],
    ['/index.html%00.png', null],
    ['/.git/config', null],
    ['/%ff', null],
    ['index.html', null],
    ['http://evil.example/', null],
  ]
  for (const [target, want] of cases) assert.deepEqual(requestSegments(target), want, target)
})

test('serveSite: 127.0.0.1 only; files with their types; index for folders; nothing outside the folder', async () => {
  const { dir } = await siteDir()
  const server = await serveSite({ dir, port: 0 })
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/)
    const index = await get(server.port, '/')
    assert.equal(index.status, 200)
    assert.equal(index.body, '<!doctype html><title>index</title>')
    assert.equal(index.headers['content-type'], 'text/html; charset=utf-8')
    assert.equal(index.headers['x-content-type-options'], 'nosniff')
    assert.match(String(index.headers['content-security-policy']), /script-src 'self'/)
    assert.equal((await get(server.port, '/events/e1.html')).body, '<!doctype html><title>e1</title>')
    assert.equal((await get(server.port, '/events/a%20b.html')).body, 'spaced')
    assert.equal((await get(server.port, '/assets/site.js')).headers['content-type'], 'text/javascript; charset=utf-8')
    assert.equal((await get(server.port, '/assets/site.css')).headers['content-type'], 'text/css; charset=utf-8')

    const refused = ['/../outside.txt', '/events/../../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/..%5coutside.txt', '/link.txt', '/.secret', '/events/', '/missing.html', '/index.html%00']
    for (const path of refused) {
      const res = await get(server.port, path)
      assert.equal(res.status, 404, path)
      assert.doesNotMatch(res.body, /SECRET|hidden/, path)
    }
    assert.equal((await get(server.port, '/', { method: 'POST' })).status, 405)
    const head = await get(server.port, '/events/e1.html', { method: 'HEAD' })
    assert.equal(head.status, 200)
    assert.equal(head.body, '')
    assert.equal(head.headers['content-length'], String('<!doctype html><title>e1</title>'.length))
    // A name that resolves to us from elsewhere (DNS rebinding) is not served.
    assert.equal((await get(server.port, '/', { host: 'evil.example' })).status, 421)
    assert.equal((await get(server.port, '/', { host: `localhost:${server.port}` })).status, 200)
  } finally {
    await server.close()
  }
})

test('serveSite: a missing folder or a taken port is SITE_IO with a clear message', async () => {
  await assert.rejects(serveSite({ dir: join(tmpdir(), 'roundup-no-such-dir-' + process.pid) }), { code: 'SITE_IO', message: /cannot serve .*ENOENT/ })
  const { dir } = await siteDir()
  const first = await serveSite({ dir, port: 0 })
  try {
    await assert.rejects(serveSite({ dir, port: first.port }), { code: 'SITE_IO', message: /port is in use/ })
  } finally {
    await first.close()
  }
})
