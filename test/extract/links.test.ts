import { test } from 'node:test'
import assert from 'node:assert/strict'
import { doc, extract, PROSE } from './helpers.js'

const html = doc(`
<div id="header"><h1><a href="/">Blog</a></h1></div>
<nav><a href="/about">About</a></nav>
<div class="post hentry">
  <div class="post-body entry-content">
    ${PROSE}
    <p>I agree with <a href="http://other.example/post">this post</a> and <a href="javascript:void(0)">not this</a> or <a href="data:text/html,x">this</a> or <a href="mailto:me@example.com">mail</a>.</p>
    <p>Other posts about the panel:</p>
    <ul><li><a href="http://coverage.example/2009/04/panel.html">Ann Lee, Coverage Blog</a></li></ul>
    <div class="sharedaddy"><a href="http://twitter.example/share?u=1">Share on Twitter</a></div>
  </div>
  <div class="post-footer"><span class="post-labels">Labels: <a href="/search/label/panel" rel="tag">panel</a></span></div>
</div>
<div id="comments"><ol class="comment-list"><li class="comment"><a href="http://commenter.example/">Commenter</a> said: <a href="http://other.example/post">this post</a> again</li></ol></div>
<div id="sidebar"><ul class="blogroll"><li><a href="http://friend.example/">A friend</a></li></ul></div>
<div id="footer"><a href="http://host.example/">Hosted by</a></div>`)

const page = extract(html)
const kindOf = (url: string) => page.links.find((l) => l.url === url)?.kind

const cases: Array<{ url: string; want: string | undefined }> = [
  { url: 'http://coverage.example/2009/04/panel.html', want: 'crossref' },
  { url: 'http://other.example/post', want: 'body' }, // also in a comment: the stronger kind wins
  { url: 'http://commenter.example/', want: 'comment' },
  { url: 'http://blog.example/', want: 'nav' },
  { url: 'http://blog.example/about', want: 'nav' },
  { url: 'http://blog.example/search/label/panel', want: 'nav' },
  { url: 'http://twitter.example/share?u=1', want: 'nav' },
  { url: 'http://friend.example/', want: 'nav' },
  { url: 'http://host.example/', want: 'nav' },
]

for (const { url, want } of cases) {
  test(`links: ${url} is ${want}`, () => assert.equal(kindOf(url), want))
}

test('links: javascript:, data: and mailto: links are dropped; each URL appears once', () => {
  assert.ok(page.links.every((l) => /^https?:\/\//.test(l.url)))
  assert.equal(new Set(page.links.map((l) => l.url)).size, page.links.length)
})

test('links: crossref links carry entry text, claims and section', () => {
  const link = page.links.find((l) => l.kind === 'crossref')!
  assert.deepEqual(
    { entryText: link.entryText, claimedAuthor: link.claimedAuthor, claimedSite: link.claimedSite, section: link.section },
    { entryText: 'Ann Lee, Coverage Blog', claimedAuthor: 'Ann Lee', claimedSite: 'Coverage Blog', section: 'Other posts about the panel:' },
  )
})

test('links: relative links resolve against <base href>', () => {
  const p = extract(doc('<div class="post-body"><p>See <a href="x/y.html">this page on the other host</a> for the full story of the panel.</p></div>', '<base href="http://cdn.example/base/">'))
  assert.ok(p.links.some((l) => l.url === 'http://cdn.example/base/x/y.html'))
})
