// Property tests for the Markdown and HTML renderers: whatever strangers' pages put in any
// stored field, the rendered section holds no tag, no on*= attribute and no link that is not
// http(s) beyond the renderer's own. Stores are built field by field and go through
// buildDigest, as `roundup digest` does.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { buildDigest, renderDigest } from '../../src/digest/index.js'
import { emptyPost, emptyStore, type StoreData, type StoredEvent, type StoredPost } from '../../src/store/index.js'
import { checkHtml, checkMarkdown } from '../hostile/markup.js'

const PAYLOADS = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)", '<svg/onload=alert(1)>', 'javascript:alert(1)',
  '[click](javascript:alert(1))', '![x](javascript:alert(1))', '<http://evil.example>', '<!-- x -->', '&lt;script&gt;', '&#60;script&#62;', '&amp;',
  '`code`', '*bold* _em_ ~~strike~~', '# heading', '> quote', '1. list', '- item', '| table |', '\\', ']', '[', ')', '(', '\n\n<div>', '\r\n# x',
  '\u2028', '\u0000', '\u202e', '<a href="javascript:alert(1)">x</a>', 'data:text/html;base64,PHNjcmlwdD4=', '</section><script>', '<style>*{}</style>',
]
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...PAYLOADS),
  fc.array(fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 8 })), { maxLength: 5 }).map((parts) => parts.join('')),
)
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'http://a.example/"><script>alert(1)</script>', 'http://a.example/(x)[y]', 'https://a.example/ onmouseover=x', '//evil.example/', 'file:///etc/passwd', 'http://[::1]/'),
  text,
)
const date = fc.oneof(text, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constant('2009-04-01T10:32:00-07:00'))
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null })

const post = fc.record({
  url,
  finalUrl: maybe(url),
  title: maybe(text),
  authors: fc.array(text, { maxLength: 3 }),
  siteName: maybe(text),
  excerpt: maybe(text),
  published: maybe(date),
  status: fc.constantFrom('ok', 'gone', 'error', 'skipped') as fc.Arbitrary<StoredPost['status']>,
  outcome: fc.oneof(fc.constantFrom('stored', 'skipped:robots', 'skipped:ssrf', 'error:http-404', 'error:timeout'), text.map((t) => `skipped:${t}`), text.map((t) => `error:${t}`), text),
  httpStatus: maybe(fc.integer({ min: -1, max: 999 })),
  entryText: maybe(text),
  text,
  archive: fc.option(fc.record({ snapshotUrl: maybe(url), timestamp: maybe(date), checkedAt: date }), { nil: undefined }),
})

const store = fc.record({
  id: text,
  title: text,
  posts: fc.array(post, { minLength: 0, maxLength: 5 }),
  seeds: fc.nat({ max: 2 }),
}).map(({ id, title, posts, seeds }): StoreData => {
  const data = emptyStore()
  const members: StoredEvent['posts'] = []
  for (const [i, p] of posts.entries()) {
    const stored: StoredPost = Object.assign(emptyPost(p.url, '2026-01-01T00:00:00Z'), {
      finalUrl: p.finalUrl, title: p.title, authors: p.authors, siteName: p.siteName, excerpt: p.excerpt, published: p.published,
      status: p.status, outcome: p.outcome, httpStatus: p.httpStatus, text: p.text,
      claims: p.entryText === null ? [] : [{ from: posts[0]!.url, entryText: p.entryText, author: p.authors[0] ?? null, site: p.siteName }],
      ...(p.archive ? { archive: p.archive } : {}),
    })
    data.posts[p.url] = stored
    members.push({ url: p.url, depth: i < seeds ? 0 : 1, via: i < seeds ? null : posts[0]!.url, reason: i < seeds ? 'seed' : 'crossref', addedAt: '2026-01-01T00:00:00Z' })
  }
  data.events[id] = { id, title, titleSource: 'derived', seeds: posts.slice(0, seeds).map((p) => p.url), posts: members, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }
  return data
})

const options = fc.record({ withSeeds: fc.boolean(), heading: fc.option(text, { nil: undefined }) })

test('the HTML snippet never carries markup, handlers or non-http(s) links from its input', () => {
  fc.assert(
    fc.property(store, options, (data, render) => {
      const html = renderDigest(buildDigest(data), 'html', render)
      assert.deepEqual(checkHtml(html), [], html)
    }),
    { numRuns: 200 },
  )
})

test('the Markdown section never carries markup, or a link that is not one of the renderer\'s own http(s) links', () => {
  fc.assert(
    fc.property(store, options, (data, render) => {
      const md = renderDigest(buildDigest(data), 'md', render)
      assert.deepEqual(checkMarkdown(md), [], md)
    }),
    { numRuns: 300 },
  )
})

test('the checkers themselves catch what they are for', () => {
  assert.notDeepEqual(checkHtml('<ul><li><a href="javascript:alert(1)" rel="nofollow ugc noopener">x</a></li></ul>'), [])
  assert.notDeepEqual(checkHtml('<ul><li onclick="x">x</li></ul>'), [])
  assert.notDeepEqual(checkHtml('<ul><li>x<img src=x></li></ul>'), [])
  assert.deepEqual(checkHtml('<section class="roundup-related"><h2>R</h2><ul><li><a href="http://a.example/" rel="nofollow ugc noopener">&lt;script&gt;</a></li></ul></section>'), [])
  assert.notDeepEqual(checkMarkdown('- [x](javascript:alert(1))'), [])
  assert.notDeepEqual(checkMarkdown('- x <img src=x onerror=alert(1)>'), [])
  assert.notDeepEqual(checkMarkdown('- [a](http://a.example/) and [b](http://b.example/) [injected'), [])
  assert.deepEqual(checkMarkdown('- [a \\[b\\]](http://a.example/%28x%29) — &lt;c&gt; &amp; \\*d\\*'), [])
})
