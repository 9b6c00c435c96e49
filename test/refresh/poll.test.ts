import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extractPage } from '../../src/extract/index.js'
import { createFetcher } from '../../src/fetch/index.js'
import { refresh } from '../../src/refresh/index.js'
import { createMemoryStore, emptyPost, emptyStore, type Store } from '../../src/store/index.js'
import { startServer, type TestServer } from '../helpers/server.js'
import { fetcherOptions } from './fixture.js'

const HOUR = 3_600_000

/** A blog on loopback whose answers the test changes as it goes. */
function blog() {
  const state = { robots: '', feedStatus: 200, retryAfter: '', feedPath: '/feed.xml', feedBody: null as Buffer | null }
  const feed = (origin: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>${origin}/</link><ttl>180</ttl>
<skipHours><hour>3</hour></skipHours>
<item><title>The post</title><link>${origin}/post.html</link><pubDate>${new Date(Date.now() - 86_400_000).toUTCString()}</pubDate></item></channel></rss>`
  const handler = (origin: () => string) => (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/'
    if (path === '/robots.txt') {
      if (!state.robots) return void res.writeHead(404).end()
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(state.robots)
    }
    if (path === state.feedPath) {
      if (state.feedStatus !== 200) return void res.writeHead(state.feedStatus, state.retryAfter ? { 'retry-after': state.retryAfter } : {}).end()
      if (state.feedBody) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(state.feedBody)
      if (req.headers['if-none-match'] === '"f1"') return void res.writeHead(304, { etag: '"f1"' }).end()
      return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"f1"', 'cache-control': 'max-age=600' }).end(feed(origin()))
    }
    if (path === '/post.html') {
      if (req.headers['if-none-match'] === '"p1"') return void res.writeHead(304, { etag: '"p1"' }).end()
      return void res.writeHead(200, { 'content-type': 'text/html', etag: '"p1"' }).end('<html><head><title>The post</title></head><body><h1>The post</h1><p>Some words about the panel and the session today.</p></body></html>')
    }
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Blog</title></head><body>No feed links here.</body></html>')
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  }
  return { state, handler }
}

function storeFor(server: TestServer, feedUrl: string | null): Store {
  const data = emptyStore()
  const url = `${server.origin}/post.html`
  const now = new Date().toISOString()
  data.posts[url] = { ...emptyPost(url, now), status: 'ok', outcome: 'stored', title: 'The post', fetchedAt: now, finalUrl: url, etag: '"p1"', feedUrl, published: new Date(Date.now() - 86_400_000).toISOString() }
  // What the crawl leaves: the linked feed, fetched and parsed once.
  if (feedUrl) data.feeds[feedUrl] = { url: feedUrl, title: 'Blog', outcome: 'stored', reason: null, httpStatus: 200, fetchedAt: now, etag: null, lastModified: null, itemCount: 1 }
  data.events.e = { id: 'e', title: 'The post', titleSource: 'derived', seeds: [url], posts: [{ url, depth: 0, via: null, reason: 'seed', addedAt: now }], createdAt: now, updatedAt: now }
  return createMemoryStore(data)
}

async function run(store: Store, force = false, now?: () => Date) {
  const fetcher = createFetcher(fetcherOptions())
  try {
    return await refresh({ force }, { store, fetcher, extract: extractPage, ...(now ? { now } : {}) })
  } finally {
    await fetcher.close()
  }
}

test('feed polls: unconditional first, If-None-Match after; ttl, max-age and skipHours set the next poll', async () => {
  const { handler } = blog()
  let origin = ''
  const server = await startServer(handler(() => origin))
  origin = server.origin
  try {
    const store = storeFor(server, `${server.origin}/feed.xml`)
    const first = await run(store)
    const feedRequests = () => server.log.filter((r) => r.path === '/feed.xml')
    assert.equal(feedRequests().length, 1)
    assert.equal(feedRequests()[0]!.headers['if-none-match'], undefined, 'no stored items yet: ask for the whole feed')
    const post = server.log.find((r) => r.path === '/post.html')!
    assert.equal(post.headers['if-none-match'], '"p1"', 'the post is asked for conditionally')
    assert.equal(post.status, 304)
    assert.equal(first.unchanged, 1)
    const feed = store.getFeed(`${server.origin}/feed.xml`)!
    assert.deepEqual(feed.hints, { ttlMinutes: 180, skipHours: [3], skipDays: [], maxAgeSeconds: 600, retryAfterSeconds: null })
    const wait = Date.parse(feed.nextPollAt!) - Date.parse(feed.lastPolledAt!)
    // A day-old event is polled hourly, but the feed's ttl asks for 3 hours (skipHours may push it one or two more).
    assert.ok(wait >= 3 * HOUR - 1000 && wait <= 5 * HOUR, `${wait / HOUR} h: ${feed.pollReason}`)
    assert.match(feed.pollReason ?? '', /hourly.*ttl 3 h/)
    assert.notEqual(new Date(feed.nextPollAt!).getUTCHours(), 3)

    const second = await run(store, true)
    assert.equal(feedRequests().length, 2)
    assert.equal(feedRequests()[1]!.headers['if-none-match'], '"f1"')
    assert.equal(feedRequests()[1]!.status, 304)
    assert.equal(second.feedsNotModified, 1)

    // Not due and not forced: nothing at all is sent, robots.txt included.
    const sent = server.log.length
    const idle = await run(store)
    assert.equal(server.log.length, sent)
    assert.deepEqual(idle.notDue, { feeds: 1, posts: 1, commentFeeds: 0 })
  } finally {
    await server.close()
  }
})

test('feed polls: Retry-After beyond what we wait sets the next poll; robots.txt applies to feeds too', async () => {
  const { state, handler } = blog()
  let origin = ''
  const server = await startServer(handler(() => origin))
  origin = server.origin
  try {
    const store = storeFor(server, `${server.origin}/feed.xml`)
    state.feedStatus = 503
    state.retryAfter = String(10 * 3600)
    const now = Date.now()
    const report = await run(store, false, () => new Date(now))
    assert.equal(report.errors, 1)
    assert.equal(report.failures[0]!.outcome, 'error:http-503')
    const feed = store.getFeed(`${server.origin}/feed.xml`)!
    assert.equal(Date.parse(feed.nextPollAt!), now + 10 * HOUR)
    assert.match(feed.pollReason ?? '', /Retry-After 10 h/)

    state.feedStatus = 200
    state.robots = 'User-agent: *\nDisallow: /feed.xml\n'
    const before = server.log.filter((r) => r.path === '/feed.xml').length
    const refused = await run(store, true)
    assert.equal(server.log.filter((r) => r.path === '/feed.xml').length, before, 'a disallowed feed is never requested')
    assert.equal(store.getFeed(`${server.origin}/feed.xml`)!.outcome, 'skipped:robots')
    assert.equal(refused.errors, 0, 'robots.txt saying no is recorded, not reported as trouble')
  } finally {
    await server.close()
  }
})

test('discovery: no feed link anywhere, so the platform conventions are probed and the one that parses is kept', async () => {
  const { state, handler } = blog()
  state.feedPath = '/feed/'
  let origin = ''
  const server = await startServer(handler(() => origin))
  origin = server.origin
  try {
    const store = storeFor(server, null)
    const report = await run(store)
    assert.equal(report.sitesDiscovered, 1)
    const site = store.getSite(server.origin)!
    assert.equal(site.method, 'convention')
    assert.deepEqual(site.feeds, [`${server.origin}/feed/`])
    assert.deepEqual(site.tried.map((t) => [new URL(t.url).pathname, t.outcome]), [['/feeds/posts/default', 'error:http-404'], ['/feed/', 'stored']])
    // The probe that found the feed was also this run's poll: it was fetched once.
    assert.equal(server.log.filter((r) => r.path === '/feed/').length, 1)
    assert.equal(store.getFeed(`${server.origin}/feed/`)?.items?.length, 1)
    assert.equal(report.feedsPolled, 1)
  } finally {
    await server.close()
  }
})

test('feed polls: a feed in ISO-8859-1 declared only in its XML declaration is decoded; a malformed one is a recorded error', async () => {
  const { state, handler } = blog()
  let origin = ''
  const server = await startServer(handler(() => origin))
  origin = server.origin
  try {
    const store = storeFor(server, `${server.origin}/feed.xml`)
    const latin1 = `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9</title><item><title>Caf\u00e9 D\u00e9bat \u00e0 Paris</title><link>${origin}/cafe.html</link></item></channel></rss>`
    state.feedBody = Buffer.from(latin1, 'latin1')
    const report = await run(store)
    assert.equal(report.errors, 0, JSON.stringify(report.failures))
    const feed = store.getFeed(`${server.origin}/feed.xml`)!
    assert.equal(feed.title, 'Caf\u00e9')
    assert.equal(feed.items?.[0]?.title, 'Caf\u00e9 D\u00e9bat \u00e0 Paris')

    state.feedBody = Buffer.from('<rss><channel><item><title>cut off')
    const broken = await run(store, true)
    assert.equal(broken.errors, 1)
    assert.equal(broken.failures[0]!.outcome, 'error:feed-invalid')
    assert.equal(store.getFeed(`${server.origin}/feed.xml`)!.outcome, 'error:feed-invalid')
    assert.equal(store.getFeed(`${server.origin}/feed.xml`)!.items?.[0]?.title, 'Caf\u00e9 D\u00e9bat \u00e0 Paris', 'the last good items stay')
  } finally {
    await server.close()
  }
})
