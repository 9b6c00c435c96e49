import { test } from 'node:test'
import assert from 'node:assert/strict'
import { doc, extract, PROSE } from './helpers.js'

const cases: Array<{ name: string; html: string; want: string | null }> = [
  { name: 'og:site_name', html: doc(PROSE, '<meta property="og:site_name" content="Example Times">'), want: 'Example Times' },
  { name: 'JSON-LD publisher', html: doc(PROSE, '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","publisher":{"@type":"Organization","name":"Publisher Co"}}</script>'), want: 'Publisher Co' },
  { name: 'JSON-LD WebSite name', html: doc(PROSE, '<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Graph Site"}]}</script>'), want: 'Graph Site' },
  { name: 'application-name', html: doc(PROSE, '<meta name="application-name" content="App Site">'), want: 'App Site' },
  { name: 'Blogger header', html: doc(`<div id="header"><h1 class="title"><a href="/">Blog In Header</a></h1></div>${PROSE}`), want: 'Blog In Header' },
  { name: 'title suffix when the headline is known', html: doc(`<h1>The headline</h1>${PROSE}`, '<title>The headline | Suffix Site</title>'), want: 'Suffix Site' },
  { name: 'none', html: doc(PROSE), want: null },
]

for (const { name, html, want } of cases) {
  test(`siteName: ${name}`, () => assert.equal(extract(html).siteName, want))
}

test('siteName: capped at 200 characters', () => {
  const name = 'Site '.repeat(100)
  const siteName = extract(doc(PROSE, `<meta property="og:site_name" content="${name}">`)).siteName!
  assert.ok(siteName.length <= 200)
})
