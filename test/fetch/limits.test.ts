import { test } from 'node:test'
import assert from 'node:assert/strict'
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { createFetcher } from '../../src/fetch/index.js'
import { toFetchError } from '../../src/fetch/fetch-error.js'
import { startServer } from '../helpers/server.js'
import { rejectsWith, testOptions } from './options.js'

const CAP = 100_000
const TEXT = '<p>' + 'déjà vu — '.repeat(500) + '</p>'
// 50 MB of zeros compresses to about 50 KB: well under the cap on the wire, 500x over it decoded.
const BOMB = gzipSync(Buffer.alloc(50_000_000))

test('encodings: gzip, zlib deflate, raw deflate and brotli all decode', async (t) => {
  const bodies: Record<string, Buffer> = {
    gzip: gzipSync(TEXT),
    deflate: deflateSync(TEXT),
    'raw-deflate': deflateRawSync(TEXT),
    br: brotliCompressSync(TEXT),
  }
  const server = await startServer((req, res) => {
    const name = req.url!.slice(1)
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': name === 'raw-deflate' ? 'deflate' : name })
    res.end(bodies[name])
  })
  const fetcher = createFetcher(testOptions())
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  for (const name of Object.keys(bodies)) {
    const result = await fetcher.fetch({ url: `${server.origin}/${name}` })
    assert.equal(result.body, TEXT, name)
    assert.equal(result.bytes, Buffer.byteLength(TEXT), name)
  }
  assert.equal(server.log[0]!.headers['accept-encoding'], 'gzip, deflate, br')
})

test('a body over the cap fails with FETCH_TOO_LARGE, announced or not', async (t) => {
  const server = await startServer((req, res) => {
    res.setHeader('content-type', 'text/html')
    if (req.url === '/announced') res.setHeader('content-length', String(CAP + 1))
    // Chunked, so only counting can catch it.
    for (let sent = 0; sent <= CAP; sent += 10_000) res.write('x'.repeat(10_000))
    res.end()
  })
  const fetcher = createFetcher(testOptions({ maxBodyBytes: CAP }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const streamed = await rejectsWith(fetcher.fetch({ url: `${server.origin}/streamed` }), 'FETCH_TOO_LARGE')
  assert.match(streamed.message, /larger than 100000 bytes/)
  const announced = await rejectsWith(fetcher.fetch({ url: `${server.origin}/announced` }), 'FETCH_TOO_LARGE')
  assert.match(announced.message, /announced 100001 bytes/)
})

test('a gzip bomb is stopped by the decoded-size cap', async (t) => {
  assert.ok(BOMB.length < CAP, 'the compressed bomb passes any compressed-size limit')
  const server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': BOMB.length })
    res.end(BOMB)
  })
  const fetcher = createFetcher(testOptions({ maxBodyBytes: CAP }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const memoryBefore = process.memoryUsage().arrayBuffers
  await rejectsWith(fetcher.fetch({ url: `${server.origin}/bomb` }), 'FETCH_TOO_LARGE')
  // Nowhere near the 50 MB the bomb expands to was held at once.
  assert.ok(process.memoryUsage().arrayBuffers - memoryBefore < 20_000_000)
})

test('a body that does not decompress, or an encoding we never asked for, fails cleanly', async (t) => {
  const server = await startServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': req.url === '/zstd' ? 'zstd' : 'gzip' })
    res.end('this is not gzip at all')
  })
  const fetcher = createFetcher(testOptions({ maxRetries: 0 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const corrupt = await rejectsWith(fetcher.fetch({ url: `${server.origin}/corrupt` }), 'FETCH_NETWORK')
  assert.match(corrupt.message, /does not decompress/)
  await rejectsWith(fetcher.fetch({ url: `${server.origin}/zstd` }), 'FETCH_CONTENT_TYPE')
})

test('headers that never come hit the headers timeout', { timeout: 10_000 }, async (t) => {
  const server = await startServer(() => {})
  const fetcher = createFetcher(testOptions({ headersTimeoutMs: 150, totalTimeoutMs: 5000 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/silent` }), 'FETCH_TIMEOUT')
  assert.match(error.message, /no response headers within 150ms/)
})

test('a body trickling 1 byte per 100 ms hits the total deadline', { timeout: 10_000 }, async (t) => {
  const timers = new Set<NodeJS.Timeout>()
  const server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    const timer = setInterval(() => res.write('x'), 100)
    timers.add(timer)
    res.once('close', () => clearInterval(timer))
  })
  // bodyTimeout alone would never fire: a byte arrives every 100 ms.
  const fetcher = createFetcher(testOptions({ headersTimeoutMs: 400, totalTimeoutMs: 500 }))
  t.after(async () => {
    for (const timer of timers) clearInterval(timer)
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/trickle` }), 'FETCH_TIMEOUT')
  assert.match(error.message, /did not finish within 500ms/)
  assert.equal(server.log.length, 1, 'timeouts are not retried')
})

test('toFetchError maps low-level failures to codes, keeping the cause', () => {
  const context = { aborted: false, timedOut: false, totalTimeoutMs: 500, headersTimeoutMs: 300, connectTimeoutMs: 200 }
  const withCode = (code: string) => Object.assign(new Error(code), { code })
  const cases: Array<[unknown, Partial<typeof context>, string, RegExp, boolean]> = [
    [withCode('UND_ERR_CONNECT_TIMEOUT'), {}, 'FETCH_TIMEOUT', /could not connect within 200ms/, false],
    [withCode('UND_ERR_HEADERS_TIMEOUT'), {}, 'FETCH_TIMEOUT', /no response headers within 300ms/, false],
    [withCode('ECONNREFUSED'), {}, 'FETCH_NETWORK', /connection refused/, false],
    [withCode('ECONNRESET'), {}, 'FETCH_NETWORK', /ECONNRESET/, true],
    [withCode('UND_ERR_SOCKET'), {}, 'FETCH_NETWORK', /UND_ERR_SOCKET/, true],
    [withCode('Z_DATA_ERROR'), {}, 'FETCH_NETWORK', /does not decompress/, false],
    [new Error('whatever'), { timedOut: true }, 'FETCH_TIMEOUT', /did not finish within 500ms/, false],
    [new Error('whatever'), { aborted: true, timedOut: true }, 'FETCH_ABORTED', /was aborted/, false],
  ]
  for (const [cause, overrides, code, message, retryable] of cases) {
    const error = toFetchError(cause, 'http://blog.example/x', { ...context, ...overrides })
    assert.equal(error.code, code, String(cause))
    assert.match(error.message, /^GET http:\/\/blog\.example\/x /)
    assert.match(error.message, message)
    assert.equal(error.info.retryable, retryable, String(cause))
    assert.equal(error.cause, cause)
  }
})
