import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createMemoryStore, emptyPost, type StoredEvent } from '../../src/store/index.js'
import { createContext, type RefreshContext } from '../../src/refresh/context.js'
import { refreshFeed } from '../../src/refresh/feeds.js'
import { judgeItems } from '../../src/refresh/coverage.js'
import type { FeedItem } from '../../src/feeds/types.js'
import type { Fetcher } from '../../src/fetch/types.js'

const item = (link: string): FeedItem => ({ link, guid: null, title: 'x', authors: [], published: '2020-01-01T00:00:00Z', updated: null, categories: [], excerpt: null, commentsFeed: null })

test("judging many feeds reads the event's member posts once per version of the event, not once per feed", async () => {
  const store = createMemoryStore()
  const members = Array.from({ length: 40 }, (_, i) => `http://blog${i}.example/post.html`)
  for (const url of members) store.putPost({ ...emptyPost(url, '2024-01-01T00:00:00Z'), published: '2024-01-01T00:00:00Z', finalUrl: url.replace('post', 'final') })
  const event: StoredEvent = { id: 'e', title: 'E', titleSource: 'user', seeds: [members[0]!], posts: members.slice(1).map((url) => ({ url })) as StoredEvent['posts'], createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' }
  store.putEvent(event)
  let reads = 0
  const counting = { ...store, getPost: (url: string) => (reads++, store.getPost(url)) }
  const fetcher = { fetch: () => assert.fail('nothing here needs fetching') } as unknown as Fetcher
  const ctx = createContext({}, { fetcher, store: counting, extract: () => assert.fail('nothing to extract') })
  // Each feed lists only members (by key or final URL) and a post from before the event: nothing to judge.
  for (let feed = 0; feed < 30; feed++) {
    await judgeItems('e', [item(members[feed]!), item(members[feed + 1]!.replace('post', 'final')), item(`http://blog${feed}.example/old.html`)], ctx)
  }
  // Aliases read every member once and the start reads the dated seed: 41 reads, where 30 feeds used to cost 1,230.
  assert.equal(reads, members.length + 1)
  // A new version of the event (another member) is read afresh.
  const extra = 'http://late.example/post.html'
  store.putPost({ ...emptyPost(extra, '2024-01-01T00:00:00Z'), published: '2024-01-02T00:00:00Z' })
  store.putEvent({ ...event, posts: [...event.posts, { url: extra } as StoredEvent['posts'][number]] })
  await judgeItems('e', [item(extra)], ctx)
  assert.equal(reads, members.length + 1 + (members.length + 1) + 1)
})

test('a member post changed during the run (its date filled from a later feed) is seen by the judging that follows', async () => {
  const seed = 'http://a.example/seed.html'
  const coverage = 'http://c.example/coverage.html'
  const store = createMemoryStore()
  // The seed has no date yet: the event starts when it was created, 2024-06-01.
  store.putPost({ ...emptyPost(seed, '2024-06-01T00:00:00Z'), status: 'ok', title: 'Seed' })
  store.putEvent({ id: 'e', title: 'E', titleSource: 'user', seeds: [seed], posts: [{ url: seed, depth: 0, via: null, reason: 'seed', addedAt: '2024-06-01T00:00:00Z' }] as StoredEvent['posts'], createdAt: '2024-06-01T00:00:00Z', updatedAt: '2024-06-01T00:00:00Z' })
  const polled = (url: string, items: FeedItem[]) => ({
    result: { url, finalUrl: url, status: 200, headers: {}, contentType: 'application/rss+xml', body: '', charset: 'utf-8', charsetSource: 'header', bytes: 0, notModified: false },
    feed: { url, kind: 'rss', title: 'f', siteUrl: null, items, totalItems: items.length, ttlMinutes: null },
    hints: null,
  }) as unknown as ReturnType<RefreshContext['discovered']['get']> & object
  const fetched: string[] = []
  const fetcher = {
    fetch: async ({ url }: { url: string }) => (fetched.push(url), { url, finalUrl: url, status: 200, headers: {}, contentType: 'text/html', body: '<html></html>', charset: 'utf-8', charsetSource: 'header', bytes: 13, notModified: false }),
    stats: () => ({ requests: fetched.length }),
  } as unknown as Fetcher
  const extract = (_html: string, url: string) => ({ ...emptyPost(url, '2024-07-01T00:00:00Z'), title: 'Coverage', feeds: [], siteName: null, lang: null, links: [{ url: seed, kind: 'body', text: 'seed' }] }) as never
  const ctx = createContext({ force: true }, { fetcher, store, extract, now: () => new Date('2024-07-01T00:00:00Z') })
  const dated = (link: string, published: string) => ({ ...item(link), published })
  ctx.discovered.set('http://x.example/feed', polled('http://x.example/feed', [dated('http://x.example/old.html', '2023-01-01T00:00:00Z')]))
  // The seed's own blog dates it 2024-01-01 and lists, dated 2024-01-05, a post that links to it.
  ctx.discovered.set('http://a.example/feed', polled('http://a.example/feed', [dated(seed, '2024-01-01T00:00:00Z'), dated(coverage, '2024-01-05T00:00:00Z')]))
  await refreshFeed('http://x.example/feed', ['e'], ctx)
  await refreshFeed('http://a.example/feed', ['e'], ctx)
  assert.equal(store.getPost(seed)!.published, '2024-01-01T00:00:00Z')
  // With the start worked out before the seed had a date, a post of 2024-01-05 looked older than the event.
  assert.ok(fetched.includes(coverage))
  assert.ok(store.getEvent('e')!.posts.some((m) => m.url === coverage))
})
