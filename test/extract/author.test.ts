import { test } from 'node:test'
import assert from 'node:assert/strict'
import { doc, extract, PROSE } from './helpers.js'
import { splitAuthors } from '../../src/extract/index.js'

const pages: Array<{ name: string; html: string; want: string[] }> = [
  { name: 'meta author', html: doc(PROSE, '<meta name="author" content="Jane Roe">'), want: ['Jane Roe'] },
  { name: 'JSON-LD Person array', html: doc(PROSE, '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","author":[{"@type":"Person","name":"A One"},{"@type":"Person","name":"B Two"}]}</script>'), want: ['A One', 'B Two'] },
  { name: 'JSON-LD author by @id reference', html: doc(PROSE, '<script type="application/ld+json">{"@graph":[{"@type":"Article","headline":"x","author":{"@id":"#p1"}},{"@type":"Person","@id":"#p1","name":"Referenced Person"}]}</script>'), want: ['Referenced Person'] },
  { name: 'JSON-LD Organization only when no person', html: doc(PROSE, '<script type="application/ld+json">{"@type":"Article","headline":"x","author":{"@type":"Organization","name":"Example Org"}}</script>'), want: ['Example Org'] },
  { name: 'JSON-LD author contradicting the visible byline loses', html: doc(`<div class="byline">By Dana Lee</div>${PROSE}`, '<script type="application/ld+json">{"@type":"Article","headline":"x","author":{"@type":"Person","name":"Evan Marsh"}}</script>'), want: ['Dana Lee'] },
  { name: 'JSON-LD author agreeing with the byline keeps its full form', html: doc(`<div class="byline">By Dana</div>${PROSE}`, '<script type="application/ld+json">{"@type":"Article","headline":"x","author":{"@type":"Person","name":"Dana Lee"}}</script>'), want: ['Dana Lee'] },
  { name: 'Blogger "Posted by"', html: doc(`<div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">Holger Nauheimer</span></span></div>`), want: ['Holger Nauheimer'] },
  { name: 'WordPress byline', html: doc(`<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/x/">Priya Raman</a></span></span>${PROSE}`), want: ['Priya Raman'] },
  { name: 'TypePad "Posted by X on date"', html: doc(`${PROSE}<p class="entry-footer">Posted by Susan Etlinger on April 1, 2009 at 11:45 PM in <a href="/events/">Events</a></p>`), want: ['Susan Etlinger'] },
  { name: 'rel=author link', html: doc(`<a rel="author" href="/about">Kim Park</a>${PROSE}`), want: ['Kim Park'] },
  { name: 'generic meta author gives way to a real byline', html: doc(`<p class="byline">By Sam Field</p>${PROSE}`, '<meta name="author" content="admin">'), want: ['Sam Field'] },
  { name: 'generic name kept when nothing better exists', html: doc(PROSE, '<meta name="author" content="admin">'), want: ['admin'] },
  { name: 'comment authors are not post authors', html: doc(`${PROSE}<div id="comments"><div class="comment"><span class="author vcard"><span class="fn">Commenter</span></span></div></div>`), want: [] },
  { name: 'e-mail and URL authors are rejected', html: doc(PROSE, '<meta name="author" content="someone@example.com"><meta property="article:author" content="https://facebook.example/someone">'), want: [] },
]

for (const { name, html, want } of pages) {
  test(`author: ${name}`, () => assert.deepEqual(extract(html).authors, want))
}

const bylines: Array<{ name: string; html: string; want: string[] }> = [
  { name: 'By', html: 'By Jane Roe', want: ['Jane Roe'] },
  { name: 'two with and', html: 'By Alice Smith and Bob Jones', want: ['Alice Smith', 'Bob Jones'] },
  { name: 'three with comma and ampersand', html: 'A One, B Two & C Three', want: ['A One', 'B Two', 'C Three'] },
  { name: 'German und', html: 'Von Anna Berg und Carl Dorn', want: ['Anna Berg', 'Carl Dorn'] },
  { name: 'role after comma', html: 'Written by Jane Roe, Contributor', want: ['Jane Roe'] },
  { name: 'role with organisation', html: 'Jane Roe, Senior Editor at Example News', want: ['Jane Roe'] },
  { name: 'site suffix', html: 'Jane Roe | Example Blog', want: ['Jane Roe'] },
  { name: 'date tail', html: 'Posted by Jane Roe on April 1, 2009 at 10:32 AM', want: ['Jane Roe'] },
  { name: 'e-mail dropped', html: 'Jane Roe, jane@example.com', want: ['Jane Roe'] },
  { name: 'surname that is a job word', html: 'Carol Writer', want: ['Carol Writer'] },
  { name: 'markup and entities', html: 'By <a href="/x">Jos&eacute; Garc&iacute;a</a>', want: ['José García'] },
  { name: 'site name itself is not an author', html: 'Example Blog', want: [] },
]

for (const { name, html, want } of bylines) {
  test(`splitAuthors: ${name}`, () => assert.deepEqual(splitAuthors(html, 'Example Blog').names, want))
}

test('splitAuthors: generic names are flagged, not silently used', () => {
  assert.deepEqual(splitAuthors('Staff'), { names: ['Staff'], generic: true })
  assert.deepEqual(splitAuthors('Anonymous and Jane Roe'), { names: ['Jane Roe'], generic: false })
})

test('author: an implausibly long name is rejected rather than stored', () => {
  const name = 'Jane ' + 'Verylongname'.repeat(30)
  assert.deepEqual(extract(doc(PROSE, `<meta name="author" content="${name}">`)).authors, [])
})
