import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { extractPage } from '../../src/extract/index.js'
import type { ExtractedPage } from '../../src/extract/index.js'
import { isRoundupError } from '../../src/errors.js'
import { limitNesting, loadHtml, MAX_DEPTH } from '../../src/extract/load-html.js'
import { load } from 'cheerio/slim'
import type { AnyNode } from 'domhandler'
import { BASE, doc, extract, PROSE } from './helpers.js'

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** Invariants of every extracted page, whatever the input. */
function assertClean(page: ExtractedPage) {
  for (const [field, max] of [['title', 500], ['excerpt', 300], ['siteName', 200]] as const) {
    const value = page[field]
    if (value === null) continue
    assert.ok(value.length <= max, `${field} too long`)
    assert.ok(!CONTROL.test(value) && !/\s{2}|^\s|\s$|\n/.test(value), `${field} not clean: ${JSON.stringify(value)}`)
  }
  for (const author of page.authors) assert.ok(author.length <= 200 && !CONTROL.test(author) && author.trim() === author)
  for (const date of [page.published, page.updated]) {
    if (date !== null) assert.match(date, /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?)?$/)
  }
  for (const url of [page.canonicalUrl, ...page.links.map((l) => l.url), ...page.feeds.map((f) => f.url), ...page.crossRefs.flatMap((s) => s.entries.map((e) => e.url))]) {
    if (url !== null) assert.match(url, /^https?:\/\/[^\s]+$/)
  }
  assert.ok(page.text.length <= 20_000)
}

test('robustness: 100k nested divs degrade to flat text instead of overflowing the stack', () => {
  const html = '<html><head><title>Deep</title><meta property="og:title" content="Deep page"></head><body>' + '<div>'.repeat(100_000) + '<p>deep text <a href="http://x.example/a">x</a></p>' + '</div>'.repeat(100_000) + '</body></html>'
  const page = extractPage(html, BASE)
  assert.equal(page.title, 'Deep page')
  // links below the cut survive
  assert.deepEqual(page.links.map((l) => l.url), ['http://x.example/a'])
  assertClean(page)
})

test('robustness: limitNesting keeps shallow pages byte-identical and cuts deep ones', () => {
  const shallow = doc(PROSE)
  assert.equal(limitNesting(shallow), shallow)
  const deep = '<div>'.repeat(1000) + 'x' + '</div>'.repeat(1000)
  const cut = limitNesting(deep, 100)
  assert.equal((cut.match(/<div>/g) ?? []).length, 100)
  assert.equal((cut.match(/<\/div>/g) ?? []).length, 100)
  assert.match(cut, /x/)
})

/** The deepest element's number of element ancestors, plus one. */
function depthOf(root: AnyNode): number {
  let deepest = 0
  const stack: Array<[AnyNode, number]> = [[root, 0]]
  while (stack.length) {
    const [node, depth] = stack.pop()!
    deepest = Math.max(deepest, depth)
    if ('children' in node) for (const child of node.children) stack.push([child, node.type === 'root' ? depth : depth + 1])
  }
  return deepest
}

test('robustness: loadHtml builds the tree cheerio would, and flattens only what nests past MAX_DEPTH', () => {
  const options = { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, withStartIndices: true } }
  const page = doc(PROSE) + '<TABLE><tr><td>cell<td>cell</table><p>unclosed<li>item &amp; entity <br/>'
  assert.equal(loadHtml(page).html(), load(page, options).html())
  assert.equal(loadHtml(page)('p').first().prop('startIndex'), load(page, options)('p').first().prop('startIndex'))
  // Exactly at the limit: left alone. Past it: flattened to about the limit.
  const atLimit = '<div>'.repeat(MAX_DEPTH) + 'x' + '</div>'.repeat(MAX_DEPTH)
  assert.equal(loadHtml(atLimit).html(), load(atLimit, options).html())
  // limitNesting counts a table level once (tr and td close themselves), so it keeps three elements per level.
  for (const [deep, bound] of [['<div>'.repeat(5000) + 'x', MAX_DEPTH], ['<table><tr><td>'.repeat(2000) + 'x', 3 * MAX_DEPTH], ['<span>'.repeat(3000) + '<a href="http://a.example/">a</a>', MAX_DEPTH]] as const) {
    const $ = loadHtml(deep)
    assert.ok(depthOf($.root()[0]!) <= bound + 3, `depth ${depthOf($.root()[0]!)}`)
    assert.ok(depthOf(load(deep, options).root()[0]!) > MAX_DEPTH)
    assert.match($.root().text(), /x|a/)
  }
})

test('robustness: deep shapes that limitNesting reads otherwise than the parser are cut too, keeping their text', () => {
  // `<div/>` opens a div in HTML, a stray `</x>` closes nothing, and noscript holds markup:
  // limitNesting saw no nesting in these, and an unguarded parse of 100k levels took minutes.
  for (const html of ['<div/>'.repeat(100_000) + '<p>tail text</p>', '<div></x>'.repeat(100_000) + 'tail text', '<noscript>' + '<div>'.repeat(100_000) + 'tail text']) {
    const $ = loadHtml(html)
    // The second parse allows four levels per level limitNesting counts (see loadHtml).
    assert.ok(depthOf($.root()[0]!) <= 4 * MAX_DEPTH + 1, `depth ${depthOf($.root()[0]!)}`)
    assert.match($.root().text(), /tail text\s*$/)
    assertClean(extractPage(html, BASE))
  }
})

test('robustness: other deep shapes (unclosed inline tags, nested lists and tables)', () => {
  for (const html of [
    '<html><body>' + '<b>'.repeat(50_000) + 'text' + '<span>'.repeat(50_000) + '</body></html>',
    '<ul>' + '<li><ul>'.repeat(30_000) + '<li><a href="http://a.example/">a</a>',
    '<table>' + '<tr><td><table>'.repeat(20_000) + 'x',
  ]) assertClean(extractPage(html, BASE))
})

test('robustness: malformed markup still yields the post', () => {
  const html = `<html><head><title>Broken page</title><meta name=author content=Jane Roe></head><body>
    <div class=post-body><p>First paragraph of a page with unclosed tags and stray closers, long enough to count as prose.<p>Second one
    </span></div></div></b><a href=http://x.example/unquoted>unquoted link</a><!-- unterminated comment`
  const page = extractPage(html, BASE)
  assertClean(page)
  assert.match(page.excerpt ?? '', /^First paragraph of a page with unclosed tags/)
})

test('robustness: broken or hostile JSON-LD never sinks the page', () => {
  const blocks = [
    '{"@type": "Article", "headline": ',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{"@type":"Article","headline":"too deep"}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    '{"@type": ["Article"], "headline": {"@value": 42}, "author": 7, "datePublished": {"x": 1}, "@graph": "nope"}',
    '{"@type": "Article", "author": [null, {"name": ["A", {"b": 1}]}], "headline": "Trailing comma",}',
    '<!-- {"@type": "Article", "headline": "In a comment"} -->',
    '['.repeat(50_000) + ']'.repeat(50_000),
  ]
  for (const block of blocks) {
    const page = extract(doc(`<h1>Visible headline</h1>${PROSE}`, `<script type="application/ld+json">${block}</script>`))
    assertClean(page)
    assert.ok(page.title)
  }
  // the repaired trailing-comma block is used
  assert.equal(extract(doc(PROSE, `<script type="application/ld+json">${blocks[3]}</script>`)).title, 'Trailing comma')
})

test('robustness: garbage input returns an empty page, not a throw', () => {
  for (const html of ['', ' ', '\u0000\u0001\u0002', '<<<>>>', '<html', '</div>'.repeat(100), 'x'.repeat(200_000), null as unknown as string]) {
    const page = extractPage(html, BASE)
    assertClean(page)
    assert.equal(page.title ?? null, page.title)
  }
})

test('robustness: a URL that is not http(s) is the one contract violation that throws EXTRACT_FAILED', () => {
  for (const url of ['not a url', 'ftp://x.example/', 'javascript:alert(1)']) {
    assert.throws(() => extractPage('<p>x</p>', url), (error: unknown) => isRoundupError(error) && error.code === 'EXTRACT_FAILED')
  }
})

test('robustness: property — arbitrary HTML-ish input never throws and always gives clean fields', () => {
  const piece = fc.oneof(
    fc.constantFrom('<div>', '</div>', '<p>', '</p>', '<br>', '<h1>', '</h1>', '<a href="/x">', '<a href="javascript:x">', '</a>', '<li>', '<ul>', '</ul>',
      '<script type="application/ld+json">{"@type":"Article","headline":"H"', '</script>', '<meta name="author" content="A B">', '<title>', '</title>',
      '<abbr class="published" title="2009-04-01T10:32:00-07:00">', '<time datetime="2099-01-01">', 'Other posts on this:', 'By Jane Roe', '&amp;', '&#0;', '&#x1F600;',
      '<!--', '-->', '<base href="ftp://x">', '<link rel="alternate" type="application/rss+xml" href="/f">', '\u0000', '\u200B', '\n\t'),
    fc.string({ maxLength: 30 }),
  )
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      assertClean(extractPage(pieces.join(''), BASE))
    }),
    { numRuns: 300 },
  )
})
