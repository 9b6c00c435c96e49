import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildDigest, renderDigest } from '../../src/digest/index.js'
import { emptyPost, emptyStore, type StoreData, type StoredPost } from '../../src/store/schema.js'
import { escapeMarkdown } from '../../src/digest/safe.js'

function post(url: string, fields: Partial<StoredPost>): StoredPost {
  return { ...emptyPost(url, '2026-01-01T00:00:00Z'), status: 'ok', outcome: 'stored', ...fields }
}

function store(): StoreData {
  const data = emptyStore()
  const seed = 'http://seed.example/2009/04/post.html'
  const a = 'http://a.example/a.html'
  const b = 'http://b.example/b.html'
  const gone = 'http://gone.example/x.html'
  const evil = 'http://evil.example/e.html'
  data.posts[seed] = post(seed, { title: 'Seed post', authors: ['Holger Nauheimer'], published: '2009-04-01T10:32:00-07:00', links: [{ url: a, text: 'A', kind: 'crossref' }, { url: b, text: 'B', kind: 'crossref' }] })
  data.posts[a] = post(a, { title: 'Post A', authors: ['Jessica Valenzuela'], siteName: 'Maven Digital Mashup', published: '2009-04-02', excerpt: 'A summary.', links: [{ url: seed, text: 'seed', kind: 'body' }] })
  data.posts[b] = post(b, { title: 'Post B', authors: ['Mia Dand'], published: '2009-04-01T23:30:00-07:00', excerpt: 'B summary.' })
  data.posts[gone] = post(gone, { status: 'gone', outcome: 'error:http-404', httpStatus: 404, claims: [{ from: seed, entryText: 'Michael Cayley, Social Capital Value Add', author: 'Michael Cayley', site: 'Social Capital Value Add' }] })
  data.posts[evil] = post(evil, {
    finalUrl: 'javascript:alert(1)',
    title: '<script>alert("t")</script> [click](javascript:alert(2)) *bold*',
    authors: ['<img src=x onerror=alert(3)>'],
    siteName: '"><svg onload=alert(4)>',
    excerpt: 'Line one\n# heading <iframe src="javascript:alert(5)"></iframe> & more',
  })
  data.events.e1 = {
    id: 'e1', title: 'Web 2.0 Expo', titleSource: 'derived', seeds: [seed], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    posts: [seed, a, b, gone, evil].map((url, i) => ({ url, depth: i ? 1 : 0, via: i ? seed : null, reason: i ? 'crossref' as const : 'seed' as const, addedAt: '2026-01-01T00:00:00Z' })),
  }
  return data
}

test('digest JSON: who links to whom, seeds first, then by date', () => {
  const digest = buildDigest(store(), { eventId: 'e1' })
  const event = digest.events[0]!
  const byUrl = Object.fromEntries(event.posts.map((p) => [p.url, p]))
  assert.deepEqual(byUrl['http://seed.example/2009/04/post.html']!.linksTo, ['http://a.example/a.html', 'http://b.example/b.html'])
  assert.deepEqual(byUrl['http://seed.example/2009/04/post.html']!.linkedFrom, ['http://a.example/a.html'])
  assert.deepEqual(byUrl['http://b.example/b.html']!.linkedFrom, ['http://seed.example/2009/04/post.html'])
  assert.equal(event.posts[0]!.isSeed, true)
  // B (April 1, 23:30 -07:00) comes before A (April 2).
  const order = event.posts.map((p) => p.url)
  assert.ok(order.indexOf('http://b.example/b.html') < order.indexOf('http://a.example/a.html'))
  assert.equal(byUrl['http://gone.example/x.html']!.listedAs, 'Michael Cayley, Social Capital Value Add')
  assert.deepEqual(byUrl['http://a.example/a.html']!.path, ['http://seed.example/2009/04/post.html', 'http://a.example/a.html'])
  assert.deepEqual(byUrl['http://seed.example/2009/04/post.html']!.path, ['http://seed.example/2009/04/post.html'])
})

test('unknown event is a clear error', () => {
  assert.throws(() => buildDigest(store(), { eventId: 'nope' }), /no event "nope".*known: e1/)
})

test('markdown: one entry per non-seed post, dead posts listed as unavailable', () => {
  const md = renderDigest(buildDigest(store(), { eventId: 'e1' }), 'md')
  assert.match(md, /^## Related coverage/)
  assert.match(md, /- \[Post A\]\(http:\/\/a\.example\/a\.html\) — Jessica Valenzuela, Maven Digital Mashup, 2009-04-02/)
  assert.match(md, /- Michael Cayley, Social Capital Value Add _\(unavailable \(HTTP 404\)\)_/)
  assert.doesNotMatch(md, /Seed post/)
  assert.match(renderDigest(buildDigest(store(), { eventId: 'e1' }), 'md', { withSeeds: true }), /Seed post/)
  // The page's own calendar day, not the UTC one (which would be April 2).
  assert.match(md, /Post B\]\(http:\/\/b\.example\/b\.html\) — Mia Dand, 2009-04-01/)
})

test('markdown never lets crawled text form HTML, links or javascript: URLs', () => {
  const md = renderDigest(buildDigest(store(), { eventId: 'e1' }), 'md')
  assert.doesNotMatch(md, /<script|<img|<svg|<iframe/i)
  // Every link target that Markdown would see (an unescaped "](") is http(s).
  for (const m of md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) assert.match(m[1]!, /^https?:\/\//)
  assert.match(md, /\\\[click\\\]\(javascript:/)
  assert.match(md, /&lt;script&gt;/)
  assert.doesNotMatch(md, /\n\s*# heading/)
})

test('html: every field escaped, only http(s) hrefs, rel nofollow ugc noopener', () => {
  const html = renderDigest(buildDigest(store(), { eventId: 'e1' }), 'html')
  assert.doesNotMatch(html, /<script|<img|<svg|<iframe/i)
  // No tag carries an event-handler attribute; "onerror=" survives only as escaped text.
  assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i)
  assert.doesNotMatch(html, /href="javascript:/i)
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!)
  assert.ok(hrefs.length >= 2)
  for (const href of hrefs) assert.match(href, /^https?:\/\//)
  for (const anchor of html.matchAll(/<a [^>]*>/g)) assert.match(anchor[0], /rel="nofollow ugc noopener"/)
  assert.match(html, /&lt;script&gt;alert\(&quot;t&quot;\)&lt;\/script&gt;/)
  assert.match(html, /<em class="roundup-unavailable">\(unavailable \(HTTP 404\)\)<\/em>/)
  // The post whose final URL is javascript: is shown as text without a link.
  assert.match(html, /<span class="roundup-title">&lt;script&gt;/)
})

test('escapeMarkdown neutralises Markdown syntax', () => {
  assert.equal(escapeMarkdown('[a](b) *c* _d_ `e` <f>'), '\\[a\\](b) \\*c\\* \\_d\\_ \\`e\\` &lt;f&gt;')
  assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading')
  assert.equal(escapeMarkdown('2009. A year'), '2009\\. A year')
  assert.equal(escapeMarkdown('v1.2 is out.'), 'v1.2 is out.')
})
