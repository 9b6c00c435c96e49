import { test } from 'node:test'
import assert from 'node:assert/strict'
import { doc, extract, PROSE } from './helpers.js'

const LEAD = 'The panel spent most of the hour on measurement'

const cases: Array<{ name: string; html: string; want: RegExp | null }> = [
  { name: 'meta description about the post', html: doc(`<article>${PROSE}</article>`, '<meta name="description" content="Why counting followers tells you little about whether a social media programme works.">'), want: /^Why counting followers/ },
  { name: 'boilerplate meta description loses to the first paragraph', html: doc(`<article>${PROSE}</article>`, '<meta name="description" content="Welcome to Example Blog, the best source for gadget reviews since 2001.">'), want: new RegExp(`^${LEAD}`) },
  { name: 'a site promo naming the site is boilerplate', html: doc(`<article><h1>Measurement panel</h1>${PROSE}</article>`, '<meta property="og:site_name" content="Garden Weekly"><meta name="description" content="Garden Weekly: gardening tips, recipes and knitting patterns since 1987. Subscribe today.">'), want: new RegExp(`^${LEAD}`) },
  { name: 'the site tagline from the header is boilerplate', html: doc(`<div id="header"><p class="description">Notes on facilitation, online and off, since forever</p></div><div class="post-body">${PROSE}</div>`, '<meta name="description" content="Notes on facilitation, online and off, since forever">'), want: new RegExp(`^${LEAD}`) },
  { name: 'a standfirst under the headline is preferred', html: doc(`<article><h1>Measurement panel</h1><p class="standfirst">Counting followers says little about success, the panel agreed on Tuesday.</p><div class="entry-content">${PROSE}</div></article>`, '<meta name="description" content="Why counting followers tells you little about whether a social media programme works.">'), want: /^Counting followers says little/ },
  { name: 'skips image credits and captions', html: doc(`<div class="entry-content"><p>(Image by kyeung808 via Flickr)</p><p class="wp-caption-text">A stage.</p>${PROSE}</div>`), want: new RegExp(`^${LEAD}`) },
  { name: 'skips cookie banners', html: doc(`<div class="notice"><p>We use cookies to improve your experience. By continuing you accept our privacy policy and cookie terms.</p></div><article>${PROSE}</article>`), want: new RegExp(`^${LEAD}`) },
  { name: 'skips navigation and sidebars', html: doc(`<nav><p>Home, About, Archive, Contact and a long list of categories, tags and more links here.</p></nav><div class="post-body">${PROSE}</div><div id="sidebar"><p>About me: I write about many things, mostly facilitation, change and coffee.</p></div>`), want: new RegExp(`^${LEAD}`) },
  { name: 'skips bylines and dates', html: doc(`<div class="entry-content"><p>By Jane Roe</p><p>April 1, 2009</p>${PROSE}</div>`), want: new RegExp(`^${LEAD}`) },
  { name: 'br-separated Blogger text', html: doc('<div class="post-body">First line of a Blogger post that uses line breaks, not paragraphs, for all of its text.<br><br>Second paragraph.</div>'), want: /^First line of a Blogger post/ },
  { name: 'never from comments', html: doc(`<div id="comments"><p>This is a long comment that should never become the excerpt of the post, no matter what.</p></div>`), want: null },
]

for (const { name, html, want } of cases) {
  test(`excerpt: ${name}`, () => {
    const excerpt = extract(html).excerpt
    if (want === null) assert.equal(excerpt, null)
    else assert.match(excerpt ?? '', want)
  })
}

test('excerpt: at most 300 characters, cut on a word with an ellipsis', () => {
  const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ')
  const excerpt = extract(doc(`<article><p>${words}, and so on.</p></article>`)).excerpt!
  assert.ok(excerpt.length <= 300, `length ${excerpt.length}`)
  assert.match(excerpt, /word\d+…$/)
})

test('excerpt: plain text, entities decoded, and nothing that reads as a tag (not even escaped ones)', () => {
  const excerpt = extract(doc('<article><p>Fish &amp; chips &lt;b&gt;are&lt;/b&gt; <b>cheap</b> &mdash; really cheap, said the man at the counter.</p></article>')).excerpt
  assert.equal(excerpt, 'Fish & chips are cheap — really cheap, said the man at the counter.')
})
