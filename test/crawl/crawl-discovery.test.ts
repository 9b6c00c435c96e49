import { test } from 'node:test'
import assert from 'node:assert/strict'
import { crawl } from '../../src/crawl/crawl.js'
import { RoundupError } from '../../src/errors.js'
import type { ExtractedPage } from '../../src/extract/types.js'
import type { Fetcher, FetchRequest, FetchResult } from '../../src/fetch/types.js'
import { createMemoryStore } from '../../src/store/index.js'

const SEED = 'http://seed.example/post.html'
const LISTED = 'http://other.example/post.html'
const FEED = 'http://seed.example/feed.xml'

const result = (request: FetchRequest, body: string, contentType: string): FetchResult => ({
  url: request.url, finalUrl: request.url, status: 200, headers: {}, contentType, body, charset: 'utf-8', charsetSource: 'header',
  bytes: body.length, redirects: [], etag: null, lastModified: null, notModified: false, attempts: 1, durationMs: 1,
})

const page = (url: string, crossrefs: string[]): ExtractedPage => ({
  url, canonicalUrl: null, title: url, authors: [], published: null, updated: null, excerpt: null, siteName: null, lang: null,
  feeds: url === SEED ? [{ url: FEED, type: 'rss', title: null }] : [], text: '', sources: {}, candidates: {},
  links: crossrefs.map((u) => ({ url: u, text: u, kind: 'crossref' as const })),
  crossRefs: crossrefs.length ? [{ heading: 'Other blog posts on the same session:', entries: crossrefs.map((u) => ({ url: u, text: u, entryText: u, claimedAuthor: null, claimedSite: null })) }] : [],
})

test('crawl: a page\'s listed posts are queued before its blog feed is fetched', async () => {
  const order: string[] = []
  let releaseFeed: () => void = () => {}
  const feedHeld = new Promise<void>((resolve) => (releaseFeed = resolve))
  // Under politeness the feed can sit behind the host's other pages; here it is simply held
  // until the listed post has been requested (or 2 s pass, which fails the assertion below).
  const timer = setTimeout(() => releaseFeed(), 2000)
  const fetcher: Fetcher = {
    async fetch(request) {
      order.push(request.url)
      if (request.url === FEED) {
        await feedHeld
        order.push('feed answered')
        return result(request, '<rss version="2.0"><channel><title>Seed</title></channel></rss>', 'application/rss+xml')
      }
      if (request.url === LISTED) releaseFeed()
      if (request.url === SEED || request.url === LISTED) return result(request, request.url, 'text/html')
      throw new RoundupError('FETCH_STATUS', `GET ${request.url} returned 404`, { url: request.url, status: 404 })
    },
    async close() {},
    stats: () => ({ requests: order.length, byHost: {} }),
  }
  const report = await crawl(
    { seeds: [SEED], depth: 1, maxPages: 10 },
    { fetcher, store: createMemoryStore(), extract: (html) => page(html, html === SEED ? [LISTED] : []) },
  )
  clearTimeout(timer)
  assert.deepEqual(report.urls.map((u) => [u.url, u.outcome]).sort(), [[LISTED, 'stored'], [SEED, 'stored']])
  assert.ok(order.indexOf(LISTED) < order.indexOf('feed answered'), `order: ${order.join(' → ')}`)
})
