import { test } from 'node:test'
import assert from 'node:assert/strict'
import { doc, extract, PROSE } from './helpers.js'

const cases: Array<{ name: string; html: string; want: string | null }> = [
  { name: '<title> alone', html: doc(PROSE, '<title>Just a title</title>'), want: 'Just a title' },
  { name: 'og:title with " | Site" suffix loses to the h1', html: doc(`<h1>Real headline</h1>${PROSE}`, '<title>Real headline | Site</title><meta property="og:title" content="Real headline | Site">'), want: 'Real headline' },
  { name: 'title-tag suffix naming og:site_name is stripped', html: doc(PROSE, '<title>A post about things – Example Blog</title><meta property="og:site_name" content="Example Blog">'), want: 'A post about things' },
  { name: 'Blogger "Blog: Post" prefix is stripped', html: doc(`<div id="header"><h1 class="title">My Blog</h1></div><h3 class="post-title">The post</h3>${PROSE}`, '<title>My Blog: The post</title>'), want: 'The post' },
  { name: 'JSON-LD headline', html: doc(PROSE, '<title>x | y</title><script type="application/ld+json">{"@type":"BlogPosting","headline":"From JSON-LD"}</script>'), want: 'From JSON-LD' },
  { name: 'JSON-LD in @graph and an array', html: doc(PROSE, '<script type="application/ld+json">[{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":["Article","NewsArticle"],"headline":"Graph headline"}]}]</script>'), want: 'Graph headline' },
  { name: 'hAtom entry-title beats the blog-name h1 in the header', html: doc(`<div id="header"><h1>Blog Name</h1></div><div class="hentry"><h2 class="entry-title">Entry title</h2>${PROSE}</div>`, '<title>Blog Name » Entry title</title>'), want: 'Entry title' },
  { name: 'h-entry p-name', html: doc(`<article class="h-entry"><h1 class="p-name">Microformats 2</h1>${PROSE}</article>`), want: 'Microformats 2' },
  { name: 'entities decoded, markup stripped, whitespace collapsed', html: doc(`<h1>Fish &amp; Chips <em>now</em>\n   cheaper</h1>${PROSE}`), want: 'Fish & Chips now cheaper' },
  { name: 'markup inside og:title is stripped, not escaped', html: doc(PROSE, '<meta property="og:title" content="&lt;b&gt;Bold&lt;/b&gt; claim">'), want: 'Bold claim' },
  { name: 'control characters removed', html: doc(`<h1>Zero\u200Bwidth\u0007 bell</h1>${PROSE}`), want: 'Zerowidth bell' },
  { name: 'no title at all', html: doc('<p>nothing</p>'), want: null },
]

for (const { name, html, want } of cases) {
  test(`title: ${name}`, () => assert.equal(extract(html).title, want))
}

test('title: capped at 500 characters on a word, with an ellipsis', () => {
  const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ')
  const title = extract(doc(`<h1>${long}</h1>`)).title!
  assert.ok(title.length <= 500)
  assert.ok(title.endsWith('…'))
  assert.match(title, /word\d+…$/)
})

test('title: script text inside a heading never leaks into the title', async () => {
  const { extractPage } = await import('../../src/extract/index.js')
  const page = extractPage('<html><head><title>x</title></head><body><h1>Heading <script>alert(14)</script></h1><article><p>Body text long enough to be the first paragraph of the post.</p></article></body></html>', 'http://a.example/p')
  assert.equal(page.title, 'Heading')
  for (const c of page.candidates.title ?? []) assert.doesNotMatch(c.value, /alert/)
})
