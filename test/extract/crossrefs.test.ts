import { test } from 'node:test'
import assert from 'node:assert/strict'
import { load } from 'cheerio/slim'
import { detectCrossRefs } from '../../src/extract/index.js'
import { BASE, doc, extract, PROSE } from './helpers.js'

const post = (inner: string) => doc(`<div class="post hentry"><h3 class="post-title">A post</h3><div class="post-body entry-content">${PROSE}${inner}</div></div>`)
const A = 'http://a.example/2009/04/one.html'
const B = 'http://b.example/2009/04/two.html'
const C = 'http://c.example/posts/three'

const cases: Array<{ name: string; html: string; want: Array<{ heading: string; urls: string[] }> }> = [
  {
    name: 'heading + list',
    html: post(`<h3>Other blog posts on this session</h3><ul><li><a href="${A}">Ann Lee, Blog A</a></li><li><a href="${B}">Bo Kim, Blog B</a></li></ul>`),
    want: [{ heading: 'Other blog posts on this session', urls: [A, B] }],
  },
  {
    name: 'plain line + <br> lines (Blogger)',
    html: post(`Other posts about the keynote:<br><br><a href="${A}">Ann Lee</a>, Blog A<br><a href="${B}">Bo Kim</a>, Blog B<br><br>Thanks for reading.`),
    want: [{ heading: 'Other posts about the keynote:', urls: [A, B] }],
  },
  {
    name: 'bold lead-in + consecutive paragraphs',
    html: post(`<p><b>Other takes</b></p><p><a href="${A}">First take</a> – Ann Lee</p><p><a href="${B}">Second take</a> – Bo Kim</p><p>Back to my own notes, which go on for a while longer.</p>`),
    want: [{ heading: 'Other takes', urls: [A, B] }],
  },
  {
    name: 'lead-in and lines inside one paragraph',
    html: post(`<p><strong>More coverage:</strong><br><a href="${A}">Ann Lee, Blog A</a><br><a href="${B}">Bo Kim, Blog B</a></p>`),
    want: [{ heading: 'More coverage:', urls: [A, B] }],
  },
  {
    name: 'inline "see also X and Y"',
    html: post(`<p>See also <a href="${A}">Ann’s notes</a> and <a href="${B}">Bo’s recap</a>.</p>`),
    want: [{ heading: 'See also', urls: [A, B] }],
  },
  {
    name: 'ordered list after "Further reading"',
    html: post(`<h4>Further reading</h4><ol><li><a href="${A}">One</a></li><li><a href="${B}">Two</a></li><li><a href="${C}">Three</a></li></ol>`),
    want: [{ heading: 'Further reading', urls: [A, B, C] }],
  },
  {
    name: 'German lead-in',
    html: post(`<p>Weitere Beiträge zum Thema:</p><ul><li><a href="${A}">Anna Berg, Blog A</a></li></ul>`),
    want: [{ heading: 'Weitere Beiträge zum Thema:', urls: [A] }],
  },
  {
    name: 'German "Siehe auch"',
    html: post(`<h3>Siehe auch</h3><ul><li><a href="${A}">Eins</a></li></ul>`),
    want: [{ heading: 'Siehe auch', urls: [A] }],
  },
  {
    name: 'French lead-in',
    html: post(`<h3>Sur le même sujet</h3><ul><li><a href="${A}">Un</a></li><li><a href="${B}">Deux</a></li></ul>`),
    want: [{ heading: 'Sur le même sujet', urls: [A, B] }],
  },
  {
    name: 'French "Voir aussi"',
    html: post(`<p>Voir aussi : <a href="${A}">le compte rendu de Anne</a></p>`),
    want: [{ heading: 'Voir aussi :', urls: [A] }],
  },
  {
    name: 'Spanish lead-in',
    html: post(`<p>Otras entradas sobre la conferencia:</p><ul><li><a href="${A}">Uno</a></li></ul>`),
    want: [{ heading: 'Otras entradas sobre la conferencia:', urls: [A] }],
  },
  {
    name: 'Spanish "Ver también"',
    html: post(`<h3>Ver también</h3><ul><li><a href="${A}">Uno</a></li></ul>`),
    want: [{ heading: 'Ver también', urls: [A] }],
  },
  {
    name: 'definition list: <dt>blog</dt><dd>linked title</dd>',
    html: post(`<p><b>Coverage elsewhere</b></p><dl><dt>Blog A</dt><dd><a href="${A}">A title</a></dd><dt>Bo Kim</dt><dd><a href="${B}">Another title</a></dd></dl>`),
    want: [{ heading: 'Coverage elsewhere', urls: [A, B] }],
  },
  {
    name: 'lead-in after the links: "X and Y have also blogged the panel"',
    html: post(`<p>Update: <a href="${A}">Ann Lee</a> and <a href="${B}">Bo Kim</a> have also blogged the panel.</p>`),
    want: [{ heading: 'Update:', urls: [A, B] }],
  },
  {
    name: 'opener before the lead-in: "For other takes on the session, see …"',
    html: post(`<p>For other takes on the session, see <a href="${A}">Ann</a>, <a href="${B}">Bo</a> and <a href="${C}">Cy</a>.</p>`),
    want: [{ heading: 'For other takes on the session, see', urls: [A, B, C] }],
  },
  {
    name: 'weak inline lead-in followed mostly by links',
    html: post(`<p>More coverage from <a href="${A}">TechCrunch</a>, <a href="${B}">ReadWriteWeb</a> and <a href="${C}">Mashable</a>.</p>`),
    want: [{ heading: 'More coverage from', urls: [A, B, C] }],
  },
  {
    name: 'inline lead-in keeps every link despite prose between them',
    html: post(`<p><strong>Other takes:</strong> <a href="${A}">Martin’s essay</a> (which the speaker quoted at length), <a href="${B}">Bo’s notes</a>.</p>`),
    want: [{ heading: 'Other takes:', urls: [A, B] }],
  },
  {
    name: 'a sentence after paragraph entries ends the section',
    html: post(`<p>Also blogged by:</p><p><a href="${A}">Ann Lee</a> at Blog A</p><p><a href="${B}">Bo Kim</a> at Blog B</p><p>Photos are in the <a href="${C}">Flickr pool</a>.</p>`),
    want: [{ heading: 'Also blogged by:', urls: [A, B] }],
  },
  {
    name: 'a linkless entry inside <br> lines does not end the list',
    html: post(`<p><b>Other blog posts on the same session:</b><br><a href="${A}">Ann Lee, Blog A</a><br>Cy Doe, Blog C (no link yet)<br><a href="${B}">Bo Kim, Blog B</a></p>`),
    want: [{ heading: 'Other blog posts on the same session:', urls: [A, B] }],
  },
  {
    name: 'Italian, Dutch and Portuguese lead-ins',
    html: post(`<p>Altri resoconti della sessione:</p><ul><li><a href="${A}">Uno</a></li></ul><h3>Andere verslagen</h3><ul><li><a href="${B}">Twee</a></li></ul><p>Outros posts sobre a sessão:</p><ul><li><a href="${C}">Três</a></li></ul>`),
    want: [
      { heading: 'Altri resoconti della sessione:', urls: [A] },
      { heading: 'Andere verslagen', urls: [B] },
      { heading: 'Outros posts sobre a sessão:', urls: [C] },
    ],
  },
  {
    name: 'noise inside a section is dropped: tags, feeds, share buttons, same-page links',
    html: post(`<h3>Also blogged by</h3><ul><li><a href="${A}">Ann Lee</a></li><li><a href="http://blog.example/tag/expo/" rel="tag">expo</a></li><li><a href="http://b.example/feed/">RSS</a></li><li><a href="https://twitter.com/intent/tweet?url=x">Tweet</a></li><li><a href="${B}">Bo Kim</a></li></ul>`),
    want: [{ heading: 'Also blogged by', urls: [A, B] }],
  },
  {
    name: 'YARPP related posts widget is not coverage',
    html: post(`<div class="yarpp-related"><h3>Related posts:</h3><ol><li><a href="http://blog.example/2009/03/older.html">Older post</a></li></ol></div>`),
    want: [],
  },
  {
    name: 'Jetpack related posts with thumbnails is not coverage',
    html: post(`<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><div><a href="http://blog.example/2008/01/x.html"><img src="x.jpg" alt="x"></a></div></div>`),
    want: [],
  },
  {
    name: 'LinkWithin widget is not coverage',
    html: post(`<div class="linkwithin_div"><p>You might also like:</p><a href="http://blog.example/2008/01/x.html"><img src="x.jpg"> Older</a></div>`),
    want: [],
  },
  {
    name: 'unmarked "Related posts" list of same-blog thumbnails is not coverage',
    html: post(`<h3>Related posts</h3><ul><li><a href="http://blog.example/2008/01/x.html"><img src="x.jpg" alt="Old post"></a></li><li><a href="http://blog.example/2008/02/y.html"><img src="y.jpg" alt="Other"></a></li></ul>`),
    want: [],
  },
  {
    name: 'sidebar blogroll titled "Elsewhere" is not coverage',
    html: doc(`<div class="post"><div class="post-body">${PROSE}</div></div><div id="sidebar"><div class="widget LinkList"><h2>Elsewhere</h2><ul><li><a href="${A}">Blog A</a></li></ul></div></div>`),
    want: [],
  },
  {
    name: 'prose starting with "Elsewhere," is not a lead-in',
    html: post(`<p>Elsewhere, the company said that <a href="${A}">its results</a> would improve, though analysts were doubtful about the timing.</p>`),
    want: [],
  },
  {
    name: 'a "here" link in a sentence ends the section',
    html: post(`Other blog posts on the same session:<br><a href="${A}">Ann Lee, Blog A</a><br>You can listen to a podcast of the entire session <a href="${B}">here</a>.<br>`),
    want: [{ heading: 'Other blog posts on the same session:', urls: [A] }],
  },
  {
    name: 'comment-author links are never coverage',
    html: post(`<div id="comments"><h4>Other posts on this topic:</h4><dl><dt class="comment-author"><a href="${A}">Ann Lee</a> said...</dt></dl></div>`),
    want: [],
  },
  {
    name: 'a lead-in with nothing after it',
    html: post('<p>See also:</p><p>Nothing linked here, just more prose about the session and the people in it.</p>'),
    want: [],
  },
]

for (const { name, html, want } of cases) {
  test(`crossrefs: ${name}`, () => {
    const sections = detectCrossRefs(html, BASE)
    assert.deepEqual(sections.map((s) => ({ heading: s.heading, urls: s.entries.map((e) => e.url) })), want)
  })
}

test('crossrefs: detectCrossRefs takes a parsed document too, and agrees with extractPage', () => {
  const html = post(`<h3>Related coverage</h3><ul><li><a href="${A}?utm_source=x#frag">Ann Lee, Blog A</a></li></ul>`)
  const fromString = detectCrossRefs(html, BASE)
  const fromParsed = detectCrossRefs(load(html, { xml: { xmlMode: false, decodeEntities: true } }), BASE)
  assert.deepEqual(fromParsed, fromString)
  assert.deepEqual(extract(html).crossRefs, fromString)
  // normalised: tracking parameters and fragment gone
  assert.equal(fromString[0]!.entries[0]!.url, A)
  assert.deepEqual(fromString[0]!.entries[0], { url: A, text: 'Ann Lee, Blog A', entryText: 'Ann Lee, Blog A', claimedAuthor: 'Ann Lee', claimedSite: 'Blog A' })
})

test('crossrefs: javascript: and data: links are dropped', () => {
  const html = post(`<h3>See also</h3><ul><li><a href="javascript:alert(1)">Bad</a></li><li><a href="data:text/html,hi">Data</a></li><li><a href="${A}">Good one</a></li></ul>`)
  assert.deepEqual(detectCrossRefs(html, BASE)[0]!.entries.map((e) => e.url), [A])
})
