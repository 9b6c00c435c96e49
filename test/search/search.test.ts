import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isRoundupError } from '../../src/errors.js'
import { removePost } from '../../src/events/index.js'
import { createSearchIndex, makeSnippet, searchIndex, searchIndexFileFor, searchStore, syncSearchIndex, updateSearchIndex } from '../../src/search/index.js'
import { processTerm } from '../../src/search/terms.js'
import { createMemoryStore } from '../../src/store/index.js'
import { EXPO, fixtureStore, makePost, STEUER } from '../events/fixture.js'

const SEARCHABLE = EXPO.length + STEUER.length

async function tempIndexFile(): Promise<string> {
  return searchIndexFileFor(join(await mkdtemp(join(tmpdir(), 'roundup-search-')), 'roundup.json'))
}

test('incremental sync: only new, changed and vanished posts are touched', () => {
  const data = fixtureStore()
  const state = createSearchIndex()
  assert.deepEqual(syncSearchIndex(state, Object.values(data.posts)), { added: SEARCHABLE, updated: 0, removed: 0, unchanged: 0 })
  assert.deepEqual(syncSearchIndex(state, Object.values(data.posts)), { added: 0, updated: 0, removed: 0, unchanged: SEARCHABLE })

  // A re-crawl answered 304: fetchedAt moves, the words do not, so nothing is re-indexed.
  data.posts[EXPO[0]!.url]!.fetchedAt = '2027-01-01T00:00:00.000Z'
  // A claim filled in an author without any fetch: that is re-indexed.
  data.posts[STEUER[1]!.url]!.authors = ['Jean Dupont', 'Marie Curie']
  // One post's text changed, one post is new, one is gone from the store.
  data.posts[EXPO[3]!.url]!.text += ' Zeppelins appear too.'
  data.posts['http://new.example/p'] = makePost('http://new.example/p', { title: 'A new post about quokkas' })
  delete data.posts[EXPO[2]!.url]
  assert.deepEqual(syncSearchIndex(state, Object.values(data.posts)), { added: 1, updated: 2, removed: 1, unchanged: SEARCHABLE - 3 })
  assert.equal(state.index.documentCount, SEARCHABLE)
  assert.ok(state.index.search('zeppelins').some((r) => r.id === EXPO[3]!.url))
  assert.ok(state.index.search('curie').some((r) => r.id === STEUER[1]!.url))
  assert.deepEqual(state.index.search('stuck').map((r) => r.id), [], 'the deleted post no longer matches')
})

test('the index is persisted next to the store and re-indexes only what changed on the next run', async () => {
  const file = await tempIndexFile()
  const data = fixtureStore()
  const first = await updateSearchIndex(createMemoryStore(data), file)
  assert.equal(first.report.rebuilt, true)
  assert.equal(first.report.added, SEARCHABLE)
  const saved = JSON.parse(await readFile(file, 'utf8')) as { format: string; fingerprints: Record<string, string> }
  assert.equal(saved.format, 'roundup-search-index')
  assert.equal(Object.keys(saved.fingerprints).length, SEARCHABLE)

  // A later run loads the file: nothing to re-index, same answers as the fresh index.
  const second = await updateSearchIndex(createMemoryStore(data), file)
  assert.deepEqual([second.report.rebuilt, second.report.added, second.report.updated, second.report.unchanged], [false, 0, 0, SEARCHABLE])
  const ask = (s: typeof first.state) => searchIndex(s, data, 'change management').hits.map((h) => [h.url, h.score])
  assert.deepEqual(ask(second.state), ask(first.state))

  // One post changes in the store: exactly one document is re-indexed, and the file holds the change.
  data.posts[STEUER[2]!.url]!.text += ' Quokkas.'
  const third = await updateSearchIndex(createMemoryStore(data), file)
  assert.deepEqual([third.report.rebuilt, third.report.added, third.report.updated, third.report.removed], [false, 0, 1, 0])
  const fourth = await updateSearchIndex(createMemoryStore(data), file)
  assert.equal(fourth.report.updated, 0)
  assert.deepEqual(searchIndex(fourth.state, data, 'quokkas').hits.map((h) => h.url), [STEUER[2]!.url])
})

test('a damaged or outdated index file is rebuilt, never trusted', async () => {
  const file = await tempIndexFile()
  const data = fixtureStore()
  for (const text of ['{ not json', JSON.stringify({ format: 'roundup-search-index', version: 999, fingerprints: {}, index: {} }), '{"format":"roundup-search-index","version":1,"fingerprints":{},"index":{"documentCount":3}}']) {
    await writeFile(file, text)
    const { report, state } = await updateSearchIndex(createMemoryStore(data), file)
    assert.equal(report.rebuilt, true, text)
    assert.equal(report.added, SEARCHABLE)
    assert.ok(searchIndex(state, data, 'gewerbesteuer').total > 0)
  }
})

test('ranking, prefix and typo matching, diacritics, and the event filter', async () => {
  const data = fixtureStore()
  const state = createSearchIndex()
  syncSearchIndex(state, Object.values(data.posts))
  const urls = (query: string, eventId?: string) => searchIndex(state, data, query, eventId ? { eventId } : {}).hits.map((h) => h.url)

  assert.equal(urls('change management')[0], EXPO[0]!.url, 'the post about change management ranks first')
  assert.ok(urls('manag').includes(EXPO[0]!.url), 'prefix')
  assert.ok(urls('managment').includes(EXPO[0]!.url), 'one typo')
  assert.deepEqual(urls('valenzuela'), [EXPO[1]!.url], 'authors are searched')
  assert.ok(urls('reforme').includes(STEUER[1]!.url), 'réforme without its accent')
  assert.ok(urls('STÄDTE').includes(STEUER[2]!.url))
  assert.deepEqual(urls('steuerreform', 'expo'), [], 'only the given event')
  assert.equal(urls('steuerreform', 'steuer').length, 3)

  // Every word must match; when no post has them all, any will do, and the outcome says so.
  const all = searchIndex(state, data, 'tire hub')
  assert.deepEqual([all.match, all.hits.map((h) => h.url)], ['all', [EXPO[3]!.url]])
  const any = searchIndex(state, data, 'tire gewerbesteuer')
  assert.equal(any.match, 'any')
  assert.ok(any.total >= 4)

  // A post that belongs to no event any more is not returned, even though it is still indexed.
  const store = createMemoryStore(data)
  removePost(store, EXPO[3]!.url)
  assert.deepEqual(searchIndex(state, store.snapshot(), 'tire hub').hits, [])
})

test('hits carry metadata, matched terms and a snippet whose offsets mark exactly the matched words', () => {
  const data = fixtureStore()
  data.posts[EXPO[1]!.url]!.text = 'Intro.\u001b[31m Executive buy-in matters: change\u202e starts at the top, and change management needs executive support.\n' + 'x '.repeat(400)
  const state = createSearchIndex()
  syncSearchIndex(state, Object.values(data.posts))
  const outcome = searchIndex(state, data, 'executive change', { limit: 1 })
  assert.equal(outcome.hits.length, 1)
  assert.ok(outcome.total >= 1)
  const hit = outcome.hits[0]!
  assert.equal(hit.url, EXPO[1]!.url)
  assert.deepEqual(hit.authors, ['Jessica Valenzuela'])
  assert.deepEqual(hit.events, ['expo'])
  assert.equal(hit.snippetField, 'text')
  const snippet = hit.snippet!
  assert.doesNotMatch(snippet.text, /[\u0000-\u001f\u202e]/, 'no control or bidi characters reach the snippet')
  assert.ok(snippet.text.endsWith(' …'))
  assert.ok(snippet.highlights.length >= 3)
  for (const { start, end } of snippet.highlights) assert.ok(['executive', 'change'].includes(processTerm(snippet.text.slice(start, end))!), snippet.text.slice(start, end))

  // Matched on the author only: the excerpt stands in, unmarked.
  const byAuthor = searchIndex(state, data, 'nauheimer').hits[0]!
  assert.equal(byAuthor.snippetField, 'excerpt')
  assert.deepEqual(byAuthor.fields, ['authors'])
  assert.equal(byAuthor.snippet!.highlights.length, 0)
})

test('the snippet window goes where most distinct words meet', () => {
  const text = `alpha ${'filler '.repeat(60)}alpha beta gamma ${'filler '.repeat(60)}gamma`
  const snippet = makeSnippet(text, new Set(['alpha', 'beta', 'gamma']), 80)!
  assert.match(snippet.text, /^… .*alpha beta gamma/)
  assert.equal(snippet.highlights.length, 3)
  assert.equal(makeSnippet('nothing here', new Set(['absent'])), null)
})

test('searchStore refuses an empty query and an unknown event', async () => {
  const store = createMemoryStore(fixtureStore())
  for (const [query, eventId, code] of [['  ', undefined, 'OPTIONS_INVALID'], ['x', 'nope', 'EVENT_NOT_FOUND']] as const) {
    await assert.rejects(searchStore(store, query, { indexFile: null, ...(eventId ? { eventId } : {}) }), (error: unknown) => isRoundupError(error) && error.code === code)
  }
  const report = await searchStore(store, 'social', { indexFile: null, limit: 2 })
  assert.equal(report.hits.length, 2)
  assert.ok(report.total > 2)
  assert.equal(report.index.file, null)
})
