// Our own CPU work (a big page's extraction, a 100k-item feed) can block the event loop for
// seconds. A response that arrived meanwhile must not be declared late because we could not
// read it; a server that really is slow must still be cut off, even under constant load.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createFetcher } from '../../src/fetch/index.js'
import { startServer } from '../helpers/server.js'
import { rejectsWith, testOptions } from '../fetch/options.js'

function blockFor(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // Busy: stands in for a synchronous parse.
  }
}

test('an answer that arrived while our own work blocked the loop is not a timeout', { timeout: 10_000 }, async (t) => {
  const server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<title>on time</title>')
    // The answer is on the wire; now block far past both of the client's timeouts.
    blockFor(1200)
  })
  const fetcher = createFetcher(testOptions({ headersTimeoutMs: 200, totalTimeoutMs: 400, maxRetries: 0 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const result = await fetcher.fetch({ url: `${server.origin}/page` })
  assert.equal(result.body, '<title>on time</title>')
})

test('a trickling server is still cut off while the loop is blocked over and over', { timeout: 15_000 }, async (t) => {
  const server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    const timer = setInterval(() => res.write('x'), 50)
    res.once('close', () => clearInterval(timer))
  })
  const load = setInterval(() => blockFor(150), 200)
  const fetcher = createFetcher(testOptions({ headersTimeoutMs: 200, totalTimeoutMs: 400, maxRetries: 0 }))
  t.after(async () => {
    clearInterval(load)
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/trickle` }), 'FETCH_TIMEOUT')
  assert.match(error.message, /did not finish within 400ms/)
  assert.equal(server.log.length, 1)
})

test('headers that never come still time out, as headers', { timeout: 10_000 }, async (t) => {
  const server = await startServer(() => {})
  const fetcher = createFetcher(testOptions({ headersTimeoutMs: 150, totalTimeoutMs: 5000, maxRetries: 0 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const blocker = setTimeout(() => blockFor(400), 20)
  t.after(() => clearTimeout(blocker))
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/silent` }), 'FETCH_TIMEOUT')
  assert.match(error.message, /sent no response headers within 150ms/)
})
