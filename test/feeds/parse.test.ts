import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { parseFeed } from '../../src/feeds/parse.js'
import { isRoundupError } from '../../src/errors.js'

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

test('Atom: link normalised, author, raw published date handed to parseDate, markup stripped', async () => {
  const seen: string[] = []
  const feed = await parseFeed(await fixture('blogger-atom.xml'), 'http://seed.example/feeds/posts/default', {
    parseDate: (t) => (seen.push(t), t.replace('.000', '')),
  })
  assert.equal(feed.kind, 'atom')
  assert.equal(feed.title, 'Change Facilitation Blog')
  const item = feed.items[0]!
  assert.equal(item.link, 'http://seed.example/2009/04/intro.html')
  assert.deepEqual(item.authors, ['Holger Nauheimer'])
  // The feed's own offset survives: rss-parser alone would have converted it to UTC.
  assert.equal(item.published, '2009-04-01T10:32:00-07:00')
  assert.equal(item.updated, '2009-04-01T22:15:00-07:00')
  assert.ok(seen.includes('2009-04-01T10:32:00.000-07:00'))
  assert.deepEqual(item.categories, ['web2expo'])
  assert.equal(item.excerpt, 'My first session this morning at the Web 2.0 Expo panel')
})

test('RSS: dc:creator, "email (Name)" authors, comment feed', async () => {
  const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>Maven</title><link>http://maven.example/</link><ttl>60</ttl>
  <item><title>Why social media marketing fails</title><link>http://maven.example/2009/04/01/why/</link><dc:creator>Jessica Valenzuela</dc:creator><pubDate>Wed, 01 Apr 2009 18:05:00 +0000</pubDate><wfw:commentRss>http://maven.example/2009/04/01/why/feed/</wfw:commentRss></item>
  <item><title>Other</title><link>/other</link><author>mia@example.com (Mia Dand)</author></item>
  </channel></rss>`
  const feed = await parseFeed(xml, 'http://maven.example/feed/')
  assert.equal(feed.kind, 'rss')
  assert.equal(feed.ttlMinutes, 60)
  assert.deepEqual(feed.items[0]!.authors, ['Jessica Valenzuela'])
  assert.equal(feed.items[0]!.commentsFeed, 'http://maven.example/2009/04/01/why/feed/')
  assert.deepEqual(feed.items[1]!.authors, ['Mia Dand'])
  assert.equal(feed.items[1]!.link, 'http://maven.example/other')
})

test('malformed XML and entity bombs are recorded errors, not crashes', async () => {
  const bad = [
    '<rss><channel><item><title>unclosed',
    'not xml at all',
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>`,
  ]
  for (const xml of bad) {
    await assert.rejects(parseFeed(xml, 'http://x.example/feed'), (error: unknown) => isRoundupError(error) && error.code === 'FEED_INVALID' && error.message.includes('http://x.example/feed'))
  }
})

test('a huge feed keeps only the newest items', async () => {
  const items = Array.from({ length: 3000 }, (_, i) => `<item><title>t${i}</title><link>http://big.example/${i}</link><pubDate>${new Date(Date.UTC(2009, 0, 1) + i * 3600_000).toUTCString()}</pubDate></item>`).join('')
  const feed = await parseFeed(`<rss version="2.0"><channel><title>big</title>${items}</channel></rss>`, 'http://big.example/feed', { maxItems: 100 })
  assert.equal(feed.totalItems, 3000)
  assert.equal(feed.items.length, 100)
  assert.equal(feed.items[0]!.link, 'http://big.example/2999')
})
