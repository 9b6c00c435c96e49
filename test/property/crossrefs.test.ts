// Fuzz tests for cross-reference detection and extraction: random and mutated pages never
// throw (extractPage may only fail with EXTRACT_FAILED), and every URL that comes out is
// http(s) and already normalised.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { isRoundupError } from '../../src/errors.js'
import { detectCrossRefs, extractPage } from '../../src/extract/index.js'
import { normalizeUrl } from '../../src/url/normalize.js'

const FIXTURES = [new URL('../fixtures/crossrefs/', import.meta.url), new URL('../extract/fixtures/', import.meta.url)].flatMap((dir) =>
  readdirSync(dir).filter((name) => name.endsWith('.html')).map((name) => readFileSync(new URL(name, dir), 'utf8')),
)
const PAGE_URL = 'http://blog.example/2009/04/session.html'
/** A whole tag; a lone `<` or `>` in text is just text. */
const TAG = /<\s*\/?\s*[a-z!?][^>]*>/i

/** Pieces that stress the detector: lead-ins, lists, hostile links, broken and deep markup. */
const PIECES = [
  '<p>Other blog posts on the same session:</p>', '<h3>Related coverage</h3>', 'Also blogged by:', '<ul>', '</ul>', '<li>', '</li>', '<ol><li>', '<br>',
  '<a href="javascript:alert(1)">Jane Doe, Evil Blog</a>', '<a href=" JAVASCRIPT:alert(1)">x</a>', '<a href="data:text/html,<script>alert(1)</script>">d</a>',
  '<a href="//evil.example/p">Protocol Relative, Blog</a>', '<a href="http://[::1">broken</a>', '<a href="http://a.example/p?utm_source=x#c">Ann Author, A Blog</a>',
  '<a href="vbscript:msgbox(1)">v</a>', '<a href="file:///etc/passwd">f</a>', '<a>no href</a>', '<a href="">empty</a>', '<a href="/relative/post.html">Rel Ative, Same Blog</a>',
  '<base href="javascript:alert(1)//">', '<base href="http://other.example/dir/">', '<!--', '-->', '<script>', '</script>', '<![CDATA[', '<svg><a href="javascript:1">s</a></svg>',
  '<div>'.repeat(600), '</div>'.repeat(600), '&#0;', '\u0000', '&lt;a href=x&gt;', '<a href="http://b.example/x">' + 'word '.repeat(200) + '</a>',
]

const mutated = fc
  .tuple(fc.constantFrom(...FIXTURES), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 400 }), fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 20 }), fc.constant(null))), { minLength: 1, maxLength: 6 }))
  .map(([html, edits]) => edits.reduce((text, [at, length, piece]) => {
    const i = at % (text.length + 1)
    // null: delete a slice; otherwise insert the piece (sometimes replacing a slice).
    return piece === null ? text.slice(0, i) + text.slice(i + length) : text.slice(0, i) + piece + text.slice(i + (length % 3 === 0 ? length : 0))
  }, html))

const randomPage = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 10 })), { maxLength: 40 }).map((parts) => parts.join(''))

function assertHttp(url: string, where: string): void {
  assert.match(url, /^https?:\/\//, `${where}: ${url}`)
  assert.equal(normalizeUrl(url), url, `${where} is normalised: ${url}`)
}

test('detectCrossRefs never throws on random or mutated pages, and its entries are http(s) URLs', () => {
  let found = 0
  fc.assert(
    fc.property(fc.oneof(mutated, randomPage), (html) => {
      const sections = detectCrossRefs(html, PAGE_URL)
      for (const section of sections) {
        assert.equal(typeof section.heading, 'string')
        for (const entry of section.entries) {
          found++
          assertHttp(entry.url, 'entry')
          assert.ok(!TAG.test(entry.entryText) && !TAG.test(entry.text), `entry text carries markup: ${entry.entryText}`)
        }
      }
    }),
    { numRuns: 150 },
  )
  assert.ok(found > 40, `only ${found} entries found: the inputs no longer exercise detection`)
})

test('extractPage on mutated pages fails only with EXTRACT_FAILED, and every URL it returns is http(s)', () => {
  fc.assert(
    fc.property(mutated, fc.constantFrom(PAGE_URL, 'https://user:pw@blog.example:8443/a/b?c=d#e'), (html, url) => {
      let page
      try {
        page = extractPage(html, url, { fetchedAt: new Date('2026-01-01T00:00:00Z') })
      } catch (error) {
        assert.ok(isRoundupError(error) && error.code === 'EXTRACT_FAILED', `threw ${String(error)}`)
        return
      }
      for (const link of page.links) assertHttp(link.url, `${link.kind} link`)
      for (const feed of page.feeds) assert.match(feed.url, /^https?:\/\//, `feed ${feed.url}`)
      if (page.canonicalUrl) assertHttp(page.canonicalUrl, 'canonical')
      for (const section of page.crossRefs) for (const entry of section.entries) assertHttp(entry.url, 'entry')
      for (const text of [page.title, page.excerpt, page.siteName, ...page.authors]) {
        if (text) assert.ok(!TAG.test(text), `markup in a text field: ${text}`)
      }
    }),
    { numRuns: 80 },
  )
})
