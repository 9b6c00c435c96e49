import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createMemoryStore, emptyPost, type StoredEvent } from '../../src/store/index.js'
import { createContext } from '../../src/refresh/context.js'
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
