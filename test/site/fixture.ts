// A small event for the site tests: links of every kind, lost posts with and without an
// archived copy, and a post whose every field is hostile markup.
import { emptyPost, emptyStore, type StoreData, type StoredPost } from '../../src/store/schema.js'

export const URLS = {
  seed: 'http://holger.example/2009/04/why-social-media-marketing-fails.html',
  maven: 'http://maven.example/2009/04/strategy-first.html',
  lightspeed: 'http://lightspeed.example/2009/04/expo-panel-notes.html',
  hostile: 'http://hostile.example/2009/04/x.html',
  zdnet: 'http://zdnet.example/blog/howlett/campaigns-flop/123',
  gone: 'http://gone.example/2009/04/cayley.html',
  down: 'http://down.example/2009/04/unreachable.html',
} as const

export const XSS_TITLE = '<img src=x onerror=window.__xss=1>"><script>window.__xss=2</script>'
export const XSS_AUTHOR = '<b onmouseover="window.__xss=3">Eve</b>'
export const XSS_SITE = '</script><script>window.__xss=4</script>'
export const XSS_EXCERPT = 'Ends the data block early? </script><!-- \u2028 \u2029 & <svg onload=window.__xss=5>'
export const SNAPSHOT = 'http://web.archive.org/web/20090405101500/http://gone.example/2009/04/cayley.html'
export const EVENT_ID = 'web-2-0-expo-social-media'

function post(url: string, fields: Partial<StoredPost>): StoredPost {
  return { ...emptyPost(url, '2026-01-01T00:00:00Z'), status: 'ok', outcome: 'stored', httpStatus: 200, fetchedAt: '2026-01-01T00:00:00Z', ...fields }
}

export function siteFixture(): StoreData {
  const data = emptyStore()
  const { seed, maven, lightspeed, hostile, zdnet, gone, down } = URLS
  const crossref = (url: string) => ({ url, text: 'entry', kind: 'crossref' as const })
  data.posts[seed] = post(seed, {
    title: 'Why social media marketing fails',
    authors: ['Holger Nauheimer'],
    siteName: 'Change Management Blog',
    published: '2009-04-01T10:32:00-07:00',
    excerpt: 'A Web 2.0 Expo session asked why campaigns fail.',
    links: [crossref(maven), crossref(lightspeed), crossref(hostile), crossref(gone), crossref(down), { url: zdnet, text: 'ZDNet', kind: 'body' }],
  })
  data.posts[maven] = post(maven, {
    title: 'Social media marketing fails without strategy',
    authors: ['Jessica Valenzuela'],
    siteName: 'Maven Digital Mashup',
    published: '2009-04-02',
    excerpt: 'Strategy first, tools second.',
    links: [{ url: seed, text: 'Holger', kind: 'body' }, crossref(lightspeed)],
  })
  data.posts[lightspeed] = post(lightspeed, {
    title: 'Notes from the Web 2.0 Expo: the social media panel',
    authors: ['Mia Dand'],
    siteName: 'Lightspeed Consulting',
    published: '2009-04-01T23:30:00-07:00',
    excerpt: 'My notes from the session.',
    // A comment link and a body link to the same post: the body link is the stronger.
    links: [{ url: maven, text: 'pingback', kind: 'comment' }, { url: seed, text: 'pingback', kind: 'comment' }, { url: seed, text: 'Holger', kind: 'body' }],
  })
  data.posts[hostile] = post(hostile, {
    finalUrl: 'javascript:window.__xss=6',
    title: XSS_TITLE,
    authors: [XSS_AUTHOR],
    siteName: XSS_SITE,
    published: '2009-04-03',
    excerpt: XSS_EXCERPT,
  })
  data.posts[zdnet] = post(zdnet, {
    title: 'Why campaigns flop',
    authors: ['Dennis Howlett'],
    siteName: 'ZDNet',
    published: '2009-04-06T08:00:00Z',
    excerpt: 'Enterprise irregulars on marketing.',
  })
  data.posts[gone] = post(gone, {
    status: 'gone', outcome: 'error:http-404', httpStatus: 404, fetchedAt: null, published: '2009-04-04',
    claims: [{ from: seed, entryText: 'Michael Cayley, Capital Value Add', author: 'Michael Cayley', site: 'Capital Value Add' }],
    archive: { checkedAt: '2026-01-01T00:00:00Z', snapshotUrl: SNAPSHOT, timestamp: '2009-04-05T10:15:00.000Z' },
  })
  data.posts[down] = post(down, {
    status: 'error', outcome: 'error:network', httpStatus: null, fetchedAt: null,
    reason: 'GET http://down.example/ failed: host not found',
    archive: { checkedAt: '2026-01-01T00:00:00Z', snapshotUrl: null, timestamp: null },
  })
  const member = (url: string, depth: number, via: string | null, reason: 'seed' | 'crossref' | 'body-link') => ({ url, depth, via, reason, addedAt: '2026-01-01T00:00:00Z' })
  data.events[EVENT_ID] = {
    id: EVENT_ID,
    title: 'Web 2.0 Expo: <why> social media marketing fails & how to fix it',
    titleSource: 'user',
    seeds: [seed],
    posts: [
      member(seed, 0, null, 'seed'), member(maven, 1, seed, 'crossref'), member(lightspeed, 1, seed, 'crossref'),
      member(hostile, 1, seed, 'crossref'), member(gone, 1, seed, 'crossref'), member(down, 1, seed, 'crossref'),
      member(zdnet, 1, seed, 'body-link'),
    ],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  }
  return data
}
