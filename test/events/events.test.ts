import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { crawl } from '../../src/crawl/crawl.js'
import { addMember, indexMembers } from '../../src/crawl/events.js'
import { buildDigest } from '../../src/digest/index.js'
import { RoundupError, isRoundupError } from '../../src/errors.js'
import { mergeEvents, removePost, renameEvent } from '../../src/events/index.js'
import type { ExtractedPage } from '../../src/extract/types.js'
import type { Fetcher, FetchRequest, FetchResult } from '../../src/fetch/types.js'
import { createMemoryStore } from '../../src/store/index.js'
import { EXPO, fixtureStore, makeEvent, NOW, STEUER } from './fixture.js'

const LATER = new Date('2026-12-01T00:00:00.000Z')

function rejects(fn: () => unknown, code: string, message?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(isRoundupError(error), String(error))
    assert.equal(error.code, code)
    if (message) assert.match(error.message, message)
    return true
  })
}

test('rename: new title from the user, same id; empty titles and unknown ids are refused', () => {
  const store = createMemoryStore(fixtureStore())
  const renamed = renameEvent(store, 'expo', '  Web 2.0 Expo:\n why it fails  ', LATER)
  assert.equal(renamed.id, 'expo')
  assert.equal(store.getEvent('expo')!.title, 'Web 2.0 Expo: why it fails')
  assert.equal(store.getEvent('expo')!.titleSource, 'user')
  assert.equal(store.getEvent('expo')!.updatedAt, LATER.toISOString())
  assert.equal(store.getEvent('expo')!.posts.length, 5, 'posts untouched')
  rejects(() => renameEvent(store, 'expo', ' \n '), 'OPTIONS_INVALID')
  rejects(() => renameEvent(store, 'nope', 'X'), 'EVENT_NOT_FOUND', /^no event "nope" in the store \(known: expo, steuer\)/)
})

test('merge: B\'s posts and seeds move into A, a shared post keeps its shortest path, B is deleted', () => {
  const data = fixtureStore()
  // B also holds one of A's posts, closer to its seed than in A.
  data.events.steuer!.posts.push({ url: EXPO[2]!.url, depth: 0, via: null, reason: 'seed', addedAt: NOW })
  data.events.steuer!.createdAt = '2026-01-01T00:00:00.000Z'
  const store = createMemoryStore(data)
  const result = mergeEvents(store, 'expo', 'steuer', LATER)
  assert.equal(result.movedPosts, 3)
  assert.equal(result.movedSeeds, 1)
  assert.equal(result.deleted, 'steuer')
  assert.equal(store.getEvent('steuer'), undefined)
  const merged = store.getEvent('expo')!
  assert.equal(merged.title, 'Web 2.0 Expo: social media marketing')
  assert.equal(merged.posts.length, 8)
  assert.deepEqual(merged.seeds, [EXPO[0]!.url, STEUER[0]!.url])
  assert.equal(merged.posts.find((p) => p.url === EXPO[2]!.url)!.depth, 0)
  assert.equal(merged.createdAt, '2026-01-01T00:00:00.000Z')
  assert.equal(merged.updatedAt, LATER.toISOString())
  assert.equal(buildDigest(store.snapshot()).events.length, 1)

  rejects(() => mergeEvents(store, 'expo', 'expo'), 'OPTIONS_INVALID', /into itself/)
  rejects(() => mergeEvents(store, 'expo', 'steuer'), 'EVENT_NOT_FOUND', /known: expo\)/)
  rejects(() => mergeEvents(store, 'gone', 'expo'), 'EVENT_NOT_FOUND')
})

test('merge: a post removed from A stays out even though B holds it', () => {
  const data = fixtureStore()
  data.events.steuer!.posts.push({ url: EXPO[1]!.url, depth: 1, via: null, reason: 'crossref', addedAt: NOW })
  const store = createMemoryStore(data)
  removePost(store, EXPO[1]!.url, { eventId: 'expo' })
  mergeEvents(store, 'expo', 'steuer')
  const merged = store.getEvent('expo')!
  assert.ok(!merged.posts.some((p) => p.url === EXPO[1]!.url))
  assert.ok(merged.removed!.includes(EXPO[1]!.url))
})

test('remove: by listed URL, redirect target or a tracking-tagged variant; remembered; unknown URLs are refused', () => {
  const data = fixtureStore()
  data.posts[EXPO[1]!.url]!.finalUrl = 'https://maven.example/recap-final/'
  data.events.steuer!.posts.push({ url: EXPO[3]!.url, depth: 1, via: null, reason: 'crossref', addedAt: NOW })
  const store = createMemoryStore(data)

  // The URL the digest links (after the redirect) is accepted and both URLs are remembered.
  const first = removePost(store, 'https://maven.example/recap-final/#comments', { now: LATER })
  assert.deepEqual(first, { url: 'https://maven.example/recap-final/', removedFrom: ['expo'], alreadyRemoved: [] })
  const expo = store.getEvent('expo')!
  assert.ok(!expo.posts.some((p) => p.url === EXPO[1]!.url))
  assert.deepEqual(new Set(expo.removed), new Set([EXPO[1]!.url, 'https://maven.example/recap-final/']))
  assert.equal(expo.updatedAt, LATER.toISOString())
  assert.ok(store.getPost(EXPO[1]!.url), 'the stored post itself is kept')

  // Without --event, every event holding it; with --event, only that one.
  const only = removePost(store, `${EXPO[3]!.url}?utm_source=feed`, { eventId: 'steuer' })
  assert.deepEqual(only.removedFrom, ['steuer'])
  assert.ok(store.getEvent('expo')!.posts.some((p) => p.url === EXPO[3]!.url))
  const again = removePost(store, EXPO[3]!.url)
  assert.deepEqual(again, { url: EXPO[3]!.url, removedFrom: ['expo'], alreadyRemoved: ['steuer'] })

  rejects(() => removePost(store, 'http://nowhere.example/x'), 'POST_NOT_FOUND', /no post http:\/\/nowhere\.example\/x in any event/)
  rejects(() => removePost(store, STEUER[0]!.url, { eventId: 'expo' }), 'POST_NOT_FOUND', /in event "expo"/)
  rejects(() => removePost(store, 'javascript:alert(1)'), 'URL_INVALID')
  rejects(() => removePost(store, EXPO[0]!.url, { eventId: 'nope' }), 'EVENT_NOT_FOUND')
  assert.ok(!buildDigest(store.snapshot(), { eventId: 'expo' }).events[0]!.posts.some((p) => p.url === EXPO[1]!.url))
})

test('addMember refuses a URL the user removed', () => {
  const event = makeEvent('e', ['http://a.example/1'], { removed: ['http://a.example/2'] })
  assert.equal(addMember(event, { url: 'http://a.example/2', depth: 1, via: null, reason: 'crossref', addedAt: NOW }), false)
  assert.equal(addMember(event, { url: 'http://a.example/3', depth: 1, via: null, reason: 'crossref', addedAt: NOW }), true)
  assert.deepEqual(event.posts.map((p) => p.url), ['http://a.example/1', 'http://a.example/3'])
})

test('indexMembers gives what addMember gives, through any run of adds and new member lists', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), url: fc.integer({ min: 0, max: 7 }), depth: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ kind: fc.constant('filter' as const), drop: fc.integer({ min: 0, max: 7 }) }),
  )
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }), fc.array(op, { maxLength: 40 }), (removed, ops) => {
    const url = (n: number) => `http://a.example/${n}`
    const member = (n: number, depth: number) => ({ url: url(n), depth, via: `http://via.example/${depth}`, reason: 'crossref' as const, addedAt: NOW })
    const plain = makeEvent('p', [], { removed: removed.map(url) })
    const indexed = makeEvent('i', [], { removed: removed.map(url) })
    const index = indexMembers(indexed)
    for (const o of ops) {
      if (o.kind === 'add') assert.equal(index.add(member(o.url, o.depth)), addMember(plain, member(o.url, o.depth)))
      else {
        // The crawl's only other change to the list: a new array without one URL.
        plain.posts = plain.posts.filter((m) => m.url !== url(o.drop))
        indexed.posts = indexed.posts.filter((m) => m.url !== url(o.drop))
      }
      assert.deepEqual(indexed.posts, plain.posts)
      for (let n = 0; n < 8; n++) assert.equal(index.has(url(n)), plain.posts.some((m) => m.url === url(n)))
    }
  }), { numRuns: 300 })
})

// A tiny fake web for the re-crawl check: the seed lists two posts.
const SEED = 'http://seed.example/post.html'
const LISTED = ['http://a.example/a', 'http://b.example/b']

function fakeFetcher(requests: FetchRequest[]): Fetcher {
  return {
    async fetch(request) {
      requests.push(request)
      return { url: request.url, finalUrl: request.url, status: 200, headers: {}, contentType: 'text/html', body: request.url, charset: 'utf-8', charsetSource: 'header', bytes: 1, redirects: [], etag: null, lastModified: null, notModified: false, attempts: 1, durationMs: 1 } as FetchResult
    },
    async close() {},
    stats: () => ({ requests: requests.length, byHost: {} }),
  } as Fetcher
}

function fakeExtract(body: string): ExtractedPage {
  const entries = body === SEED ? LISTED.map((url) => ({ url, text: url, entryText: url, claimedAuthor: null, claimedSite: null })) : []
  return {
    url: body, canonicalUrl: null, title: `Title of ${body}`, authors: [], published: null, updated: null, excerpt: null, siteName: null, lang: null,
    feeds: [], text: '', sources: {}, candidates: {}, links: entries.map((e) => ({ url: e.url, text: e.text, kind: 'crossref' })),
    crossRefs: entries.length ? [{ heading: 'Other blog posts on the same session:', entries }] : [],
  } as unknown as ExtractedPage
}

test('a removed post stays out of the event when the seed is crawled again', async () => {
  const store = createMemoryStore()
  const deps = { fetcher: fakeFetcher([]), store, extract: fakeExtract, useFeeds: false }
  const first = await crawl({ seeds: [SEED], depth: 1, maxPages: 10 }, deps)
  assert.equal(store.getEvent(first.event.id)!.posts.length, 3)

  removePost(store, LISTED[1]!)
  const second = await crawl({ seeds: [SEED], depth: 1, maxPages: 10 }, deps)
  assert.equal(second.event.id, first.event.id)
  const event = store.getEvent(first.event.id)!
  assert.deepEqual(event.posts.map((p) => p.url).sort(), [LISTED[0]!, SEED].sort())
  assert.ok(!buildDigest(store.snapshot()).events[0]!.posts.some((p) => p.url === LISTED[1]))
})

test('errors are RoundupErrors with stable codes', () => {
  try {
    renameEvent(createMemoryStore(), 'x', 'y')
    assert.fail('should throw')
  } catch (error) {
    assert.ok(error instanceof RoundupError)
    assert.match(error.message, /known: none yet/)
  }
})
