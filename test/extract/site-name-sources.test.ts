import { test } from 'node:test'
import assert from 'node:assert/strict'
import { doc, extract, PROSE } from './helpers.js'

// Round 3 rules: og:site_name vs application-name vs JSON-LD publisher, and the copyright fallback.
const PUBLISHER = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","publisher":{"@type":"Organization","name":"Example Newspaper Company"}}</script>'

const cases: Array<{ name: string; html: string; want: string | null }> = [
  {
    name: 'og:site_name agreed by application-name beats the JSON-LD publisher (the company)',
    html: doc(PROSE, `<meta property="og:site_name" content="Example Daily Online"><meta name="application-name" content="Example Daily Online">${PUBLISHER}`),
    want: 'Example Daily Online',
  },
  {
    name: 'app-store names do not count as agreement',
    html: doc(PROSE, `<meta property="og:site_name" content="Hosting Platform"><meta name="twitter:app:name:iphone" content="Hosting Platform">${PUBLISHER}`),
    want: 'Example Newspaper Company',
  },
  {
    name: 'JSON-LD publisher alone still beats og:site_name alone',
    html: doc(PROSE, `<meta property="og:site_name" content="Example Daily Online">${PUBLISHER}`),
    want: 'Example Newspaper Company',
  },
  {
    name: 'copyright holder in the footer when nothing else names the site',
    html: doc(`<article>${PROSE}</article><footer><p>© 2023 Example Club. All rights reserved</p></footer>`),
    want: 'Example Club',
  },
  {
    name: 'copyright holder without a full stop, legal suffix dropped',
    html: doc(`<article>${PROSE}</article><div id="footer">Copyright (c) 2001-2024 Example Times Ltd | Privacy</div>`),
    want: 'Example Times',
  },
  {
    name: 'copyright holder followed directly by "All Rights Reserved"',
    html: doc(`<article>${PROSE}</article><footer>&copy; 2023 EXAMPLE WORLD All Rights Reserved. This site is sponsored by someone.</footer>`),
    want: 'EXAMPLE WORLD',
  },
  {
    name: 'the copyright line never overrides a declared name',
    html: doc(`<article>${PROSE}</article><footer>© 2023 Example Holding GmbH</footer>`, '<meta property="og:site_name" content="Example Blog">'),
    want: 'Example Blog',
  },
  {
    name: 'no footer, no name',
    html: doc(`<article>${PROSE}</article><p>© 2023 Not In A Footer</p>`),
    want: null,
  },
]

for (const { name, html, want } of cases) {
  test(`siteName source: ${name}`, () => assert.equal(extract(html).siteName, want))
}
