import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, request } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { bypassesProxy, createFetcher, proxyForUrl, proxyFromEnv } from '../../src/fetch/index.js'
import { startServer } from '../helpers/server.js'
import { rejectsWith, testOptions } from './options.js'

interface ProxyLog {
  method: string
  target: string
}

/** A forward proxy on loopback that logs what it was asked: absolute-form GETs are relayed, CONNECT is refused. */
async function startProxy(host = '127.0.0.4') {
  const log: ProxyLog[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    log.push({ method: req.method ?? '', target: req.url ?? '' })
    const upstream = request(req.url!, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  server.on('connect', (req, socket: Socket) => {
    log.push({ method: 'CONNECT', target: req.url ?? '' })
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

test('http:// targets go through the proxy in absolute form, with our User-Agent', async (t) => {
  const proxy = await startProxy()
  const target = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>via proxy</p>')
  }, { host: '127.0.0.5' })
  const fetcher = createFetcher(testOptions({ proxy: proxy.url, respectRobots: true }))
  t.after(async () => {
    await fetcher.close()
    await Promise.all([proxy.close(), target.close()])
  })
  const result = await fetcher.fetch({ url: `${target.origin}/post` })
  assert.equal(result.body, '<p>via proxy</p>')
  assert.deepEqual(proxy.log, [
    { method: 'GET', target: `${target.origin}/robots.txt` },
    { method: 'GET', target: `${target.origin}/post` },
  ])
  assert.equal(target.log[1]!.headers['user-agent'], testOptions().userAgent)
})

test('https:// targets are tunnelled with CONNECT; a refused tunnel is a network error', async (t) => {
  const proxy = await startProxy()
  const fetcher = createFetcher(testOptions({ proxy: proxy.url, maxRetries: 0 }))
  t.after(async () => {
    await fetcher.close()
    await proxy.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: 'https://127.0.0.6:8443/post' }), 'FETCH_NETWORK')
  assert.match(error.message, /403/)
  assert.deepEqual(proxy.log, [{ method: 'CONNECT', target: '127.0.0.6:8443' }])
})

test('noProxy hosts connect directly', async (t) => {
  const proxy = await startProxy()
  const target = await startServer((_req, res) => void res.end('direct'), { host: '127.0.0.5' })
  const fetcher = createFetcher(testOptions({ proxy: proxy.url, noProxy: 'example.test, 127.0.0.5' }))
  t.after(async () => {
    await fetcher.close()
    await Promise.all([proxy.close(), target.close()])
  })
  assert.equal((await fetcher.fetch({ url: `${target.origin}/x` })).body, 'direct')
  assert.deepEqual(proxy.log, [])
  assert.equal(target.log.length, 1)
})

test('SSRF checks still apply to proxied targets; the proxy itself may be on loopback', async (t) => {
  const proxy = await startProxy()
  const fetcher = createFetcher(testOptions({ proxy: proxy.url, allowPrivate: false }))
  t.after(async () => {
    await fetcher.close()
    await proxy.close()
  })
  await rejectsWith(fetcher.fetch({ url: 'http://169.254.169.254/latest/meta-data/' }), 'FETCH_SSRF')
  await rejectsWith(fetcher.fetch({ url: 'http://[::ffff:10.0.0.1]/' }), 'FETCH_SSRF')
  // A name is resolved before it is handed to the proxy.
  const named = await rejectsWith(fetcher.fetch({ url: 'http://localhost:9/' }), 'FETCH_SSRF')
  assert.match(named.message, /localhost resolves to \S+, a loopback address/)
  assert.deepEqual(proxy.log, [])
})

test('a proxy that is not an http(s) URL is an options error', () => {
  assert.throws(() => createFetcher(testOptions({ proxy: 'not a url' })), { code: 'OPTIONS_INVALID' })
  assert.throws(() => createFetcher(testOptions({ proxy: 'ftp://proxy.test:21' })), { code: 'OPTIONS_INVALID' })
})

test('bypassesProxy reads NO_PROXY syntax (pure)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['https://blog.example/', '', false],
    ['https://blog.example/', '*', true],
    ['https://blog.example/', 'blog.example', true],
    ['https://www.blog.example/', 'blog.example', true],
    ['https://notblog.example/', 'blog.example', false],
    ['https://www.blog.example/', '.blog.example', true],
    ['https://blog.example/', '.blog.example', true],
    ['https://a.blog.example/', '*.blog.example', true],
    ['https://BLOG.example./', 'blog.EXAMPLE', true],
    ['https://blog.example/', 'other.test, blog.example', true],
    ['https://blog.example/', 'other.test blog.example', true],
    ['http://blog.example:8080/', 'blog.example:8080', true],
    ['http://blog.example/', 'blog.example:8080', false],
    ['https://blog.example/', 'blog.example:443', true],
    ['http://10.1.2.3/', '10.0.0.0/8', true],
    ['http://11.1.2.3/', '10.0.0.0/8', false],
    ['http://[::1]:3000/', '[::1]:3000', true],
    ['http://[::1]/', '::1', true],
    ['http://127.0.0.1/', '127.0.0.1', true],
    ['http://127.0.0.1/', 'localhost', false],
  ]
  for (const [url, noProxy, want] of cases) assert.equal(bypassesProxy(url, noProxy), want, `${url} vs ${JSON.stringify(noProxy)}`)
})

test('proxyForUrl and proxyFromEnv read the usual variables (pure)', () => {
  const env = { http_proxy: 'http://p1:3128', HTTPS_PROXY: 'http://p2:3128', NO_PROXY: 'internal.test' }
  assert.equal(proxyForUrl(env, 'http://blog.example/'), 'http://p1:3128')
  assert.equal(proxyForUrl(env, 'https://blog.example/'), 'http://p2:3128')
  assert.equal(proxyForUrl(env, 'https://wiki.internal.test/'), undefined)
  assert.equal(proxyForUrl({ ALL_PROXY: 'http://p3:1080' }, 'https://blog.example/'), 'http://p3:1080')
  assert.equal(proxyForUrl({}, 'https://blog.example/'), undefined)
  assert.equal(proxyForUrl({ http_proxy: 'http://lower', HTTP_PROXY: 'http://upper' }, 'http://x.test/'), 'http://lower')
  assert.deepEqual(proxyFromEnv(env), { proxy: 'http://p2:3128', noProxy: 'internal.test' })
  assert.deepEqual(proxyFromEnv({ http_proxy: ' ' }), { proxy: undefined, noProxy: '' })
})
