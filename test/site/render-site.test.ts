import { test } from 'node:test'
import assert from 'node:assert/strict'
import { renderSite } from '../../src/site/render-site.js'
import { emptyStore } from '../../src/store/schema.js'
import { EVENT_ID, siteFixture, XSS_AUTHOR, XSS_EXCERPT, XSS_SITE, XSS_TITLE } from './fixture.js'

const NOW = new Date('2026-01-02T00:00:00Z')

function dataBlock(html: string): unknown {
  const match = /<script type="application\/json" id="roundup-data">([^<]*)<\/script>/.exec(html)
  assert.ok(match, 'the page has one JSON data block')
  return JSON.parse(match[1]!)
}

test('the site: index, one page per event, local CSS and JS', () => {
  const site = renderSite(siteFixture(), { now: NOW })
  assert.deepEqual(site.files.map((f) => f.path), ['index.html', 'assets/site.css', 'assets/site.js', `events/${EVENT_ID}.html`])
  const index = site.files[0]!.content
  assert.match(index, new RegExp(`<a href="events/${EVENT_ID}.html">Web 2.0 Expo: &lt;why&gt; social media marketing fails &amp; how to fix it</a>`))
  assert.match(index, /7 posts, 2 unavailable · 2009-04-01 to 2009-04-06/)
})

test('event page: hostile text never reaches the HTML parser as markup', () => {
  const page = renderSite(siteFixture(), { eventId: EVENT_ID, now: NOW }).files.find((f) => f.path.startsWith('events/'))!.content
  for (const raw of [XSS_TITLE, XSS_AUTHOR, XSS_SITE, XSS_EXCERPT, '<why>', '<img', '<svg onload', '<b ', '<!--', '\u2028']) {
    assert.ok(!page.includes(raw), `raw ${JSON.stringify(raw)} in the page`)
  }
  // Exactly the two script elements we wrote: the data block and site.js.
  assert.equal(page.match(/<script/g)!.length, 2)
  assert.equal(page.match(/<\/script>/g)!.length, 2)
  assert.match(page, /<h1>Web 2\.0 Expo: &lt;why&gt; social media marketing fails &amp; how to fix it<\/h1>/)
  const data = dataBlock(page) as { posts: Array<{ title: string; authors: string[]; blog: string; excerpt: string }> }
  const hostile = data.posts.find((p) => p.title === XSS_TITLE)!
  assert.deepEqual([hostile.authors[0], hostile.blog, hostile.excerpt], [XSS_AUTHOR, XSS_SITE, XSS_EXCERPT.replace(/[\u2028\u2029]/g, ' ').replace(/\s+/g, ' ')])
})

test('event page: works offline — no external scripts, styles, fonts or images; a strict CSP', () => {
  const site = renderSite(siteFixture(), { now: NOW })
  for (const file of site.files.filter((f) => f.path.endsWith('.html') || f.path.endsWith('.css'))) {
    assert.doesNotMatch(file.content, /(src|href)="(https?:)?\/\//, `${file.path} loads nothing from another host`)
    assert.doesNotMatch(file.content, /@import|url\(/, `${file.path}: no remote CSS`)
  }
  const page = site.files.find((f) => f.path.startsWith('events/'))!.content
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;;/)
  assert.match(page, /<script src="\.\.\/assets\/site\.js"><\/script>/)
  assert.match(page, /<link rel="stylesheet" href="\.\.\/assets\/site\.css">/)
})

test('site script: builds elements from data with textContent, never parses data as HTML', () => {
  const js = renderSite(siteFixture(), { now: NOW }).files.find((f) => f.path === 'assets/site.js')!.content
  assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/)
  assert.match(js, /textContent/)
  assert.match(js, /createElementNS/)
  // It parses as a script.
  assert.doesNotThrow(() => new Function(js))
})

test('an empty store still gives a front page; an unknown event is EVENT_NOT_FOUND', () => {
  const site = renderSite(emptyStore(), { now: NOW })
  assert.match(site.files[0]!.content, /No events yet/)
  assert.equal(site.events.length, 0)
  assert.throws(() => renderSite(emptyStore(), { eventId: 'nope' }), { code: 'EVENT_NOT_FOUND' })
})

test('two event ids that fold to one file name get distinct pages', () => {
  const data = siteFixture()
  const event = data.events[EVENT_ID]!
  data.events['Web-2-0-Expo-Social-Media'] = { ...event, id: 'Web-2-0-Expo-Social-Media', createdAt: '2026-01-03T00:00:00Z' }
  const site = renderSite(data, { now: NOW })
  assert.deepEqual(site.events.map((e) => e.slug), [EVENT_ID, `${EVENT_ID}-2`])
})
