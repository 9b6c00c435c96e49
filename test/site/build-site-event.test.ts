import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildSiteEvent, pageSlug } from '../../src/site/build-site-event.js'
import { EVENT_ID, siteFixture, SNAPSHOT, URLS, XSS_TITLE } from './fixture.js'

const NOW = new Date('2026-01-02T00:00:00Z')

test('site data: one entry per member, plain text, live links only for available posts', () => {
  const event = buildSiteEvent(siteFixture(), EVENT_ID, NOW)
  assert.equal(event.posts.length, Object.keys(URLS).length)
  const byUrl = Object.fromEntries(event.posts.map((p) => [p.url, p]))
  assert.equal(byUrl[URLS.seed]!.isSeed, true)
  assert.equal(byUrl[URLS.seed]!.href, URLS.seed)
  assert.equal(byUrl[URLS.seed]!.day, '2009-04-01')
  assert.equal(byUrl[URLS.hostile]!.title, XSS_TITLE, 'kept as text; escaping is the renderer\'s job')
  assert.equal(byUrl[URLS.hostile]!.href, null, 'a javascript: final URL is never a link')
  assert.equal(byUrl[URLS.gone]!.href, null)
  assert.equal(byUrl[URLS.gone]!.title, 'Michael Cayley, Capital Value Add', 'no title: the listing entry stands in')
  assert.equal(byUrl[URLS.gone]!.blog, 'gone.example', 'no blog name: the host stands in')
  assert.equal(byUrl[URLS.gone]!.note, 'unavailable (HTTP 404)')
  assert.deepEqual(byUrl[URLS.gone]!.archive, { href: SNAPSHOT, day: '2009-04-05' })
  assert.deepEqual(byUrl[URLS.down]!.archive, { href: null, day: null })
  assert.equal(byUrl[URLS.maven]!.archive, null)
  assert.equal(event.graph.nodes.length, event.posts.length)
  assert.deepEqual(event.dateRange, { from: '2009-04-01', to: '2009-04-06' })
})

test('site edges: from stored link kinds, one per ordered pair, the strongest kind wins', () => {
  const event = buildSiteEvent(siteFixture(), EVENT_ID, NOW)
  const idOf = Object.fromEntries(event.posts.map((p) => [p.url, p.id]))
  const edges = new Map(event.edges.map((e) => [`${e.from}>${e.to}`, e.kind]))
  const kind = (from: string, to: string) => edges.get(`${idOf[from]}>${idOf[to]}`)
  for (const url of [URLS.maven, URLS.lightspeed, URLS.hostile, URLS.gone, URLS.down]) assert.equal(kind(URLS.seed, url), 'crossref')
  assert.equal(kind(URLS.seed, URLS.zdnet), 'body')
  assert.equal(kind(URLS.maven, URLS.seed), 'body')
  assert.equal(kind(URLS.maven, URLS.lightspeed), 'crossref')
  assert.equal(kind(URLS.lightspeed, URLS.seed), 'body', 'a body link outranks a comment link to the same post')
  assert.equal(kind(URLS.lightspeed, URLS.maven), 'comment')
  assert.equal(event.edges.length, 10)
})

test('site edges: a link to a post\'s redirect target or canonical URL counts; self-links do not', () => {
  const data = siteFixture()
  const maven = data.posts[URLS.maven]!
  maven.finalUrl = 'https://www.maven.example/2009/04/strategy-first/'
  maven.links.push({ url: URLS.maven, text: 'permalink', kind: 'body' })
  data.posts[URLS.zdnet]!.links = [{ url: 'https://www.maven.example/2009/04/strategy-first/', text: 'Jessica', kind: 'body' }]
  const event = buildSiteEvent(data, EVENT_ID, NOW)
  const idOf = Object.fromEntries(event.posts.map((p) => [p.url, p.id]))
  assert.ok(event.edges.some((e) => e.from === idOf[URLS.zdnet] && e.to === idOf[URLS.maven] && e.kind === 'body'))
  assert.ok(!event.edges.some((e) => e.from === e.to))
})

test('an unknown event is EVENT_NOT_FOUND', () => {
  assert.throws(() => buildSiteEvent(siteFixture(), 'nope', NOW), { name: 'RoundupError', code: 'EVENT_NOT_FOUND' })
})

test('page slugs are file-name safe and stable', () => {
  const cases: Array<[string, string]> = [
    ['web-2-0-expo-1a2b3c', 'web-2-0-expo-1a2b3c'],
    ['../../etc/passwd', 'etc-passwd'],
    ['Ünïcode Event!', 'n-code-event'],
    ['', 'event'],
    ['...', 'event'],
    ['a/b\\c:d', 'a-b-c-d'],
  ]
  for (const [id, want] of cases) assert.equal(pageSlug(id), want, id)
})
