// Redirects and links to 10.x and to the metadata service, with allowPrivate OFF (the default).
// The seed host has to be reached somehow: it gets a name (blog.hostile.test) that a test
// dispatcher resolves to a loopback address, as a public name would resolve to a public one.
// Everything else goes through the production checks: literal IPs are refused by checkTarget
// before any connection; names that resolve to private addresses are refused by the guarded
// lookup at connect time. A last net below the lookup records anything else it is asked to
// dial and never dials it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import type { LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent } from 'undici'
import { createRoundup } from '../../src/roundup.js'
import { createGuardedLookup } from '../../src/fetch/index.js'
import { readStoreFile } from '../../src/store/index.js'
import { startServer } from '../helpers/server.js'
import { page } from './page.js'

const PUBLIC_NAME = 'blog.hostile.test'
/** What the fake DNS answers for the private names; none of these is ever dialled. */
const PRIVATE_NAMES: Record<string, string> = {
  'intranet.hostile.test': '10.20.30.40',
  'metadata.hostile.test': '169.254.169.254',
  'mixed.hostile.test': '10.0.0.7',
}

test('with allowPrivate off, redirects and links to 10.x and link-local are refused and never dialled', async (t) => {
  const server = await startServer((req, res) => {
    const path = req.url ?? '/'
    if (path === '/robots.txt') return void res.writeHead(404).end()
    const redirects: Record<string, string> = {
      '/to-ten': 'http://10.1.2.3/admin',
      '/to-ten-octal': 'http://012.1.2.3/admin',
      '/to-ten-decimal': 'http://167838211/admin',
      '/to-ten-v6': 'http://[::ffff:10.1.2.3]/admin',
      '/to-intranet': 'http://intranet.hostile.test/admin',
      '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
      '/to-metadata-name': 'http://metadata.hostile.test/latest/meta-data/',
    }
    if (redirects[path]) return void res.writeHead(302, { location: redirects[path] }).end()
    const origin = `http://${PUBLIC_NAME}:${server.port}`
    if (path === '/ok') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page({ title: 'A fine public post', author: 'Pat Public', date: '2009-04-01' }))
    const links = [...Object.keys(redirects).map((p) => `${origin}${p}`), `${origin}/ok`, 'http://10.9.9.9/direct', 'http://[fe80::1]/direct', 'http://mixed.hostile.test/direct']
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(page({ title: 'The seed', author: 'Sid Seed', date: '2009-04-01', crossrefs: links.map((href, i) => `<a href="${href}">Author Number${i}, Some Blog</a>`) }))
  }, { host: '127.0.0.38' })

  const dialled: string[] = []
  const resolved: string[] = []
  const guarded = createGuardedLookup(false, (hostname, _options, callback) => {
    const address = PRIVATE_NAMES[hostname]
    resolved.push(hostname)
    if (!address) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), [])
    callback(null, [{ address, family: 4 }])
  })
  const lookup: LookupFunction = (hostname, options, callback) => {
    const done = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      const addresses = typeof address === 'string' ? [address] : address.map((a) => a.address)
      if (!error && addresses.some((a) => !a.startsWith('127.'))) {
        dialled.push(...addresses)
        return callback(Object.assign(new Error('test net: refusing to dial a non-loopback address'), { code: 'ECONNREFUSED' }), '', 0)
      }
      if (!error) dialled.push(...addresses)
      ;(callback as (e: NodeJS.ErrnoException | null, a: string | LookupAddress[], f?: number) => void)(error, address, family)
    }
    if (hostname === PUBLIC_NAME) return options.all ? done(null, [{ address: server.host, family: 4 }]) : done(null, server.host, 4)
    guarded(hostname, options, done as Parameters<LookupFunction>[2])
  }
  const dispatcher = new Agent({ connect: { lookup, timeout: 1000 } })
  const dir = await mkdtemp(join(tmpdir(), 'roundup-ssrf-'))
  t.after(async () => {
    await dispatcher.close()
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })

  const dataFile = join(dir, 'roundup.json')
  const roundup = createRoundup(
    { dataFile, allowPrivate: false, delayMs: 0, headersTimeoutMs: 5000, totalTimeoutMs: 10_000, maxRetries: 0, archive: false },
    { dispatcher },
  )
  const report = await roundup.crawl([`http://${PUBLIC_NAME}:${server.port}/seed`])
  const outcome = (url: string) => report.urls.find((u) => u.url === url)?.outcome
  const origin = `http://${PUBLIC_NAME}:${server.port}`

  assert.equal(outcome(`${origin}/seed`), 'stored')
  assert.equal(outcome(`${origin}/ok`), 'stored')
  for (const path of ['/to-ten', '/to-ten-octal', '/to-ten-decimal', '/to-ten-v6', '/to-intranet', '/to-metadata', '/to-metadata-name']) {
    assert.equal(outcome(`${origin}${path}`), 'skipped:ssrf', path)
  }
  for (const url of ['http://10.9.9.9/direct', 'http://[fe80::1]/direct', 'http://mixed.hostile.test/direct']) {
    assert.equal(outcome(url), 'skipped:ssrf', url)
  }
  // Literal addresses never reached DNS; the private names did, and were refused there.
  assert.deepEqual([...new Set(resolved)].sort(), ['intranet.hostile.test', 'metadata.hostile.test', 'mixed.hostile.test'])
  // Only the loopback stand-in for the public name was ever handed to connect.
  assert.deepEqual([...new Set(dialled)], [server.host])
  // The redirecting pages were each asked once; the refused hop was never sent anywhere.
  for (const path of ['/to-ten', '/to-intranet', '/to-metadata-name']) assert.equal(server.log.filter((r) => r.path === path).length, 1, path)

  const store = await readStoreFile(dataFile)
  assert.match(store.posts[`${origin}/to-ten`]!.reason ?? '', /private address/)
  assert.match(store.posts[`${origin}/to-metadata`]!.reason ?? '', /link-local/)
  assert.match(store.posts[`${origin}/to-intranet`]!.reason ?? '', /resolves to 10\.20\.30\.40/)
})
