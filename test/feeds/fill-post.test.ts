import { test } from 'node:test'
import assert from 'node:assert/strict'
import { applyFeedItem, findFeedItem } from '../../src/feeds/fill-post.js'
import type { FeedItem } from '../../src/feeds/types.js'
import { emptyPost } from '../../src/store/schema.js'

const URL_A = 'https://blog.example/2009/04/session.html'

function item(fields: Partial<FeedItem>): FeedItem {
  return { link: URL_A, guid: null, title: 'Session notes', authors: [], published: null, updated: null, categories: [], excerpt: null, commentsFeed: null, ...fields }
}

test('applyFeedItem: fills what the page left out, and says so', () => {
  const post = emptyPost(URL_A, '2009-04-02T00:00:00Z')
  const filled = applyFeedItem(post, item({ authors: ['Ada Lovelace'], published: '2009-04-01T10:32:00-07:00', updated: '2009-04-03T08:00:00-07:00', categories: ['web2expo', 'social media'], excerpt: 'The panel argued that social media is a change tool.' }))
  assert.equal(filled, true)
  assert.deepEqual(post.authors, ['Ada Lovelace'])
  assert.equal(post.published, '2009-04-01T10:32:00-07:00')
  assert.equal(post.updated, '2009-04-03T08:00:00-07:00')
  assert.deepEqual(post.categories, ['web2expo', 'social media'])
  assert.equal(post.excerpt, 'The panel argued that social media is a change tool.')
  assert.deepEqual(post.sources, { author: 'feed', published: 'feed', excerpt: 'feed' })
})

test("applyFeedItem: the page's own values win; the feed's are kept as candidates, once", () => {
  const post = emptyPost(URL_A, '2009-04-02T00:00:00Z')
  Object.assign(post, { authors: ['Grace Hopper'], published: '2009-04-01', excerpt: 'From the page.', categories: ['mine'] })
  post.sources = { author: 'microformats', published: 'json-ld', excerpt: 'heuristic' }
  const feedItem = item({ authors: ['G. Hopper'], published: '2009-04-02T00:00:00Z', categories: ['theirs'], excerpt: 'From the feed.' })
  assert.equal(applyFeedItem(post, feedItem), true, 'new candidates change the post, so it is saved')
  assert.equal(applyFeedItem(post, feedItem), false, 'the same item again changes nothing')
  assert.deepEqual(post.authors, ['Grace Hopper'])
  assert.equal(post.published, '2009-04-01')
  assert.equal(post.excerpt, 'From the page.')
  assert.deepEqual(post.categories, ['mine'])
  const feed = (field: string) => (post.candidates[field] ?? []).filter((c) => c.source === 'feed').map((c) => c.value)
  assert.deepEqual(feed('author'), ['G. Hopper'])
  assert.deepEqual(feed('published'), ['2009-04-02T00:00:00Z'])
  assert.deepEqual(feed('excerpt'), ['From the feed.'])
})

test("applyFeedItem: a feed's author replaces one only claimed by another blogger's list", () => {
  const post = emptyPost(URL_A, '2009-04-02T00:00:00Z')
  post.authors = ['Ada']
  post.sources = { author: 'crossref-claim' }
  applyFeedItem(post, item({ authors: ['Ada Lovelace'] }))
  assert.deepEqual(post.authors, ['Ada Lovelace'])
  assert.equal(post.sources.author, 'feed')
})

test('applyFeedItem: a long feed summary becomes an excerpt of at most 300 characters, cut on a word', () => {
  const post = emptyPost(URL_A, '2009-04-02T00:00:00Z')
  const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ')
  applyFeedItem(post, item({ excerpt: words }))
  assert.ok(post.excerpt!.length <= 300, `${post.excerpt!.length} characters`)
  assert.ok(post.excerpt!.endsWith('…'))
  assert.match(post.excerpt!, /word\d+…$/, 'no half word before the ellipsis')
  assert.ok(words.startsWith(post.excerpt!.slice(0, -1)))
})

test('findFeedItem: matches the post by URL, final URL, canonical URL or guid, first in feed order', () => {
  const items = [
    item({ link: 'https://blog.example/other.html', title: 'other' }),
    item({ link: 'https://blog.example/moved.html', title: 'by final URL' }),
    item({ link: 'https://blog.example/x.html', guid: 'https://blog.example/2009/04/session.html?utm_source=feed', title: 'by guid' }),
  ]
  assert.equal(findFeedItem(items, { url: URL_A, finalUrl: null, canonicalUrl: null })?.title, 'by guid')
  assert.equal(findFeedItem(items, { url: URL_A, finalUrl: 'https://blog.example/moved.html#top', canonicalUrl: null })?.title, 'by final URL')
  assert.equal(findFeedItem(items, { url: 'https://blog.example/none.html', finalUrl: null, canonicalUrl: null }), undefined)
})
