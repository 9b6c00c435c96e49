import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { extractPage } from '../../src/extract/index.js'

const html = readFileSync(new URL('./fixtures/seed-blogger.html', import.meta.url), 'utf8')
const url = 'http://blog.example/2009/04/introduction-of-social-media-in.html'
const page = extractPage(html, url, { fetchedAt: new Date('2012-01-01T00:00:00Z') })

const listed = [
  {
    url: 'http://mavendigital.example/2009/04/web-20-expo-why-social-media-marketing-fails.html',
    entryText: 'Jessica Valenzuela, Maven Digital Mashup',
    claimedAuthor: 'Jessica Valenzuela',
    claimedSite: 'Maven Digital Mashup',
  },
  {
    // utm_* parameters are dropped by normalisation
    url: 'http://brasstacks.example/2009/04/01/why-social-media-marketing-fails-and-how-to-fix-it/',
    entryText: 'Susan Etlinger, Horn Group, Brass Tacks blog',
    claimedAuthor: 'Susan Etlinger',
    claimedSite: 'Brass Tacks blog',
  },
  {
    url: 'http://marketingmystic.example/2009/04/web-20-expo-social-media-marketing-fails/',
    entryText: 'Mia Dand, Marketing Mystic',
    claimedAuthor: 'Mia Dand',
    claimedSite: 'Marketing Mystic',
  },
  {
    url: 'http://socialcapitalvalueadd.example/2009/04/01/web20expo-why-social-media-marketing-fails',
    entryText: 'Michael Cayley, Social Capital Value Add',
    claimedAuthor: 'Michael Cayley',
    claimedSite: 'Social Capital Value Add',
  },
  {
    // a post URL under /feeds/ is still a post, not a feed
    url: 'http://blogs.zdnet.example/feeds/?p=398',
    entryText: 'Jennifer Leggio, ZDNet',
    claimedAuthor: 'Jennifer Leggio',
    claimedSite: 'ZDNet',
  },
]

test('seed: exactly one cross-reference section with the five listed posts, in order', () => {
  assert.equal(page.crossRefs.length, 1)
  const [section] = page.crossRefs
  assert.equal(section!.heading, 'Other blog posts on the same session:')
  assert.deepEqual(
    section!.entries.map(({ url, entryText, claimedAuthor, claimedSite }) => ({ url, entryText, claimedAuthor, claimedSite })),
    listed,
  )
  // The anchor text is kept apart from the entry text when only the name is linked.
  assert.equal(section!.entries[1]!.text, 'Susan Etlinger')
})

test('seed: crossref links are exactly the listed posts and carry their claims and section', () => {
  const crossrefs = page.links.filter((l) => l.kind === 'crossref')
  assert.deepEqual(crossrefs.map((l) => l.url), listed.map((l) => l.url))
  for (const link of crossrefs) {
    assert.equal(link.section, 'Other blog posts on the same session:')
    assert.ok(link.claimedAuthor)
  }
})

test('seed: none of the noise is a cross-reference', () => {
  const crossrefUrls = new Set(page.crossRefs.flatMap((s) => s.entries.map((e) => e.url)))
  const noise = [
    'http://www.web2expo.example/sf2009/public/schedule/detail/7284', // podcast "here" link
    'http://www.flickr.com/photos/kyeung808/', // image credit
    'http://www.flickr.com/photos/kyeung808/3399543765/',
    'http://reblog.zemanta.com/zemified/5e7f6a2b-0c1d-4e3f-9a8b-7c6d5e4f3a2b/', // Reblog this post
    'http://blog.example/search/label/social%20media', // label
    'http://mavendigital.example/', // comment author
    'http://changefactory.example/', // blogroll ("Elsewhere" sidebar widget)
    'http://www.web-strategist.example/blog/', // body link and blogroll
    'http://blog.example/2009_03_29_archive.html', // archive
    'http://blog.example/feeds/posts/default', // feed
  ]
  for (const url of noise) assert.ok(!crossrefUrls.has(url), `${url} must not be a crossref`)
})

test('seed: other links are classified body, comment or nav', () => {
  const kind = (url: string) => page.links.find((l) => l.url === url)?.kind
  assert.equal(kind('http://www.web2expo.example/sf2009/public/schedule/detail/7284'), 'body')
  assert.equal(kind('http://en.wikipedia.example/wiki/Charlene_Li'), 'body')
  assert.equal(kind('http://mavendigital.example/'), 'comment')
  assert.equal(kind('http://www.blogger.com/profile/0000000000000000001'), 'comment')
  assert.equal(kind('https://www.blogger.com/comment.g?blogID=1234567890&postID=4711'), 'comment')
  assert.equal(kind('http://blog.example/search/label/change%20management'), 'nav')
  assert.equal(kind('http://changefactory.example/'), 'nav')
  assert.equal(kind('http://blog.example/2009_03_29_archive.html'), 'nav')
  assert.equal(kind('http://www.blogger.com/share-post.g?blogID=1234567890&postID=4711&target=twitter'), 'nav')
  assert.equal(kind('http://reblog.zemanta.com/zemified/5e7f6a2b-0c1d-4e3f-9a8b-7c6d5e4f3a2b/'), 'nav')
  // javascript: toggles are dropped, and every URL is absolute http(s)
  assert.ok(page.links.every((l) => /^https?:\/\//.test(l.url)))
  assert.equal(new Set(page.links.map((l) => l.url)).size, page.links.length)
})

test('seed: title, author, dates, site and canonical URL', () => {
  assert.equal(page.title, 'Introduction of social media in organization is a change management tool and a change management process at the same time')
  assert.deepEqual(page.authors, ['Holger Nauheimer'])
  assert.equal(page.published, '2009-04-01T10:32:00-07:00')
  // comment timestamps (April 2, 2009…) and the sidebar archive are not the post date
  assert.equal(page.updated, null)
  assert.equal(page.siteName, 'Change Facilitation Blog')
  assert.equal(page.canonicalUrl, url)
})

test('seed: excerpt is the first real paragraph, not the image caption or credit', () => {
  assert.ok(page.excerpt!.startsWith('My first session this morning at the Web 2.0 Expo, with Peter Kim'))
  assert.ok(page.excerpt!.length <= 300)
  assert.ok(!/Flickr|Image by/.test(page.excerpt!))
  assert.equal(page.sources.excerpt, 'heuristic')
})

test('seed: body text holds the post and nothing from comments or sidebar', () => {
  assert.match(page.text, /Jeremiah proposes three organizational models/)
  assert.match(page.text, /Other blog posts on the same session:/)
  assert.doesNotMatch(page.text, /Thanks Holger for this reporting/)
  assert.doesNotMatch(page.text, /Blog Archive/)
  assert.doesNotMatch(page.text, /kyeung808/)
})

test('seed: feeds come from <link rel=alternate>, not from service links', () => {
  assert.deepEqual(page.feeds, [
    { url: 'http://blog.example/feeds/posts/default', type: 'atom', title: 'Change Facilitation Blog - Atom' },
    { url: 'http://blog.example/feeds/posts/default?alt=rss', type: 'rss', title: 'Change Facilitation Blog - RSS' },
    { url: 'http://blog.example/feeds/4711/comments/default', type: 'atom', title: 'Change Facilitation Blog - Atom' },
  ])
})

test('seed: sources and candidates record where values came from', () => {
  assert.equal(page.sources.published, 'microformats')
  assert.equal(page.sources.author, 'microformats')
  const titleSources = page.candidates.title!.map((c) => c.source)
  assert.ok(titleSources.includes('title-tag'))
  assert.ok(page.candidates.published!.some((c) => c.source === 'platform' && c.value.startsWith('2009-04-01')))
})

test('seed: maxTextLength caps the body text', () => {
  const short = extractPage(html, url, { fetchedAt: new Date('2012-01-01T00:00:00Z'), maxTextLength: 100 })
  assert.ok(short.text.length <= 100)
  assert.ok(short.text.endsWith('…'))
})
