import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { parse as parseBibtex } from '@retorquere/bibtex-parser'
import sax from 'sax'
import { renderDigest } from '../../src/digest/index.js'
import { splitName } from '../../src/digest/names.js'
import { escapeBibtex } from '../../src/digest/bibtex.js'
import type { Digest, DigestPost } from '../../src/digest/types.js'

// citation-js is CommonJS and registers its plugins on load.
const require = createRequire(import.meta.url)
const { Cite } = require('@citation-js/core') as { Cite: new (input: unknown, options?: unknown) => { data: CslItem[] } }
require('@citation-js/plugin-bibtex')
require('@citation-js/plugin-ris')
require('@citation-js/plugin-csl')

interface CslItem {
  type: string
  title?: string
  author?: Array<{ family?: string; given?: string; literal?: string; suffix?: string; 'non-dropping-particle'?: string }>
  'container-title'?: string
  publisher?: string
  issued?: { 'date-parts': number[][] }
  accessed?: { 'date-parts': number[][] }
  URL?: string
  abstract?: string
  id?: string
}

const HOSTILE_TITLE = 'Braces } { and \\ back $5 & 100% #1 _x_ ^caret~ "q" @comment{x} <script>alert(1)</script> a -- b ``q\'\' ,,x ?` | \nER  - \nTY  - JOUR'
const HOSTILE_SITE = 'Blog & {Co} <i>'

/** A digest post with only the fields the exports read; the rest of the digest shape is not theirs to test. */
function post(over: Partial<DigestPost>): DigestPost {
  const base: Partial<DigestPost> = {
    url: 'http://a.example/p', finalUrl: null, title: null, author: null, authors: [], siteName: null, published: null, excerpt: null,
    feedUrl: null, fetchedAt: null, status: 'ok', outcome: 'stored', reason: null, httpStatus: 200, isSeed: false, depth: 1,
    via: null, reachedBy: 'crossref', path: [], listedAs: null, linksTo: [], linkedFrom: [], sources: {}, archive: null,
  }
  return { ...base, ...over } as DigestPost
}

function digestOf(posts: DigestPost[], more: Digest['events'] = []): Digest {
  const event = { id: 'e1', title: 'Web 2.0 Expo & friends', seeds: [], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', dateRange: { from: null, to: null }, keywords: [], posts } as Digest['events'][number]
  return { format: 'roundup-digest', version: 1, generatedAt: '2026-11-25T12:00:00.000Z', events: [event, ...more] }
}

const POSTS: DigestPost[] = [
  post({
    url: 'http://maven.example/2009/04/01/recap/', finalUrl: 'http://maven.example/2009/04/01/recap/', title: 'Web 2.0 Expo Recap: Why Social Media Marketing Fails',
    authors: ['Jessica Valenzuela'], siteName: 'Maven Digital Mashup', published: '2009-04-01T11:05:00-07:00', fetchedAt: '2026-11-25T12:00:00.000Z',
    excerpt: 'This morning I had the pleasure…', feedUrl: 'http://maven.example/feed/',
  }),
  post({
    url: 'http://hostile.example/p?a=1&b=2', title: HOSTILE_TITLE, authors: ['van der Berg, Anna', 'Acme Corp', 'Holger', 'Martin Luther King, Jr.', 'Research and Development Team'],
    siteName: HOSTILE_SITE, published: '2009-04-02', fetchedAt: '2026-11-26T01:00:00.000Z', excerpt: 'Ünïcödé — “quotes” } unbalanced %',
    feedUrl: 'http://hostile.example/feed?x=1&y="2"',
  }),
  // The same blog as the first post: its feed is listed once.
  post({ url: 'http://maven.example/2009/04/02/more/', title: 'More from the Expo', authors: ['Jessica Valenzuela'], siteName: 'Maven Digital Mashup', published: '2009-04-02', feedUrl: 'http://maven.example/feed/' }),
  // Never fetched, no title: nothing to cite.
  post({ url: 'http://gone.example/x', status: 'error', outcome: 'error:network', feedUrl: 'javascript:alert(1)' }),
]

/** What the hostile title reads as once it is one line (the exports never keep newlines). */
const FLAT_TITLE = HOSTILE_TITLE.replace(/\s+/g, ' ')

test('author names split into family and given where that is safe; organisations, handles and single names stay literal', () => {
  const cases: Array<[string, ReturnType<typeof splitName>]> = [
    ['Jessica Valenzuela', { family: 'Valenzuela', given: 'Jessica', particle: null, suffix: null }],
    ['van der Berg, Anna', { family: 'Berg', given: 'Anna', particle: 'van der', suffix: null }],
    ['Ludwig van Beethoven', { family: 'Beethoven', given: 'Ludwig', particle: 'van', suffix: null }],
    ['Martin Luther King, Jr.', { family: 'King', given: 'Martin Luther', particle: null, suffix: 'Jr.' }],
    ['J. R. R. Tolkien', { family: 'Tolkien', given: 'J. R. R.', particle: null, suffix: null }],
    ['Søren Kierkegaard', { family: 'Kierkegaard', given: 'Søren', particle: null, suffix: null }],
    ['García Márquez, Gabriel', { family: 'García Márquez', given: 'Gabriel', particle: null, suffix: null }],
    ['Jessica Valenzuela, Maven Digital Mashup', { literal: 'Jessica Valenzuela, Maven Digital Mashup' }],
    ['Holger', { literal: 'Holger' }],
    ['Acme Corp', { literal: 'Acme Corp' }],
    ['Forrester Research Team', { literal: 'Forrester Research Team' }],
    ['ZDNet Editors', { literal: 'ZDNet Editors' }],
    ['jess@example.org', { literal: 'jess@example.org' }],
    ['ladyjane42', { literal: 'ladyjane42' }],
    ['mia dand', { literal: 'mia dand' }],
    ['山田太郎', { literal: '山田太郎' }],
    ['by Susan Etlinger', { family: 'Etlinger', given: 'Susan', particle: null, suffix: null }],
    ['  ', null],
  ]
  for (const [input, want] of cases) assert.deepEqual(splitName(input), want, input)
})

test('BibTeX: @online entries that two parsers read back field for field, hostile characters included', () => {
  const bib = renderDigest(digestOf(POSTS), 'bibtex')
  const library = parseBibtex(bib, { sentenceCase: false, english: false })
  assert.deepEqual(library.errors, [])
  assert.equal(library.entries.length, 3, 'the untitled, never-fetched post is left out')
  const [maven, hostile, more] = library.entries
  assert.ok(maven && hostile && more)
  assert.equal(maven.type, 'online')
  assert.deepEqual(maven.fields.author, [{ lastName: 'Valenzuela', firstName: 'Jessica' }])
  assert.equal(maven.fields.title, 'Web 2.0 Expo Recap: Why Social Media Marketing Fails')
  // Zotero's BibTeX import reads journaltitle as the website title; biblatex reads organization.
  assert.equal(maven.fields.journaltitle, 'Maven Digital Mashup')
  assert.deepEqual(maven.fields.organization, ['Maven Digital Mashup'])
  assert.equal(maven.fields.date, '2009-04-01')
  assert.equal(maven.fields.urldate, '2026-11-25')
  assert.equal(maven.fields.url, 'http://maven.example/2009/04/01/recap/')

  assert.equal(hostile.fields.title, FLAT_TITLE)
  assert.equal(hostile.fields.journaltitle, HOSTILE_SITE)
  assert.equal(hostile.fields.abstract, 'Ünïcödé — “quotes” } unbalanced %')
  assert.equal(hostile.fields.url, 'http://hostile.example/p?a=1&b=2')
  assert.deepEqual(hostile.fields.author, [
    { lastName: 'Berg', firstName: 'Anna', prefix: 'van der' },
    { name: 'Acme Corp' },
    { name: 'Holger' },
    { lastName: 'King', firstName: 'Martin Luther', suffix: 'Jr.' },
    { name: 'Research and Development Team' },
  ])

  // Citation keys are unique and plain ASCII, even for two posts by one author in one year.
  const keys = library.entries.map((e) => e.key)
  assert.deepEqual(keys, ['valenzuela2009web', 'berg2009braces', 'valenzuela2009more'])
  const twice = parseBibtex(renderDigest(digestOf([POSTS[0]!, { ...POSTS[0]!, url: 'http://maven.example/other' }]), 'bibtex'), { sentenceCase: false, english: false })
  assert.deepEqual(twice.entries.map((e) => e.key), ['valenzuela2009web', 'valenzuela2009weba'])

  const csl = new Cite(bib).data
  assert.equal(csl.length, 3)
  assert.equal(csl[1]!.title, FLAT_TITLE)
  assert.equal(csl[1]!.publisher, HOSTILE_SITE)
  assert.deepEqual(csl[1]!.issued, { 'date-parts': [[2009, 4, 2]] })
  assert.deepEqual(csl[1]!.accessed, { 'date-parts': [[2026, 11, 26]] })
  assert.deepEqual(csl[1]!.author![0], { family: 'Berg', given: 'Anna', 'non-dropping-particle': 'van der' })
})

test('BibTeX escaping leaves no unbalanced brace and no live command', () => {
  const escaped = escapeBibtex('a{b}c\\d$e&f%g#h_i^j~k<l>m|n')
  let depth = 0
  for (const ch of escaped) {
    if (ch === '{') depth++
    if (ch === '}') depth--
    assert.ok(depth >= 0)
  }
  assert.equal(depth, 0)
  assert.doesNotMatch(escaped.replace(/\\(?:textbackslash|textbraceleft|textbraceright|textasciicircum|textasciitilde|textless|textgreater|textbar)\{\}|\\[$&%#_]/g, ''), /[\\{}$&%#_^~<>|]/)
})

test('RIS: TY BLOG records that citation-js reads back as post-weblog; crawled newlines cannot forge a record', () => {
  const ris = renderDigest(digestOf(POSTS), 'ris')
  assert.equal(ris.match(/^TY {2}- /gm)?.length, 3)
  assert.equal(ris.match(/^ER {2}- /gm)?.length, 3)
  assert.ok(ris.split('\r\n').every((line) => line === '' || /^[A-Z][A-Z0-9] {2}- /.test(line)), 'every line is a tag line')
  const items = new Cite(ris).data
  assert.equal(items.length, 3)
  const [maven, hostile] = items
  assert.equal(maven!.type, 'post-weblog')
  assert.equal(maven!.title, 'Web 2.0 Expo Recap: Why Social Media Marketing Fails')
  assert.deepEqual(maven!.author, [{ family: 'Valenzuela', given: 'Jessica' }])
  assert.equal(maven!['container-title'], 'Maven Digital Mashup')
  assert.deepEqual(maven!.issued, { 'date-parts': [[2009, 4, 1]] })
  assert.deepEqual(maven!.accessed, { 'date-parts': [[2026, 11, 25]] })
  assert.equal(maven!.URL, 'http://maven.example/2009/04/01/recap/')
  assert.equal(hostile!.title, FLAT_TITLE)
  assert.equal(hostile!['container-title'], HOSTILE_SITE)
  assert.deepEqual(hostile!.author, [
    { family: 'van der Berg', given: 'Anna' },
    { literal: 'Acme Corp' },
    { family: 'Holger' },
    { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
    { literal: 'Research and Development Team' },
  ])
  assert.equal(hostile!.abstract, 'Ünïcödé — “quotes” } unbalanced %')
})

test('CSL-JSON: post-weblog items, blog as container-title, issued and accessed dates, read back by citation-js', () => {
  const text = renderDigest(digestOf(POSTS), 'csl')
  const raw = JSON.parse(text) as CslItem[]
  assert.equal(raw.length, 3)
  assert.ok(raw.every((item) => item.type === 'post-weblog'))
  assert.deepEqual(raw.map((i) => i.id), ['valenzuela2009web', 'berg2009braces', 'valenzuela2009more'])
  const items = new Cite(raw).data
  const hostile = items[1]!
  assert.equal(hostile.title, FLAT_TITLE)
  assert.equal(hostile['container-title'], HOSTILE_SITE)
  assert.deepEqual(hostile.author, [
    { family: 'van der Berg', given: 'Anna' },
    { literal: 'Acme Corp' },
    { literal: 'Holger' },
    { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
    { literal: 'Research and Development Team' },
  ])
  assert.deepEqual(hostile.issued, { 'date-parts': [[2009, 4, 2]] })
  assert.deepEqual(hostile.accessed, { 'date-parts': [[2026, 11, 26]] })
  assert.equal(hostile.URL, 'http://hostile.example/p?a=1&b=2')
  // A month-only date stays month-only; a post with no date has no issued.
  const partial = JSON.parse(renderDigest(digestOf([post({ title: 'A', published: '2009-04' }), post({ url: 'http://a.example/q', title: 'B' })]), 'csl')) as CslItem[]
  assert.deepEqual(partial[0]!.issued, { 'date-parts': [[2009, 4]] })
  assert.equal(partial[1]!.issued, undefined)
})

test('a post in two events is exported once', () => {
  const second = { ...digestOf([POSTS[0]!]).events[0]!, id: 'e2' }
  const items = JSON.parse(renderDigest(digestOf([POSTS[0]!], [second]), 'csl')) as CslItem[]
  assert.equal(items.length, 1)
})

interface Outline { text?: string; title?: string; type?: string; xmlUrl?: string }

function parseOpml(xml: string): { title: string; outlines: Outline[] } {
  const parser = sax.parser(true)
  const outlines: Outline[] = []
  let title = ''
  let inTitle = false
  parser.onerror = (error) => {
    throw error
  }
  parser.onopentag = (node) => {
    if (node.name === 'outline') outlines.push(node.attributes as Outline)
    inTitle = node.name === 'title'
  }
  parser.ontext = (text) => {
    if (inTitle) title += text
  }
  parser.onclosetag = () => {
    inTitle = false
  }
  parser.write(xml).close()
  return { title, outlines }
}

test('OPML: one outline per distinct feed, titled by blog name, well-formed XML with hostile names', () => {
  const xml = renderDigest(digestOf(POSTS), 'opml')
  const { title, outlines } = parseOpml(xml)
  assert.equal(title, 'roundup: Web 2.0 Expo & friends')
  assert.deepEqual(outlines, [
    { type: 'rss', text: 'Maven Digital Mashup', title: 'Maven Digital Mashup', xmlUrl: 'http://maven.example/feed/' },
    { type: 'rss', text: HOSTILE_SITE, title: HOSTILE_SITE, xmlUrl: 'http://hostile.example/feed?x=1&y=%222%22' },
  ])
  assert.doesNotMatch(xml, /javascript:/)
  // Characters XML 1.0 forbids are dropped rather than breaking the file.
  const control = renderDigest(digestOf([post({ feedUrl: 'http://c.example/feed', siteName: 'Bad\u0001name\uFFFE' })]), 'opml')
  assert.equal(parseOpml(control).outlines[0]!.title, 'Bad name')
})
