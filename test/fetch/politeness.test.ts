import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as delay } from 'node:timers/promises'
import { createFetcher } from '../../src/fetch/index.js'
import { maxInFlight, minGapMs, startServer } from '../helpers/server.js'
import type { LoggedRequest } from '../helpers/server.js'
import { testOptions } from './options.js'

test('one host: never two requests at once, and each starts delayMs after the previous finished', async (t) => {
  const server = await startServer(async (req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end()
    await delay(10)
    res.setHeader('content-type', 'text/html')
    res.end(`<title>${req.url}</title>`)
  })
  const fetcher = createFetcher(testOptions({ delayMs: 100, respectRobots: true }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const pages = ['/a', '/b', '/c', '/d'].map((path) => fetcher.fetch({ url: server.origin + path }))
  const results = await Promise.all(pages)
  assert.deepEqual(results.map((r) => r.body), ['/a', '/b', '/c', '/d'].map((p) => `<title>${p}</title>`))
  assert.equal(server.log.length, 5, 'robots.txt plus four pages')
  assert.equal(server.log[0]!.path, '/robots.txt')
  assert.equal(maxInFlight(server.log), 1)
  assert.ok(minGapMs(server.log) >= 100, `gap ${minGapMs(server.log)}ms`)
  const stats = fetcher.stats()
  assert.equal(stats.requests, 5)
  assert.deepEqual(stats.byHost[server.origin], { requests: 5, maxInFlight: 1 })
})

test('perHost allows that many at once, and no more', async (t) => {
  const server = await startServer(async (_req, res) => {
    await delay(30)
    res.end('ok')
  })
  const fetcher = createFetcher(testOptions({ perHost: 2 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  await Promise.all(Array.from({ length: 6 }, (_, i) => fetcher.fetch({ url: `${server.origin}/${i}` })))
  assert.equal(maxInFlight(server.log), 2)
  assert.equal(fetcher.stats().byHost[server.origin]!.maxInFlight, 2)
})

test('the global limit holds across hosts', async (t) => {
  const handler = async (_req: unknown, res: { end(s: string): void }) => {
    await delay(20)
    res.end('ok')
  }
  const a = await startServer(handler, { host: '127.0.0.2' })
  const b = await startServer(handler, { host: '127.0.0.3' })
  const fetcher = createFetcher(testOptions({ concurrency: 1, perHost: 4 }))
  t.after(async () => {
    await fetcher.close()
    await Promise.all([a.close(), b.close()])
  })
  const urls = [0, 1, 2].flatMap((i) => [`${a.origin}/${i}`, `${b.origin}/${i}`])
  await Promise.all(urls.map((url) => fetcher.fetch({ url })))
  assert.equal(maxInFlight([...a.log, ...b.log]), 1)
  assert.equal(fetcher.stats().requests, 6)
})

test('a slow host waiting for its own slot does not hold the global slots other hosts need', async (t) => {
  let release: (by: string) => void = () => {}
  const released = new Promise<string>((resolve) => (release = resolve))
  // Fallback so a scheduling bug shows up as a failed assertion, not a hung test.
  const fallback = setTimeout(() => release('timeout'), 3000)
  const slow = await startServer(async (_req, res) => {
    await released
    res.end('slow')
  }, { host: '127.0.0.2' })
  const fast = await startServer((_req, res) => void res.end('fast'), { host: '127.0.0.3' })
  const fetcher = createFetcher(testOptions({ concurrency: 2, perHost: 1, delayMs: 20 }))
  t.after(async () => {
    clearTimeout(fallback)
    await fetcher.close()
    await Promise.all([slow.close(), fast.close()])
  })
  // The slow host's URLs go first: with a global-first order they would take both global slots.
  const slowPages = [1, 2, 3].map((i) => fetcher.fetch({ url: `${slow.origin}/${i}` }))
  const fastPages = [1, 2, 3, 4, 5].map((i) => fetcher.fetch({ url: `${fast.origin}/${i}` }))
  void Promise.all(fastPages).then(() => release('fast'))
  await Promise.all([...slowPages, ...fastPages])
  assert.equal(await released, 'fast', 'the fast host finished while the slow host was stuck')
  const firstSlowEnd = Math.min(...slow.log.map((r: LoggedRequest) => r.endedAt ?? Infinity))
  assert.ok(fast.log.every((r) => r.endedAt !== null && r.endedAt < firstSlowEnd))
  assert.equal(maxInFlight(slow.log), 1)
})

test('an aborted caller leaves the queue at once with FETCH_ABORTED', async (t) => {
  const server = await startServer(async (_req, res) => {
    await delay(20)
    res.end('ok')
  })
  const fetcher = createFetcher(testOptions({ delayMs: 200 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  await fetcher.fetch({ url: `${server.origin}/first` })
  const controller = new AbortController()
  const waiting = fetcher.fetch({ url: `${server.origin}/second`, signal: controller.signal })
  controller.abort()
  await assert.rejects(waiting, { code: 'FETCH_ABORTED' })
  // The queued request never reached the server.
  await delay(250)
  assert.deepEqual(server.log.map((r) => r.path), ['/first'])
})

test('close() aborts pending fetches and refuses new ones', { timeout: 10_000 }, async (t) => {
  const server = await startServer(() => {})
  t.after(() => server.close())
  const fetcher = createFetcher(testOptions())
  const pending = fetcher.fetch({ url: `${server.origin}/hang` })
  const rejected = assert.rejects(pending, { code: 'FETCH_ABORTED' })
  await delay(50)
  await fetcher.close()
  await rejected
  await assert.rejects(fetcher.fetch({ url: `${server.origin}/later` }), { code: 'FETCH_ABORTED' })
})
