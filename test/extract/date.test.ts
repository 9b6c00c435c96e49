import { test } from 'node:test'
import assert from 'node:assert/strict'
import { doc, extract, PROSE } from './helpers.js'

const cases: Array<{ name: string; html: string; want: { published: string | null; updated?: string | null }; url?: string }> = [
  { name: 'article:published_time', html: doc(PROSE, '<meta property="article:published_time" content="2015-03-02T08:00:00+01:00">'), want: { published: '2015-03-02T08:00:00+01:00' } },
  { name: 'JSON-LD published and modified kept apart', html: doc(PROSE, '<script type="application/ld+json">{"@type":"BlogPosting","headline":"x","datePublished":"2015-03-02","dateModified":"2016-01-01T00:00:00Z"}</script>'), want: { published: '2015-03-02', updated: '2016-01-01T00:00:00Z' } },
  { name: 'hAtom abbr.published title', html: doc(`<div class="hentry"><abbr class="published" title="2009-04-01T10:32:00-07:00">10:32 AM</abbr>${PROSE}</div>`), want: { published: '2009-04-01T10:32:00-07:00' } },
  { name: 'hAtom published and updated', html: doc(`<div class="hentry"><abbr class="published" title="2009-04-01T10:32:00-07:00">x</abbr><abbr class="updated" title="2009-04-03T08:00:00-07:00">y</abbr>${PROSE}</div>`), want: { published: '2009-04-01T10:32:00-07:00', updated: '2009-04-03T08:00:00-07:00' } },
  { name: 'Blogger date header with timestamp', html: doc(`<h2 class="date-header">Wednesday, April 1, 2009</h2><div class="post"><div class="post-body">${PROSE}</div><span class="post-timestamp">at <a class="timestamp-link">10:32 AM</a></span></div>`), want: { published: '2009-04-01T10:32:00' } },
  { name: 'WordPress time.entry-date', html: doc(`<time class="entry-date published" datetime="2023-05-10T08:00:00+02:00">10 May 2023</time>${PROSE}`), want: { published: '2023-05-10T08:00:00+02:00' } },
  { name: 'German visible date', html: doc(`<div class="entry-meta">Veröffentlicht am 3. März 2009</div>${PROSE}`, '<meta charset="utf-8">'), want: { published: '2009-03-03' } },
  { name: 'DC.date meta', html: doc(PROSE, '<meta name="DC.date.issued" content="2011-07-04">'), want: { published: '2011-07-04' } },
  { name: 'date in the URL as last resort', html: doc(PROSE), url: 'http://blog.example/2012/10/31/halloween-post/', want: { published: '2012-10-31' } },
  { name: 'future date rejected', html: doc(PROSE, '<meta property="article:published_time" content="2099-01-01T00:00:00Z">'), want: { published: null } },
  { name: 'comment dates are not the post date', html: doc(`${PROSE}<div id="comments"><div class="comment"><time datetime="2010-01-01T00:00:00Z">Jan 1</time></div></div>`), want: { published: null } },
  { name: 'sidebar archive dates are not the post date', html: doc(`${PROSE}<div class="widget BlogArchive" id="BlogArchive1"><ul><li><a href="/2009_03_29_archive.html">Sunday, March 29, 2009</a></li></ul></div>`), want: { published: null } },
  { name: 'never invents a date', html: doc(PROSE), want: { published: null, updated: null } },
  { name: 'agreement beats a lone higher-trust date', html: doc(`<div class="hentry"><abbr class="published" title="2014-02-02T09:00:00+00:00">x</abbr><time datetime="2014-02-02">Feb 2</time>${PROSE}</div>`, '<meta name="date" content="2014-02-02">'), want: { published: '2014-02-02T09:00:00+00:00' } },
]

for (const { name, html, want, url } of cases) {
  test(`date: ${name}`, () => {
    const page = extract(html, url)
    assert.equal(page.published, want.published)
    if (want.updated !== undefined) assert.equal(page.updated, want.updated)
  })
}

test('date: fetchedAt moves the future cut-off', () => {
  const html = doc(PROSE, '<meta property="article:published_time" content="2020-06-01T00:00:00Z">')
  assert.equal(extract(html, undefined, { fetchedAt: new Date('2020-01-01T00:00:00Z') }).published, null)
  assert.equal(extract(html, undefined, { fetchedAt: new Date('2021-01-01T00:00:00Z') }).published, '2020-06-01T00:00:00Z')
})
