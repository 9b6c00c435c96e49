import { test } from 'node:test'
import fc from 'fast-check'
import assert from 'node:assert/strict'
import { load } from 'cheerio/slim'
import type { Element } from 'domhandler'
import { createDomIndex } from '../../src/extract/dom-index.js'
import { loadHtml } from '../../src/extract/load-html.js'

const PAGE = `<html><head><title>T</title><meta property="og:title" content="OG"><link rel="alternate" type="application/rss+xml" href="/feed"><link rel="stylesheet"><link href="/x.css"></head><body>
<div id="header"><h1 class="site-title"><a href="/">Blog</a></h1></div>
<div class="post hentry"><h2 class="entry-title">Post</h2>
<p class="byline author-byline">By <a rel="author" href="/me">Me</a></p>
<time class="published" datetime="2009-04-01">April 1</time>
<p>Body <a href="https://example.org/x">x</a></p></div>
<div class="sidebar"><h1>Archive</h1><a href="/2009/">2009</a></div>
</body></html>`

const texts = (list: Element[]) => list.map((el) => el.name + (el.attribs.class ? '.' + el.attribs.class.split(' ')[0] : '') + (el.attribs.href ? `[${el.attribs.href}]` : ''))

for (const [name, parse] of [['loadHtml', loadHtml], ["a caller's own cheerio.load", (html: string) => load(html)]] as const) {
  test(`dom index (${name}): selector lists come back in document order, whatever their order in the list`, () => {
    const dom = createDomIndex(parse(PAGE))
    assert.deepEqual(texts(dom.select('time, h2, p.byline')), ['h2.entry-title', 'p.byline', 'time.published'])
    assert.deepEqual(texts(dom.select('#header h1 a, a[rel="author"]')), ['a[/]', 'a[/me]'])
    const [h2, time] = [dom.first('h2')!, dom.first('time')!]
    assert.ok(dom.order(h2) >= 0)
    assert.ok(dom.order(h2) < dom.order(time))
    assert.ok(dom.order(dom.first('.sidebar')!) > dom.order(time))
  })
}

test('dom index: each query shape finds the same elements as css-select', () => {
  const $ = loadHtml(PAGE)
  const dom = createDomIndex($)
  const shapes = ['h1', '.hentry', '#header', '[class*="byline"]', '#header h1 a', '.hentry .entry-title', 'meta[property="og:title"]', 'a[href^="https://"]', 'div > h1', 'p:not(.byline)', 'a[href$=".org/x"]', 'h1:not(#header h1)', '.missing', '.hentry .author-byline a', 'div .entry-title', 'body div p a', '.post.hentry h2', 'div#header a', 'p .missing', 'html h1', 'div div', 'div.sidebar h1', 'link[rel][href]', 'a[rel="author"][href^="/"]', 'meta[property][content]', 'a[href][title]', 'a[href][rel~="author"]']
  for (const selector of shapes) {
    assert.deepEqual(texts(dom.select(selector)), texts($(selector).toArray() as Element[]), selector)
  }
})

test('dom index: a selector planned on one page answers from the next page, not from the first', () => {
  const first = createDomIndex(loadHtml('<div class="post"><h2 class="entry-title">One</h2></div>'))
  const second = createDomIndex(loadHtml('<div class="post"><h2 class="entry-title">Two</h2><h2 class="entry-title">Three</h2></div>'))
  assert.equal(first.select('.post .entry-title').length, 1)
  assert.deepEqual(second.select('.post .entry-title').map((el) => (el.children[0] as unknown as { data: string }).data), ['Two', 'Three'])
  assert.equal(first.select('.post .entry-title').length, 1)
})

test('dom index: descendant chains of tags, classes and ids match css-select on random pages (property)', () => {
  const TAGS = ['div', 'p', 'span', 'a', 'h2']
  const CLASSES = ['post', 'hentry', 'author', 'fn', 'entry-title', 'meta']
  const node: fc.Memo<string> = fc.memo((depth) =>
    fc.tuple(fc.constantFrom(...TAGS), fc.subarray(CLASSES, { maxLength: 3 }), fc.option(fc.constantFrom('main', 'side'), { nil: undefined }), depth > 1 ? fc.array(node(depth - 1), { maxLength: 3 }) : fc.constant([] as string[])).map(
      ([tag, classes, id, children]) => `<${tag}${classes.length ? ` class="${classes.join(' ')}"` : ''}${id ? ` id="${id}"` : ''}>x${children.join('')}</${tag}>`,
    ),
  )
  const compound = fc.tuple(fc.option(fc.constantFrom(...TAGS), { nil: undefined }), fc.subarray(CLASSES, { maxLength: 2 }), fc.option(fc.constantFrom('main', 'side'), { nil: undefined }))
    .filter(([tag, classes, id]) => !!tag || classes.length > 0 || !!id)
    .map(([tag, classes, id]) => `${tag ?? ''}${id ? '#' + id : ''}${classes.map((c) => '.' + c).join('')}`)
  fc.assert(
    fc.property(fc.array(node(4), { minLength: 1, maxLength: 3 }), fc.array(compound, { minLength: 1, maxLength: 3 }), (body, chain) => {
      const $ = loadHtml(`<html><body>${body.join('')}</body></html>`)
      const selector = chain.join(' ')
      assert.deepEqual(createDomIndex($).select(selector), $(selector).toArray(), selector)
    }),
    { numRuns: 300 },
  )
})

test('dom index: odd names, caseless attribute values, quoting and flags agree with css-select', () => {
  const $ = loadHtml(`<div id="123"><p class="-1a" rel="Author" type="text/HTML" data-x="x'][b='y" title="it's .y">t</p><a class="y" rel="Bookmark">y</a></div>`)
  const dom = createDomIndex($)
  const shapes = ['#123', '.-1a', 'div .-1a', 'p[rel="author"][type="text/html"]', 'p[rel~="author"]', 'a[rel="bookmark"]', `p[data-x="x'][b='y"]`, `[title="it's .y"]`, 'p[rel=Author i]', 'p[rel=author]', 'p[title="IT\'S .Y"]']
  for (const selector of shapes) {
    const expected = $(selector).toArray()
    assert.deepEqual(dom.select(selector), expected, selector)
  }
  assert.equal(dom.select('p[rel="author"][type="text/html"]').length, 1, 'rel and type values compare without case, as in HTML')
  assert.equal(dom.select('p[title="IT\'S .Y"]').length, 0, 'other attribute values keep their case')
})
