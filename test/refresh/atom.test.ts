import { test } from 'node:test'
import assert from 'node:assert/strict'
import Parser from 'rss-parser'
import { renderAtom } from '../../src/digest/atom.js'
import { buildDigest, renderDigest } from '../../src/digest/index.js'
import { emptyPost, emptyStore, type StoreData } from '../../src/store/schema.js'

const HOSTILE = 'Evil <script>alert("x")</script> & \'quotes\' ]]> \u0001\u0007 \ud800 <![CDATA[ end'

function store(): StoreData {
  const data = emptyStore()
  const at = (d: number) => new Date(Date.UTC(2024, 0, d)).toISOString()
  const post = (url: string, fields: Partial<ReturnType<typeof emptyPost>>) => (data.posts[url] = { ...emptyPost(url, at(1)), status: 'ok', outcome: 'stored', fetchedAt: at(1), ...fields })
  post('http://seed.example/2009/04/seed.html', { title: 'The seed', authors: ['Holger'] })
  post('http://a.example/2009/04/a.html', { title: 'Crawled first', authors: ['Ann', 'Bob'], published: '2009-04-01T10:32:00-07:00', excerpt: 'An excerpt.' })
  post('http://b.example/2009/04/b.html', { title: HOSTILE, authors: [HOSTILE], published: '2009-04-02', excerpt: HOSTILE, siteName: 'B & Co' })
  post('http://c.example/2009/04/c.html', { title: 'Found by terms', history: [{ at: at(9), field: 'title', from: 'Old', to: 'Found by terms' }] })
  post('http://d.example/gone.html', { title: 'Gone now', status: 'gone', httpStatus: 404, outcome: 'error:http-404', finalUrl: 'javascript:alert(1)' })
  data.events.e1 = {
    id: 'e1', title: 'Session <b>&</b> panel', titleSource: 'derived', seeds: ['http://seed.example/2009/04/seed.html'], createdAt: at(1), updatedAt: at(9),
    posts: [
      { url: 'http://seed.example/2009/04/seed.html', depth: 0, via: null, reason: 'seed', addedAt: at(1) },
      { url: 'http://a.example/2009/04/a.html', depth: 1, via: 'http://seed.example/2009/04/seed.html', reason: 'crossref', addedAt: at(1) },
      { url: 'http://b.example/2009/04/b.html', depth: 1, via: null, reason: 'links-to', addedAt: at(5), discoveredAt: at(5), matchedBy: 'link', discoveryReason: 'links to http://seed.example/2009/04/seed.html' },
      { url: 'http://c.example/2009/04/c.html', depth: 1, via: null, reason: 'matched-terms', addedAt: at(3), discoveredAt: at(3), matchedBy: 'terms', discoveryReason: 'shares the terms x, y' },
      { url: 'http://d.example/gone.html', depth: 1, via: null, reason: 'crossref', addedAt: at(2) },
    ],
  }
  return data
}

test('atom: a valid feed of the coverage, newest discovery first, seeds left out', async () => {
  const digest = buildDigest(store(), { eventId: 'e1', now: new Date(Date.UTC(2024, 0, 10)) })
  const xml = renderDigest(digest, 'atom')
  const feed = await new Parser().parseString(xml)
  assert.equal(feed.title, 'Related coverage: Session <b>&</b> panel')
  assert.deepEqual(feed.items.map((i) => i.id), ['http://b.example/2009/04/b.html', 'http://c.example/2009/04/c.html', 'http://d.example/gone.html', 'http://a.example/2009/04/a.html'])
  const [b, c, d, a] = feed.items
  // A change refresh saw later shows in the entry's <updated>.
  assert.match(xml, /<id>http:\/\/c\.example\/2009\/04\/c\.html<\/id>[\s\S]*?<updated>2024-01-09T00:00:00\.000Z<\/updated>/)
  assert.match(xml, /^  <updated>2024-01-09T00:00:00\.000Z<\/updated>$/m)
  assert.equal(c!.title, 'Found by terms')
  assert.equal(a!.link, 'http://a.example/2009/04/a.html')
  assert.equal(d!.link, 'http://d.example/gone.html', 'a javascript: final URL never becomes a link')
  assert.match(xml, /<entry>\s*<id>http:\/\/a\.example[\s\S]*?<published>2009-04-01T10:32:00-07:00<\/published>/)
  assert.doesNotMatch(xml, /<published>2009-04-02<\/published>/, 'a date-only value is not an RFC 3339 date-time')
  assert.match(xml, /<category term="matched-by-terms"/)
  assert.match(xml, /<category term="gone"/)
  assert.equal((xml.match(/<entry>/g) ?? []).length, 4)
  assert.ok(!xml.includes('The seed'))
  assert.equal((await new Parser().parseString(renderAtom(digest, { withSeeds: true }))).items.length, 5)

  // Hostile text round-trips as text: no markup, no CDATA break-out, no characters XML forbids.
  const squash = (t: string) => t.replace(/[\u0001\u0007\ud800]/g, ' ').replace(/\s+/g, ' ')
  assert.equal(squash(b!.title!), squash(HOSTILE))
  assert.equal(squash((b as { summary?: string }).summary ?? ''), squash(`B & Co, 2009-04-02: ${HOSTILE}`))
  assert.ok(!xml.includes('<script'))
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml))
  assert.ok(!/[\ud800-\udfff]/u.test(xml.replace(/[\u{10000}-\u{10ffff}]/gu, '')))
  assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/)
  // Every element Atom requires is there: feed id, title, updated, author; entry id, title, updated.
  for (const tag of ['id', 'title', 'updated', 'author']) assert.match(xml.slice(0, xml.indexOf('<entry>')), new RegExp(`<${tag}[ >]`))
  for (const entry of xml.split('<entry>').slice(1)) for (const tag of ['id', 'title', 'updated']) assert.match(entry, new RegExp(`<${tag}[ >]`))
})

test('atom: an empty store is still a valid, empty feed', async () => {
  const xml = renderDigest(buildDigest(emptyStore()), 'atom')
  const feed = await new Parser().parseString(xml)
  assert.equal(feed.items.length, 0)
  assert.match(xml, /<updated>\d{4}-\d{2}-\d{2}T/)
})
