import { test } from 'node:test'
import assert from 'node:assert/strict'
import { findBacklinks } from '../../src/extract/backlinks.js'

const PAGE = 'http://blog.example/2009/04/post.html'

test('pingbacks and trackbacks as WordPress, Blogger and TypePad list them', () => {
  const cases: Array<{ name: string; html: string; want: Array<[string, string]> }> = [
    {
      name: 'WordPress comment list',
      html: `<ol class="commentlist"><li class="comment"><a href="http://commenter.example/">Dana</a> Nice</li>
        <li class="pingback"><p>Pingback: <a href="http://other.example/2009/04/roundup/" class="url">Other &raquo; Roundup</a></p></li>
        <li class="trackback"><a href="http://third.example/tb.html">Third</a></li></ol>`,
      want: [['http://other.example/2009/04/roundup/', 'pingback'], ['http://third.example/tb.html', 'trackback']],
    },
    {
      name: 'Blogger "Links to this post"',
      html: `<div id="backlinks-container"><h4>Links to this post:</h4><dl id="backlinks-list"><dt class="post-backlinks"><a href="http://linker.example/2009/04/notes.html" rel="nofollow">Notes</a></dt></dl>
        <p><a href="https://www.blogger.example/post-create.g?blogID=1">Create a Link</a></p></div>`,
      want: [['http://linker.example/2009/04/notes.html', 'pingback']],
    },
    {
      name: 'TypePad trackbacks',
      html: `<div class="trackbacks"><div class="trackback-url">TrackBack URL: <a href="http://blog.example/t/trackback/123">http://blog.example/t/trackback/123</a></div>
        <div class="trackback-content"><a href="http://tb.example/2009/04/02/panel.html">The panel</a> from <a href="http://tb.example/">TB blog</a></div></div>`,
      want: [['http://tb.example/2009/04/02/panel.html', 'trackback']],
    },
    { name: 'no backlinks at all', html: '<p>Just a post with <a href="http://x.example/">a link</a></p>', want: [] },
    { name: 'hostile links', html: '<li class="pingback"><a href="javascript:alert(1)">x</a><a href="http://blog.example/2009/04/post.html">self</a></li>', want: [] },
  ]
  for (const c of cases) assert.deepEqual(findBacklinks(c.html, PAGE).map((b) => [b.url, b.kind]), c.want, c.name)
})

test('never throws on broken markup', () => {
  for (const html of ['<li class="pingback"><a href=', '<div class="trackback-content">'.repeat(5000), '\u0000pingback\uffff']) {
    assert.doesNotThrow(() => findBacklinks(html, PAGE))
  }
})
