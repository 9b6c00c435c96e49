import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { parseCommentFeed } from '../../src/feeds/comments.js'
import { readFeedHints } from '../../src/feeds/hints.js'
import { looksLikeJsonFeed, parseJsonFeed } from '../../src/feeds/json-feed.js'
import { parseAnyFeed } from '../../src/feeds/parse-any.js'
import { isRoundupError } from '../../src/errors.js'

const sample = (path: string) => readFile(new URL(`../../data/sample/hosts/${path}`, import.meta.url), 'utf8')

test('Blogger comment feed (Atom): author, date, plain text, permalink with its fragment, newest first', async () => {
  const parsed = await parseCommentFeed(
    await sample('holger-nauheimer.example/feeds/5830214483910487364/comments/default/index.xml'),
    'http://holger-nauheimer.example/feeds/5830214483910487364/comments/default',
  )
  assert.equal(parsed.totalComments, 4)
  assert.deepEqual(parsed.comments.map((c) => c.author), ['Raymond', 'Ashley Mullin, MSOD', 'Jessica Valenzuela', 'Ilkka'])
  const jessica = parsed.comments[2]!
  assert.equal(jessica.text, 'thanks for posting our session notes! ~ jessica')
  assert.equal(jessica.link, 'http://holger-nauheimer.example/2009/04/introduction-of-social-media-in.html?showComment=1238639460000#c7730925163140212288')
  assert.equal(jessica.id, 'tag:blogger.com,1999:blog-2318264537760839142.post-7730925163140212288')
  assert.equal(jessica.kind, 'comment')
  assert.deepEqual(jessica.links, [])
})

test('WordPress comment feed (RSS): links inside comments, pingbacks told apart, hostile markup reduced to text', async () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Comments on: Recap</title><link>http://wp.example/2009/04/01/recap/</link>
<item><title>By: Dana</title><link>http://wp.example/2009/04/01/recap/#comment-91</link><dc:creator>Dana &lt;b&gt;Whitfield&lt;/b&gt;</dc:creator>
<pubDate>Thu, 02 Apr 2009 16:14:00 +0000</pubDate><guid isPermaLink="false">http://wp.example/?p=412#comment-91</guid>
<description>My notes are up too.</description>
<content:encoded><![CDATA[<p>My notes are <a href="http://dana.example/2009/04/notes/?utm_source=x">up too</a>, and <a href="javascript:alert(1)">this</a> <script>alert(1)</script>is not a link. See also <a href='http://wp.example/2009/04/01/recap/'>this post</a>.</p>]]></content:encoded></item>
<item><title>By: Another Blog &#187; Roundup</title><link>http://wp.example/2009/04/01/recap/#comment-97</link><dc:creator>Another Blog</dc:creator>
<pubDate>Fri, 03 Apr 2009 08:00:00 +0000</pubDate><guid isPermaLink="false">http://wp.example/?p=412#comment-97</guid>
<description><![CDATA[[&#8230;] Jessica has the best write-up of the panel [&#8230;]]]></description></item>
<item><title>By: Plain</title><link>http://wp.example/2009/04/01/recap/#comment-99</link><pubDate>Sat, 04 Apr 2009 08:00:00 +0000</pubDate>
<description>see http://plain.example/post.html, it is good.</description></item>
</channel></rss>`
  const parsed = await parseCommentFeed(xml, 'http://wp.example/2009/04/01/recap/feed/')
  const [plain, pingback, dana] = parsed.comments
  assert.equal(dana!.author, 'Dana Whitfield')
  assert.equal(dana!.text, 'My notes are up too, and this is not a link. See also this post.')
  assert.deepEqual(dana!.links, ['http://dana.example/2009/04/notes/'], 'tracking parameters, javascript: and the post itself are dropped')
  assert.equal(dana!.published, '2009-04-02T16:14:00+00:00')
  assert.equal(pingback!.kind, 'pingback')
  assert.equal(pingback!.text, '[…] Jessica has the best write-up of the panel […]')
  assert.deepEqual(plain!.links, ['http://plain.example/post.html'], 'a bare URL in plain text counts')
  assert.equal(plain!.author, null)
})

test('comment feeds: malformed XML and entity bombs are FEED_INVALID, never a crash', async () => {
  const bad = [
    '<rss><channel><item><title>unclosed',
    `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>`,
    'x'.repeat(100),
  ]
  for (const xml of bad) {
    await assert.rejects(parseCommentFeed(xml, 'http://x.example/c'), (e: unknown) => isRoundupError(e) && e.code === 'FEED_INVALID')
  }
  await assert.rejects(parseCommentFeed('<rss>' + 'x'.repeat(2000), 'http://x.example/c', { maxChars: 1000 }), /larger than 1000/)
})

test('feed hints: ttl, skipHours, skipDays and the syndication module; item-level tags do not count', () => {
  assert.deepEqual(readFeedHints(`<rss><channel><ttl>90</ttl><skipHours><hour>0</hour><hour>24</hour><hour>7</hour><hour>x</hour></skipHours>
    <skipDays><day>saturday</day><day>Sunday</day><day>Someday</day></skipDays><item><ttl>5</ttl></item></channel></rss>`), { ttlMinutes: 90, skipHours: [0, 7], skipDays: ['Saturday', 'Sunday'] })
  assert.deepEqual(readFeedHints('<rss xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency></channel></rss>'),
    { ttlMinutes: 30, skipHours: [], skipDays: [] })
  assert.deepEqual(readFeedHints('<rss><channel><item><ttl>5</ttl></item></channel></rss>'), { ttlMinutes: null, skipHours: [], skipDays: [] })
  assert.deepEqual(readFeedHints('not xml <ttl>-3</ttl>'), { ttlMinutes: null, skipHours: [], skipDays: [] })
})

test('JSON Feed: parsed into the same shape as RSS and Atom; anything else is FEED_INVALID', async () => {
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: 'A <b>JSON</b> blog', home_page_url: 'https://json.example/',
    items: [
      { id: '2', url: '/2009/04/02/second', title: 'Second', content_html: '<p>Hello <em>world</em></p>', date_published: '2009-04-02T10:00:00-07:00', authors: [{ name: 'Ann' }], tags: ['web2expo'] },
      { id: 1, url: 'javascript:alert(1)', title: 'First', summary: 'Short.', author: { name: 'Bob' } },
      'not an item',
    ],
  })
  assert.equal(looksLikeJsonFeed(json), true)
  assert.equal(looksLikeJsonFeed('<rss/>'), false)
  const feed = await parseAnyFeed(json, 'https://json.example/feed.json')
  assert.equal(feed.kind, 'json')
  assert.equal(feed.title, 'A JSON blog')
  assert.equal(feed.totalItems, 2)
  assert.deepEqual(feed.items[0], {
    link: 'https://json.example/2009/04/02/second', guid: '2', title: 'Second', authors: ['Ann'], published: '2009-04-02T10:00:00-07:00', updated: null,
    categories: ['web2expo'], excerpt: 'Hello world', commentsFeed: null,
  })
  assert.equal(feed.items[1]!.link, null)
  assert.deepEqual(feed.items[1]!.authors, ['Bob'])
  for (const bad of ['{"version":"https://jsonfeed.org/version/1"', '{"version":"1","items":[]}', '[]']) {
    assert.throws(() => parseJsonFeed(bad, 'https://json.example/feed.json'), (e: unknown) => isRoundupError(e) && e.code === 'FEED_INVALID')
  }
})
