import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MockAgent } from 'undici'
import { createFetcher, refuseContentType, sniffBinary } from '../../src/fetch/index.js'
import { startServer } from '../helpers/server.js'
import { TEST_AGENT, rejectsWith, testOptions } from './options.js'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

test('redirects are followed by hand and reported', async (t) => {
  const server = await startServer((req, res) => {
    const n = Number(/^\/hop(\d+)$/.exec(req.url ?? '')?.[1] ?? NaN)
    if (n > 0) return void res.writeHead(n % 2 ? 301 : 307, { location: `/hop${n - 1}` }).end()
    res.writeHead(200, { 'content-type': 'text/html' }).end(`at ${req.url}`)
  })
  const fetcher = createFetcher(testOptions())
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const result = await fetcher.fetch({ url: `${server.origin}/hop3#frag` })
  assert.equal(result.url, `${server.origin}/hop3#frag`)
  assert.equal(result.finalUrl, `${server.origin}/hop0`)
  assert.deepEqual(result.redirects, [`${server.origin}/hop2`, `${server.origin}/hop1`, `${server.origin}/hop0`])
  assert.equal(result.body, 'at /hop0')
  // Exactly maxRedirects hops is fine; one more is not.
  assert.equal((await fetcher.fetch({ url: `${server.origin}/hop10` })).redirects.length, 10)
  const tooMany = await rejectsWith(fetcher.fetch({ url: `${server.origin}/hop11` }), 'FETCH_REDIRECTS')
  assert.match(tooMany.message, /more than 10 redirects/)
})

test('a redirect loop fails with FETCH_REDIRECTS', async (t) => {
  const server = await startServer((req, res) => {
    res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end()
  })
  const fetcher = createFetcher(testOptions())
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/a` }), 'FETCH_REDIRECTS')
  assert.match(error.message, /loop/)
  assert.deepEqual(server.log.map((r) => r.path), ['/a', '/b'])
})

test('a redirect to another host checks that host\'s robots.txt and waits for that host', async (t) => {
  const target = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.end('User-agent: *\nDisallow: /secret\n')
    res.writeHead(200, { 'content-type': 'text/html' }).end('moved here')
  }, { host: '127.0.0.3' })
  const origin = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end()
    res.writeHead(301, { location: `${target.origin}${req.url === '/old' ? '/new' : '/secret'}` }).end()
  }, { host: '127.0.0.2' })
  const fetcher = createFetcher(testOptions({ respectRobots: true }))
  t.after(async () => {
    await fetcher.close()
    await Promise.all([origin.close(), target.close()])
  })
  const result = await fetcher.fetch({ url: `${origin.origin}/old` })
  assert.equal(result.finalUrl, `${target.origin}/new`)
  await rejectsWith(fetcher.fetch({ url: `${origin.origin}/older` }), 'FETCH_ROBOTS')
  assert.deepEqual(target.log.map((r) => r.path), ['/robots.txt', '/new'])
  assert.deepEqual(Object.keys(fetcher.stats().byHost).sort(), [origin.origin, target.origin])
})

test('conditional requests: validators are sent and a 304 is notModified', async (t) => {
  const server = await startServer((req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end()
    res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"', 'last-modified': 'Tue, 01 Sep 2009 10:00:00 GMT' }).end('<p>v1</p>')
  })
  const fetcher = createFetcher(testOptions())
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const first = await fetcher.fetch({ url: `${server.origin}/post` })
  assert.deepEqual([first.status, first.notModified, first.etag, first.lastModified], [200, false, '"v1"', 'Tue, 01 Sep 2009 10:00:00 GMT'])
  const again = await fetcher.fetch({ url: `${server.origin}/post`, etag: first.etag, lastModified: first.lastModified })
  assert.deepEqual([again.status, again.notModified, again.body, again.etag], [304, true, '', '"v1"'])
  assert.equal(server.log[1]!.headers['if-modified-since'], 'Tue, 01 Sep 2009 10:00:00 GMT')
  assert.equal(server.log[0]!.headers['if-none-match'], undefined)
  // A stored validator with a line break is not sent (it would inject a header).
  await fetcher.fetch({ url: `${server.origin}/post`, etag: '"v1"\r\nx-evil: 1' })
  assert.equal(server.log[2]!.headers['if-none-match'], undefined)
  assert.equal(server.log[2]!.headers['x-evil'], undefined)
})

test('every request carries the configured User-Agent and asks for compression', async (t) => {
  const server = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.end('')
    res.writeHead(200, { 'content-type': 'application/atom+xml' }).end('<feed/>')
  })
  const fetcher = createFetcher(testOptions({ respectRobots: true }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const feed = await fetcher.fetch({ url: `${server.origin}/feed`, kind: 'feed' })
  assert.equal(feed.body, '<feed/>')
  assert.deepEqual(server.log.map((r) => r.headers['user-agent']), [TEST_AGENT, TEST_AGENT])
  assert.match(String(server.log[1]!.headers.accept), /application\/atom\+xml/)
})

test('content checks: binary bodies are refused whatever the label; an empty 200 is fine', async (t) => {
  const server = await startServer((req, res) => {
    switch (req.url) {
      case '/png-as-html':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(PNG)
      case '/png':
        return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG)
      case '/pdf-unlabelled':
        return void res.writeHead(200).end('%PDF-1.7\n...')
      case '/rss':
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>')
      default:
        return void res.writeHead(200, { 'content-type': 'text/html' }).end()
    }
  })
  const fetcher = createFetcher(testOptions())
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const sniffed = await rejectsWith(fetcher.fetch({ url: `${server.origin}/png-as-html` }), 'FETCH_CONTENT_TYPE')
  assert.match(sniffed.message, /image\/png data \(labelled text\/html\)/)
  await rejectsWith(fetcher.fetch({ url: `${server.origin}/png` }), 'FETCH_CONTENT_TYPE')
  await rejectsWith(fetcher.fetch({ url: `${server.origin}/pdf-unlabelled` }), 'FETCH_CONTENT_TYPE')
  await rejectsWith(fetcher.fetch({ url: `${server.origin}/rss` }), 'FETCH_CONTENT_TYPE')
  assert.equal((await fetcher.fetch({ url: `${server.origin}/rss`, kind: 'feed' })).body, '<rss/>')
  const empty = await fetcher.fetch({ url: `${server.origin}/empty` })
  assert.deepEqual([empty.status, empty.body, empty.bytes], [200, '', 0])
})

test('refuseContentType and sniffBinary (pure)', () => {
  const accepted: Array<[string, string]> = [
    ['page', 'text/html; charset=utf-8'], ['page', 'application/xhtml+xml'], ['page', 'text/plain'], ['page', ''],
    ['page', 'application/octet-stream'], ['feed', 'application/rss+xml'], ['feed', 'application/atom+xml'],
    ['feed', 'text/xml'], ['feed', 'application/feed+json'], ['feed', 'application/json'], ['robots', 'image/png'],
  ]
  const refused: Array<[string, string]> = [['page', 'image/png'], ['page', 'application/pdf'], ['page', 'application/rss+xml'], ['feed', 'video/mp4'], ['page', 'application/zip']]
  for (const [kind, type] of accepted) assert.equal(refuseContentType(kind as 'page', type), null, `${kind} ${type}`)
  for (const [kind, type] of refused) assert.notEqual(refuseContentType(kind as 'page', type), null, `${kind} ${type}`)
  assert.equal(sniffBinary(PNG), 'image/png')
  assert.equal(sniffBinary(Buffer.from('GIF89a....')), 'image/gif')
  assert.equal(sniffBinary(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg')
  assert.equal(sniffBinary(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp')
  assert.equal(sniffBinary(Buffer.from('PK\x03\x04')), 'application/zip')
  assert.equal(sniffBinary(Buffer.from('%PDF-1.4')), 'application/pdf')
  assert.equal(sniffBinary(Buffer.from('<!doctype html>')), null)
  assert.equal(sniffBinary(Buffer.from('GIF is a format')), null)
})

test('a custom dispatcher (test seam) carries every request, still behind the scheme and literal-IP checks', async (t) => {
  const mock = new MockAgent()
  mock.disableNetConnect()
  mock.get('https://blog.example').intercept({ path: '/post', method: 'GET' }).reply(200, '<p>mocked</p>', { headers: { 'content-type': 'text/html' } })
  const fetcher = createFetcher(testOptions({ dispatcher: mock, allowPrivate: false }))
  t.after(async () => {
    await fetcher.close()
    await mock.close()
  })
  assert.equal((await fetcher.fetch({ url: 'https://blog.example/post' })).body, '<p>mocked</p>')
  await rejectsWith(fetcher.fetch({ url: 'http://169.254.169.254/' }), 'FETCH_SSRF')
  mock.assertNoPendingInterceptors()
})
