import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildDigest, renderDigest, type Digest } from '../../src/digest/index.js'
import { eventKeywords } from '../../src/events/keywords.js'
import { STOP_WORDS } from '../../src/events/stop-words.js'
import { candidateTerms } from '../../src/events/terms.js'
import { emptyStore } from '../../src/store/schema.js'
import { fixtureStore, makeEvent, makePost } from './fixture.js'

test('keyword candidates: folded words and two- or three-word phrases that never cross punctuation or stop words', () => {
  assert.deepEqual(candidateTerms('Tire, tower or hub?'), ['tire', 'tower', 'hub'])
  assert.deepEqual(candidateTerms('Die Änderung der Steuer'), ['anderung', 'steuer'])
  const terms = candidateTerms('Web 2.0 Expo: change management')
  for (const want of ['web', 'web 2.0', 'web 2.0 expo', 'expo', 'change management']) assert.ok(terms.includes(want), want)
  assert.ok(!terms.includes('2.0'), 'a number alone is not a keyword')
  assert.ok(!terms.includes('2.0 expo'), 'a phrase does not start with a number')
  assert.ok(!terms.includes('expo change'), 'a colon ends a phrase')
})

test('each event gets its own tf-idf keywords in its own language, without stop words', () => {
  const keywords = eventKeywords(fixtureStore())
  assert.equal(keywords.expo![0], 'social media marketing')
  assert.ok(keywords.expo!.includes('web 2.0 expo'), keywords.expo!.join(', '))
  for (const want of ['steuerreform', 'gewerbesteuer', 'kommunen']) assert.ok(keywords.steuer!.includes(want), keywords.steuer!.join(', '))
  for (const list of Object.values(keywords)) {
    assert.ok(list.length > 0 && list.length <= 8)
    for (const keyword of list) for (const word of keyword.split(' ')) assert.ok(!STOP_WORDS.has(word), `stop word ${word} in ${keyword}`)
    // A phrase and the words inside it are not both listed.
    for (const a of list) for (const b of list) if (a !== b) assert.ok(!` ${a} `.includes(` ${b} `), `${b} inside ${a}`)
  }
  // Words of the other event's topic never leak in.
  assert.ok(!keywords.expo!.some((k) => k.includes('steuer')))
  assert.ok(!keywords.steuer!.some((k) => k.includes('social')))
})

test('a word common to the whole store ranks below one that marks the event; one post\'s pet word is left out', () => {
  const data = emptyStore()
  const a = ['http://a.example/1', 'http://a.example/2', 'http://a.example/3']
  const b = ['http://b.example/1', 'http://b.example/2', 'http://b.example/3']
  // One word per sentence, so no phrases form.
  const say = (word: string, times: number) => `${word}. `.repeat(times)
  for (const url of a) data.posts[url] = makePost(url, { text: say('blogosphere', 3) + say('alpine', 3) })
  for (const url of b) data.posts[url] = makePost(url, { text: say('blogosphere', 3) + say('maritime', 3) })
  data.posts[a[0]!]!.text += say('zeppelin', 8)
  data.events.a = makeEvent('a', a)
  data.events.b = makeEvent('b', b)
  const keywords = eventKeywords(data)
  assert.ok(keywords.a!.indexOf('alpine') >= 0 && keywords.a!.indexOf('alpine') < keywords.a!.indexOf('blogosphere'), keywords.a!.join(', '))
  assert.ok(!keywords.a!.includes('zeppelin'), 'a word of one post out of three is not the event\'s')
  assert.deepEqual(keywords.b!.slice(0, 2), ['maritime', 'blogosphere'])
})

test('removed posts do not count, and an event with no text has no keywords', () => {
  const data = fixtureStore()
  const urls = data.events.steuer!.posts.map((p) => p.url)
  data.events.steuer!.posts = []
  data.events.steuer!.removed = urls
  assert.deepEqual(eventKeywords(data).steuer, [])
  assert.deepEqual(eventKeywords(emptyStore()), {})
})

test('the digest carries keywords in JSON, and a "Keywords:" line in md and html, escaped', () => {
  const digest = buildDigest(fixtureStore(), { eventId: 'expo' })
  assert.deepEqual(digest.events[0]!.keywords, eventKeywords(fixtureStore()).expo)
  const json = JSON.parse(renderDigest(digest, 'json')) as Digest
  assert.deepEqual(json.events[0]!.keywords, digest.events[0]!.keywords)
  assert.match(renderDigest(digest, 'md'), /^Keywords: social media marketing, web 2\.0 expo/m)
  assert.match(renderDigest(digest, 'html'), /<p class="roundup-keywords">Keywords: social media marketing, web 2\.0 expo/)

  const hostile: Digest = { ...digest, events: [{ ...digest.events[0]!, keywords: ['a_b*c', '<script>', '[x](javascript:y)'] }] }
  const md = renderDigest(hostile, 'md')
  assert.match(md, /^Keywords: a\\_b\\\*c, &lt;script&gt;, \\\[x\\\]\(javascript:y\)$/m)
  const html = renderDigest(hostile, 'html')
  assert.match(html, /Keywords: a_b\*c, &lt;script&gt;, \[x\]\(javascript:y\)<\/p>/)
  assert.doesNotMatch(html, /<script>/)
})

test('document frequency over a big store comes from an even sample: only the events\' posts and the sample are read', () => {
  const say = (word: string, times: number) => `${word}. `.repeat(times)
  const members = ['http://e.example/1', 'http://e.example/2', 'http://e.example/3']
  const full = emptyStore()
  for (const url of members) full.posts[url] = makePost(url, { text: say('blogosphere', 3) + say('tramway', 3) })
  // 300 other posts, every one about the blogosphere: a common word, whichever of them are read.
  for (let i = 0; i < 300; i++) full.posts[`http://o.example/${i}`] = makePost(`http://o.example/${i}`, { text: say('blogosphere', 2) + say(`topic${i % 7}`, 2) })
  full.events.e = makeEvent('e', members)
  // Count reads: the posts object answers through getters.
  const reads: string[] = []
  const counted = { ...full, posts: {} as typeof full.posts }
  for (const [url, post] of Object.entries(full.posts)) Object.defineProperty(counted.posts, url, { enumerable: true, get: () => (reads.push(url), post) })
  const sampled = eventKeywords(counted, { sample: 30 })
  assert.ok(reads.length <= members.length + 30, `${reads.length} posts read`)
  assert.ok(members.every((url) => reads.includes(url)))
  // The sample is spread over the store, not its first posts.
  assert.ok(reads.includes('http://o.example/290'), reads.slice(-3).join(' '))
  // The ranking a sample gives matches the full count's here: tramway marks the event, blogosphere is everywhere.
  assert.deepEqual(sampled.e, eventKeywords(full, { sample: 1000 }).e)
  assert.deepEqual(sampled.e!.slice(0, 2), ['tramway', 'blogosphere'])
})
