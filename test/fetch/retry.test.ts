import { test } from 'node:test'
import assert from 'node:assert/strict'
import { backoffDelay, createFetcher, isRetryableStatus, parseRetryAfter } from '../../src/fetch/index.js'
import { startServer } from '../helpers/server.js'
import { memoryLogger, rejectsWith, testOptions } from './options.js'

/** A server that answers each request with the next scripted step; the last step repeats. */
async function scripted(steps: Array<(res: import('node:http').ServerResponse) => void>) {
  let n = 0
  return startServer((_req, res) => steps[Math.min(n++, steps.length - 1)]!(res))
}
const status = (code: number, headers: Record<string, string> = {}) => (res: import('node:http').ServerResponse) => void res.writeHead(code, headers).end(`status ${code}`)
const ok = (res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>finally</p>')

test('503, 503, 200 succeeds on the third attempt', async (t) => {
  const server = await scripted([status(503), status(503), ok])
  const logger = memoryLogger()
  const fetcher = createFetcher(testOptions({ logger }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const result = await fetcher.fetch({ url: `${server.origin}/flaky` })
  assert.equal(result.body, '<p>finally</p>')
  assert.equal(result.attempts, 3)
  assert.equal(server.log.length, 3)
  assert.equal(logger.lines.filter((line) => /^debug: fetch 503 url=\S+ retryIn=\d+ attempt=\d$/.test(line)).length, 2, logger.lines.join('\n'))
})

test('retries run out: FETCH_STATUS with the status, marked retryable', async (t) => {
  const server = await scripted([status(500)])
  const fetcher = createFetcher(testOptions({ maxRetries: 2 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/down` }), 'FETCH_STATUS')
  assert.equal(error.message, `GET ${server.origin}/down returned 500`)
  assert.deepEqual({ status: error.info.status, retryable: error.info.retryable }, { status: 500, retryable: true })
  assert.equal(server.log.length, 3)
})

test('a 404 is not retried', async (t) => {
  const server = await scripted([status(404)])
  const fetcher = createFetcher(testOptions())
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/missing` }), 'FETCH_STATUS')
  assert.equal(error.message, `GET ${server.origin}/missing returned 404`)
  assert.deepEqual({ status: error.info.status, retryable: error.info.retryable }, { status: 404, retryable: false })
  assert.equal(server.log.length, 1)
})

test('429 with Retry-After: 1 waits a second before asking that host again', async (t) => {
  const server = await scripted([status(429, { 'retry-after': '1' }), ok])
  const fetcher = createFetcher(testOptions({ retryBaseMs: 1 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const result = await fetcher.fetch({ url: `${server.origin}/busy` })
  assert.equal(result.attempts, 2)
  const [first, second] = server.log
  const gap = second!.startedAt - first!.endedAt!
  assert.ok(gap >= 1000, `waited only ${gap}ms`)
})

test('a Retry-After longer than maxRetryAfterMs fails at once, retryable', async (t) => {
  const server = await scripted([status(503, { 'retry-after': '3600' }), ok])
  const fetcher = createFetcher(testOptions({ maxRetryAfterMs: 2000 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/later` }), 'FETCH_STATUS')
  assert.match(error.message, /returned 503 with Retry-After 3600s/)
  assert.deepEqual({ status: error.info.status, retryable: error.info.retryable, retryAfter: error.info.retryAfter }, { status: 503, retryable: true, retryAfter: 3600 })
  assert.equal(server.log.length, 1)
})

test('a connection reset mid-body is retried', async (t) => {
  const server = await scripted([
    (res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' })
      res.write('<p>partial')
      setTimeout(() => res.socket?.destroy(), 20)
    },
    ok,
  ])
  const fetcher = createFetcher(testOptions())
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const result = await fetcher.fetch({ url: `${server.origin}/reset` })
  assert.equal(result.body, '<p>finally</p>')
  assert.equal(result.attempts, 2)
  assert.equal(server.log.length, 2)
})

test('parseRetryAfter, backoffDelay and isRetryableStatus (pure)', () => {
  const now = Date.parse('2024-05-01T12:00:00Z')
  assert.equal(parseRetryAfter('120', now), 120_000)
  assert.equal(parseRetryAfter(' 0 ', now), 0)
  assert.equal(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', now), 30_000)
  assert.equal(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', now), 0)
  for (const junk of [undefined, null, '', '-5', '1.5', 'soon', '2024-05-01']) assert.equal(parseRetryAfter(junk, now), null, String(junk))
  assert.equal(backoffDelay(0, 100, () => 0), 0)
  assert.equal(backoffDelay(3, 100, () => 0.5), 400)
  assert.ok(backoffDelay(3, 100, () => 0.9999) < 800)
  assert.equal(backoffDelay(30, 100, () => 0.5, 30_000), 15_000)
  assert.deepEqual([429, 500, 502, 503, 504, 400, 404, 501].map(isRetryableStatus), [true, true, true, true, true, false, false, false])
})
