import { test } from 'node:test'
import assert from 'node:assert/strict'
import { crawl } from '../../src/crawl/crawl.js'
import { RoundupError } from '../../src/errors.js'
import type { ExtractedPage } from '../../src/extract/types.js'
import type { Fetcher, FetchRequest, FetchResult } from '../../src/fetch/types.js'
import { createMemoryStore } from '../../src/store/index.js'

// A fake web: each URL maps to a page description, or to an error the fetcher would throw.
type Fake = { title?: string; authors?: string[]; crossrefs?: Array<{ url: string; entryText: string; author?: string; site?: string }>; body?: string[]; redirectTo?: string; error?: RoundupError; notModified?: boolean }

function fakeFetcher(web: Record<string, Fake>, requests: FetchRequest[] = []): Fetcher {
  return {
    async fetch(request) {
      requests.push(request)
      const page = web[request.url]
      if (!page) throw new RoundupError('FETCH_STATUS', `GET ${request.url} returned 404`, { url: request.url, status: 404 })
      if (page.error) throw page.error
      const finalUrl = page.redirectTo ?? request.url
      return { url: request.url, finalUrl, status: page.notModified ? 304 : 200, headers: {}, contentType: 'text/html', body: page.notModified ? '' : JSON.stringify({ ...page, url: finalUrl }), charset: 'utf-8', charsetSource: 'header', bytes: 10, redirects: page.redirectTo ? [finalUrl] : [], etag: '"e1"', lastModified: null, notModified: page.notModified === true, attempts: 1, durationMs: 1 } satisfies FetchResult
    },
    async close() {},
    stats: () => ({ requests: requests.length, byHost: {} }),
  }
}

function fakeExtract(html: string): ExtractedPage {
  const page = JSON.parse(html) as Fake & { url: string }
  const target = page.redirectTo ? web[page.redirectTo] : page
  return {
    url: page.url, canonicalUrl: null, title: target?.title ?? page.title ?? null, authors: page.authors ?? [], published: null, updated: null, excerpt: null,
    siteName: null, lang: null, feeds: [], text: '', sources: {}, candidates: {},
    links: [...(page.crossrefs ?? []).map((c) => ({ url: c.url, text: c.entryText, kind: 'crossref' as const })), ...(page.body ?? []).map((url) => ({ url, text: '', kind: 'body' as const }))],
    crossRefs: page.crossrefs?.length ? [{ heading: 'Other blog posts on the same session:', entries: page.crossrefs.map((c) => ({ url: c.url, text: c.entryText, entryText: c.entryText, claimedAuthor: c.author ?? null, claimedSite: c.site ?? null })) }] : [],
  }
}

const SEED = 'http://seed.example/post.html'
const web: Record<string, Fake> = {
  [SEED]: {
    title: 'Seed', authors: ['Holger'], crossrefs: [
      { url: 'http://a.example/a', entryText: 'Jessica Valenzuela, Maven Digital Mashup', author: 'Jessica Valenzuela', site: 'Maven Digital Mashup' },
      { url: 'http://b.example/b?utm_source=x', entryText: 'Mia Dand, Marketing Mystic', author: 'Mia Dand', site: 'Marketing Mystic' },
      { url: 'http://b.example/b#comments', entryText: 'Mia Dand again' },
      { url: 'http://gone.example/x', entryText: 'Michael Cayley, Social Capital Value Add', author: 'Michael Cayley' },
      { url: 'http://robots.example/r', entryText: 'Jennifer Leggio, ZDNet', author: 'Jennifer Leggio' },
      { url: 'http://old.example/moved', entryText: 'Susan Etlinger, Brass Tacks', author: 'Susan Etlinger' },
    ],
  },
  'http://a.example/a': { title: 'A', authors: ['Jessica V.'], body: [SEED], crossrefs: [{ url: 'http://deep.example/d', entryText: 'Deep' }] },
  'http://b.example/b': { title: 'B' },
  'http://robots.example/r': { error: new RoundupError('FETCH_ROBOTS', 'robots.txt of http://robots.example disallows /r') },
  'http://old.example/moved': { redirectTo: 'http://new.example/here', title: 'Moved' },
  'http://new.example/here': { title: 'Moved' },
  'http://deep.example/d': { title: 'Deep' },
}

test('crawl: seed plus listed posts form one event, with outcomes for every URL', async () => {
  const store = createMemoryStore()
  const requests: FetchRequest[] = []
  const report = await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher: fakeFetcher(web, requests), store, extract: fakeExtract })
  const outcomes = Object.fromEntries(report.urls.map((u) => [u.url, u.outcome]))
  assert.deepEqual(outcomes, {
    [SEED]: 'stored',
    'http://a.example/a': 'stored',
    'http://b.example/b': 'stored',
    'http://gone.example/x': 'error:http-404',
    'http://robots.example/r': 'skipped:robots',
    'http://old.example/moved': 'stored',
  })
  // utm and fragment variants were fetched once; depth 1 does not follow A's own list.
  assert.equal(requests.filter((r) => r.url === 'http://b.example/b').length, 1)
  assert.ok(!requests.some((r) => r.url === 'http://deep.example/d'))
  const event = store.listEvents()[0]!
  assert.equal(event.title, 'Seed')
  assert.equal(event.posts.length, 6)
  // Page author wins over the claim; the claim fills in where the page named nobody.
  assert.deepEqual(store.getPost('http://a.example/a')!.authors, ['Jessica V.'])
  assert.deepEqual(store.getPost('http://b.example/b')!.authors, ['Mia Dand'])
  assert.equal(store.getPost('http://b.example/b')!.sources.author, 'crossref-claim')
  assert.equal(store.getPost('http://b.example/b')!.siteName, 'Marketing Mystic')
  assert.equal(store.getPost('http://gone.example/x')!.status, 'gone')
  assert.equal(store.getPost('http://robots.example/r')!.status, 'skipped')
  assert.equal(store.getPost('http://old.example/moved')!.finalUrl, 'http://new.example/here')
  assert.equal(store.getPost('http://a.example/a')!.etag, '"e1"')
})

test('crawl: tells expectPages how many new pages it has handed out, as the count grows; a re-crawl of known members tells nothing', async () => {
  const told: number[] = []
  const requests: FetchRequest[] = []
  const store = createMemoryStore()
  await crawl({ seeds: [SEED], depth: 2, maxPages: 50 }, { fetcher: fakeFetcher(web, requests), store, extract: fakeExtract, expectPages: (pages) => told.push(pages) })
  const pageRequests = requests.filter((r) => (r.kind ?? 'page') === 'page').length
  assert.ok(pageRequests >= 7, `${pageRequests} pages`)
  assert.deepEqual(told, Array.from({ length: pageRequests }, (_, i) => i + 1))
  const again: number[] = []
  await crawl({ seeds: [SEED], depth: 2, maxPages: 50 }, { fetcher: fakeFetcher(web), store, extract: fakeExtract, expectPages: (pages) => again.push(pages) })
  assert.deepEqual(again, [])
})

test('crawl: --depth 2 follows listed posts\' own lists; --max-pages bounds fetches', async () => {
  const deep = createMemoryStore()
  await crawl({ seeds: [SEED], depth: 2, maxPages: 50 }, { fetcher: fakeFetcher(web), store: deep, extract: fakeExtract })
  assert.equal(deep.getPost('http://deep.example/d')!.outcome, 'stored')
  const capped = createMemoryStore()
  const report = await crawl({ seeds: [SEED], depth: 1, maxPages: 3 }, { fetcher: fakeFetcher(web), store: capped, extract: fakeExtract })
  assert.equal(report.urls.filter((u) => u.outcome === 'skipped:max-pages').length, 3)
  assert.equal(report.counts.total, 6)
})

test('crawl: a re-crawl updates the event instead of duplicating it, and keeps stored fields on failure', async () => {
  const store = createMemoryStore()
  await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher: fakeFetcher(web), store, extract: fakeExtract })
  const broken = { ...web, 'http://a.example/a': { error: new RoundupError('FETCH_TIMEOUT', 'GET http://a.example/a timed out') } }
  const report = await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher: fakeFetcher(broken), store, extract: fakeExtract })
  assert.equal(report.event.created, false)
  assert.equal(store.listEvents().length, 1)
  assert.equal(store.listEvents()[0]!.posts.length, 6)
  const a = store.getPost('http://a.example/a')!
  assert.equal(a.outcome, 'error:timeout')
  assert.equal(a.title, 'A')
  assert.equal(a.status, 'ok')
})

test('crawl: a 304 on re-crawl reuses the stored cross-reference links', async () => {
  const store = createMemoryStore()
  await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher: fakeFetcher(web), store, extract: fakeExtract })
  const requests: FetchRequest[] = []
  const unchanged = { ...web, [SEED]: { notModified: true } }
  const report = await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher: fakeFetcher(unchanged, requests), store, extract: fakeExtract })
  assert.equal(report.urls.find((u) => u.url === SEED)!.outcome, 'not-modified')
  assert.equal(requests.find((r) => r.url === SEED)!.etag, '"e1"')
  assert.ok(requests.some((r) => r.url === 'http://a.example/a'))
  assert.equal(store.getPost(SEED)!.title, 'Seed')
})

test('crawl: two listed URLs that redirect to one page give one post', async () => {
  const store = createMemoryStore()
  const twins: Record<string, Fake> = {
    [SEED]: { title: 'Seed', crossrefs: [{ url: 'http://x.example/1', entryText: 'One' }, { url: 'http://x.example/2', entryText: 'Two' }] },
    'http://x.example/1': { redirectTo: 'http://x.example/final', title: 'Final' },
    'http://x.example/2': { redirectTo: 'http://x.example/final', title: 'Final' },
  }
  const report = await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher: fakeFetcher(twins), store, extract: fakeExtract })
  const outcomes = report.urls.map((u) => u.outcome).sort()
  assert.deepEqual(outcomes, ['skipped:duplicate', 'stored', 'stored'])
  assert.equal(store.listEvents()[0]!.posts.length, 2)
})

/** `base`, answering every feed request with `body`. */
function withFeed(base: Fetcher, body: string, contentType: string, requests: FetchRequest[] = []): Fetcher {
  return {
    ...base,
    async fetch(request) {
      if (request.kind !== 'feed') return base.fetch(request)
      requests.push(request)
      return { url: request.url, finalUrl: request.url, status: 200, headers: {}, contentType, body, charset: 'utf-8', charsetSource: 'header', bytes: body.length, redirects: [], etag: null, lastModified: null, notModified: false, attempts: 1, durationMs: 1 }
    },
  }
}

test('crawl: the blog feed fills an author and date the page left out, once per feed', async () => {
  const store = createMemoryStore()
  const requests: FetchRequest[] = []
  const feedXml = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog F</title>
    <item><title>F1</title><link>http://f.example/1?utm_source=rss</link><dc:creator>Susan Etlinger</dc:creator><pubDate>Wed, 01 Apr 2009 18:05:00 +0000</pubDate><description>From the feed.</description></item>
  </channel></rss>`
  const base = fakeFetcher({
    [SEED]: { title: 'Seed', crossrefs: [{ url: 'http://f.example/1', entryText: 'Susan, Brass Tacks', author: 'Susan' }, { url: 'http://f.example/2', entryText: 'Other' }] },
    'http://f.example/1': { title: 'F1' },
    'http://f.example/2': { title: 'F2' },
  }, requests)
  const fetcher = withFeed(base, feedXml, 'application/rss+xml', requests)
  const extract = (html: string, url: string) => ({ ...fakeExtract(html), feeds: url.startsWith('http://f.example') ? [{ url: 'http://f.example/feed', type: 'rss' as const, title: null }] : [] })
  await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher, store, extract })
  const post = store.getPost('http://f.example/1')!
  // The feed's dc:creator beats the seed's claim ("Susan"), since the claim is only a fallback.
  assert.deepEqual(post.authors, ['Susan Etlinger'])
  assert.equal(post.sources.author, 'feed')
  assert.equal(post.sources.published, 'feed')
  assert.equal(post.excerpt, 'From the feed.')
  assert.equal(requests.filter((r) => r.kind === 'feed').length, 1)
  assert.equal(store.getFeed('http://f.example/feed')!.outcome, 'stored')
  // The second post is not in the feed: nothing is invented for it.
  assert.equal(store.getPost('http://f.example/2')!.published, null)
})

test('crawl: a JSON Feed fills what the page left out, as an RSS feed does', async () => {
  const store = createMemoryStore()
  const feedJson = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: 'Blog F',
    items: [{ id: 'f1', url: 'http://f.example/1', title: 'F1', authors: [{ name: 'Susan Etlinger' }], date_published: '2009-04-01T18:05:00+02:00', summary: 'From the JSON feed.' }],
  })
  const base = fakeFetcher({ [SEED]: { title: 'Seed', crossrefs: [{ url: 'http://f.example/1', entryText: 'Susan, Brass Tacks' }] }, 'http://f.example/1': { title: 'F1' } })
  const fetcher = withFeed(base, feedJson, 'application/feed+json')
  const extract = (html: string, url: string) => ({ ...fakeExtract(html), feeds: url.startsWith('http://f.example') ? [{ url: 'http://f.example/feed.json', type: 'json' as const, title: null }] : [] })
  await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher, store, extract })
  const post = store.getPost('http://f.example/1')!
  assert.deepEqual(post.authors, ['Susan Etlinger'])
  assert.equal(post.sources.author, 'feed')
  // The feed's own offset is kept: the post's day is the blogger's 1 April.
  assert.equal(post.published, '2009-04-01T18:05:00+02:00')
  assert.equal(post.excerpt, 'From the JSON feed.')
  assert.equal(store.getFeed('http://f.example/feed.json')!.outcome, 'stored')
})

test('crawl: snowball follows body links only with followBody, and keeps only on-topic pages', async () => {
  const snow: Record<string, Fake> = {
    [SEED]: { title: 'Why social media marketing fails at Web 2.0 Expo', body: ['http://c.example/2009/04/social-media-marketing-fails-panel.html', 'http://d.example/2009/04/sourdough-recipe.html', 'http://e.example/photo.jpg'] },
    'http://c.example/2009/04/social-media-marketing-fails-panel.html': { title: 'Social media marketing fails without buy-in: Web 2.0 Expo panel' },
    'http://d.example/2009/04/sourdough-recipe.html': { title: 'A sourdough recipe' },
  }
  const plain = createMemoryStore()
  const requests: FetchRequest[] = []
  await crawl({ seeds: [SEED], depth: 2, maxPages: 50 }, { fetcher: fakeFetcher(snow, requests), store: plain, extract: fakeExtract })
  assert.equal(requests.length, 1, 'body links are not followed by default')

  const store = createMemoryStore()
  const report = await crawl({ seeds: [SEED], depth: 2, maxPages: 50, followBody: true }, { fetcher: fakeFetcher(snow), store, extract: fakeExtract })
  const outcomes = Object.fromEntries(report.urls.map((u) => [u.url, u.outcome]))
  assert.equal(outcomes['http://c.example/2009/04/social-media-marketing-fails-panel.html'], 'stored')
  assert.equal(outcomes['http://d.example/2009/04/sourdough-recipe.html'], 'skipped:off-topic')
  assert.equal(outcomes['http://e.example/photo.jpg'], undefined, 'a file is never fetched')
  const members = store.listEvents()[0]!.posts
  assert.deepEqual(members.map((m) => [m.url, m.reason]).sort(), [[SEED, 'seed'], ['http://c.example/2009/04/social-media-marketing-fails-panel.html', 'body-link']].sort())
  assert.match(store.getPost('http://d.example/2009/04/sourdough-recipe.html')!.reason!, /too few words/)
})

test('crawl: a post the user removed is not fetched again, even when listed under a URL that redirects to it', async () => {
  const store = createMemoryStore()
  await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher: fakeFetcher(web), store, extract: fakeExtract })
  const event = store.listEvents()[0]!
  event.removed = ['http://a.example/a', 'http://new.example/here']
  event.posts = event.posts.filter((m) => m.url !== 'http://a.example/a' && m.url !== 'http://old.example/moved')
  store.putEvent(event)
  const requests: FetchRequest[] = []
  const report = await crawl({ seeds: [SEED], depth: 1, maxPages: 50 }, { fetcher: fakeFetcher(web, requests), store, extract: fakeExtract })
  const outcomes = Object.fromEntries(report.urls.map((u) => [u.url, u.outcome]))
  assert.equal(outcomes['http://a.example/a'], 'skipped:removed')
  assert.ok(!requests.some((r) => r.url === 'http://a.example/a'))
  assert.equal(outcomes['http://old.example/moved'], 'skipped:removed')
  const members = store.listEvents()[0]!.posts.map((m) => m.url)
  assert.ok(!members.includes('http://a.example/a'))
  assert.ok(!members.includes('http://old.example/moved'))
  assert.equal(members.length, 4)
})

test('crawl: pingbacks and trackbacks listed under a post are followed as coverage', async () => {
  const { extractPage } = await import('../../src/extract/index.js')
  const pages: Record<string, string> = {
    [SEED]: `<html><head><title>Seed post</title></head><body><article class="post"><h1>Seed post</h1><p>Notes from the Web 2.0 Expo panel on why social media marketing fails.</p></article>
      <ol class="commentlist"><li class="pingback"><p>Pingback: <a href="http://ping.example/2009/04/my-take.html">My take on the panel</a></p></li>
      <li class="comment"><p><a href="http://commenter.example/">Commenter</a> said: great notes</p></li></ol></body></html>`,
    'http://ping.example/2009/04/my-take.html': '<html><head><title>My take on the panel</title></head><body><article><h1>My take on the panel</h1><p>I read the seed post and agree.</p></article></body></html>',
  }
  const requests: string[] = []
  const fetcher: Fetcher = {
    async fetch(request) {
      requests.push(request.url)
      const body = pages[request.url]
      if (!body) throw new RoundupError('FETCH_STATUS', `GET ${request.url} returned 404`, { status: 404 })
      return { url: request.url, finalUrl: request.url, status: 200, headers: {}, contentType: 'text/html', body, charset: 'utf-8', charsetSource: 'header', bytes: body.length, redirects: [], etag: null, lastModified: null, notModified: false, attempts: 1, durationMs: 1 }
    },
    async close() {},
    stats: () => ({ requests: requests.length, byHost: {} }),
  }
  const store = createMemoryStore()
  await crawl({ seeds: [SEED], depth: 1, maxPages: 10 }, { fetcher, store, extract: extractPage, useFeeds: false })
  const members = store.listEvents()[0]!.posts
  assert.deepEqual(members.map((m) => [m.url, m.reason]), [[SEED, 'seed'], ['http://ping.example/2009/04/my-take.html', 'pingback']])
  assert.ok(!requests.includes('http://commenter.example/'), 'an ordinary commenter link is not coverage')
})
