import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CONVENTIONAL_FEED_PATHS, discoverFeeds, findCommentFeed, isCommentFeedLink, type DiscoverDeps } from '../../src/feeds/discover.js'
import type { FeedItem } from '../../src/feeds/types.js'

/** A fake network: the URLs that parse as feeds, the home page's feed links, and a log of what was asked. */
function fakeDeps(feeds: string[], home: Array<{ url: string; title?: string }> = []): DiscoverDeps & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    verify: async (url) => {
      asked.push(url)
      return feeds.includes(url) ? { ok: true, outcome: 'stored' } : { ok: false, outcome: 'error:http-404' }
    },
    homeFeeds: async (url) => {
      asked.push(`home ${url}`)
      return home.map((h) => ({ url: h.url, type: 'rss' as const, title: h.title ?? null }))
    },
  }
}

test('step 1: a feed linked from the site\'s posts wins, verified by parsing, comment feeds skipped', async () => {
  const deps = fakeDeps(['http://blog.example/feed/'])
  const found = await discoverFeeds('http://blog.example', [
    { url: 'http://blog.example/2009/04/post/feed/', type: 'rss', title: 'Post » Comments Feed' },
    { url: 'http://blog.example/feed/', type: 'rss', title: 'Blog » Feed' },
  ], deps)
  assert.deepEqual(found, { feeds: ['http://blog.example/feed/'], method: 'post-link', tried: [{ url: 'http://blog.example/feed/', outcome: 'stored' }] })
  assert.deepEqual(deps.asked, ['http://blog.example/feed/'])
})

test('step 2: the home page\'s links when no post links a feed that parses', async () => {
  const deps = fakeDeps(['http://blog.example/rss.xml', 'http://blog.example/feed/'], [{ url: 'http://blog.example/comments/feed/', title: 'Comments Feed' }, { url: 'http://blog.example/rss.xml' }])
  const found = await discoverFeeds('http://blog.example', [{ url: 'http://blog.example/broken.xml', type: 'rss', title: null }], deps)
  assert.deepEqual(found.feeds, ['http://blog.example/rss.xml'])
  assert.equal(found.method, 'home-link')
  assert.deepEqual(found.tried, [{ url: 'http://blog.example/broken.xml', outcome: 'error:http-404' }, { url: 'http://blog.example/rss.xml', outcome: 'stored' }])
  // The conventions were never probed: an earlier step had the answer.
  assert.ok(!deps.asked.includes('http://blog.example/feed/'))
})

test('a linked feed that is down for now stops discovery: nothing is guessed, nothing recorded as missing', async () => {
  const deps = fakeDeps([])
  deps.verify = async (url) => (deps.asked.push(url), { ok: false, outcome: 'error:http-503', transient: true })
  const found = await discoverFeeds('http://blog.example', [{ url: 'http://blog.example/feed/', type: 'rss', title: null }], deps)
  assert.deepEqual(found, { feeds: [], method: 'none', tried: [{ url: 'http://blog.example/feed/', outcome: 'error:http-503' }], transient: true })
  assert.deepEqual(deps.asked, ['http://blog.example/feed/'])
})

test('step 3: platform conventions in order, the first that parses wins; none at all is recorded', async () => {
  const deps = fakeDeps(['http://blog.example/rss.xml', 'http://blog.example/index.xml'])
  const found = await discoverFeeds('http://blog.example', [], deps)
  assert.deepEqual(found.feeds, ['http://blog.example/rss.xml'])
  assert.equal(found.method, 'convention')
  assert.deepEqual(deps.asked, ['home http://blog.example/', 'http://blog.example/feeds/posts/default', 'http://blog.example/feed/', 'http://blog.example/rss.xml'])

  const none = await discoverFeeds('http://quiet.example:8080', [], fakeDeps([]))
  assert.equal(none.method, 'none')
  assert.deepEqual(none.feeds, [])
  assert.deepEqual(none.tried.map((t) => t.url), CONVENTIONAL_FEED_PATHS.map((p) => `http://quiet.example:8080${p}`))
})

test('comment feeds: wfw:commentRss, then Blogger\'s per-post feed from the entry id, then a link on the page', () => {
  const item = (over: Partial<FeedItem>): FeedItem => ({ link: null, guid: null, title: null, authors: [], published: null, updated: null, categories: [], excerpt: null, commentsFeed: null, ...over })
  assert.equal(findCommentFeed(item({ commentsFeed: 'http://wp.example/2009/04/p/feed/' }), 'http://wp.example/feed/', []), 'http://wp.example/2009/04/p/feed/')
  assert.equal(
    findCommentFeed(item({ guid: 'tag:blogger.com,1999:blog-2318264537760839142.post-5830214483910487364' }), 'http://holger.example/feeds/posts/default', []),
    'http://holger.example/feeds/5830214483910487364/comments/default',
  )
  assert.equal(findCommentFeed(undefined, null, [{ url: 'http://tp.example/blog/2009/04/post/comments/atom.xml' }]), 'http://tp.example/blog/2009/04/post/comments/atom.xml')
  assert.equal(findCommentFeed(item({ guid: 'http://wp.example/?p=1' }), 'http://wp.example/feed/', [{ url: 'http://wp.example/about/' }]), null)
  assert.equal(findCommentFeed(undefined, null, [{ url: 'not a url' }]), null)
})

test('isCommentFeedLink tells per-post comment feeds from the site feed', () => {
  assert.equal(isCommentFeedLink({ url: 'http://wp.example/comments/feed/', title: 'Comments Feed' }), true)
  assert.equal(isCommentFeedLink({ url: 'http://b.example/feeds/123/comments/default', title: null }), true)
  assert.equal(isCommentFeedLink({ url: 'http://wp.example/feed/', title: 'Maven » Feed' }), false)
  assert.equal(isCommentFeedLink({ url: 'http://b.example/feeds/posts/default', title: 'Change Facilitation - Atom' }), false)
})
