import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildDigest, renderDigest } from '../../src/digest/index.js'
import { emptyPost, emptyStore, type StoredPost } from '../../src/store/schema.js'

const SEED = 'http://seed.example/p.html'

function digestWith(lost: Partial<StoredPost>) {
  const data = emptyStore()
  data.posts[SEED] = { ...emptyPost(SEED, '2026-01-01T00:00:00Z'), status: 'ok', outcome: 'stored', title: 'Seed' }
  const url = 'http://gone.example/p.html'
  data.posts[url] = { ...emptyPost(url, '2026-01-01T00:00:00Z'), status: 'gone', outcome: 'error:http-410', httpStatus: 410, title: 'Gone post', ...lost }
  data.events.e = {
    id: 'e', title: 'E', titleSource: 'derived', seeds: [SEED], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    posts: [{ url: SEED, depth: 0, via: null, reason: 'seed', addedAt: '2026-01-01T00:00:00Z' }, { url, depth: 1, via: SEED, reason: 'crossref', addedAt: '2026-01-01T00:00:00Z' }],
  }
  return buildDigest(data, { eventId: 'e' })
}

test('digest: a snapshot URL is linked safely in Markdown and HTML', () => {
  const snapshot = 'http://web.archive.org/web/20090402000000/http://gone.example/p.html?a="b"&c=(d)'
  const digest = digestWith({ archive: { checkedAt: '2026-01-01T00:00:00Z', snapshotUrl: snapshot, timestamp: '2009-04-02T00:00:00.000Z' } })
  const md = renderDigest(digest, 'md')
  assert.match(md, /- Gone post _\(unavailable \(HTTP 410\)\)_ \[archived copy of 2009-04-02\]\(http:\/\/web\.archive\.org\/web\/20090402000000\/http:\/\/gone\.example\/p\.html\?a=%22b%22&c=%28d%29\)/)
  const html = renderDigest(digest, 'html')
  assert.match(html, /<a class="roundup-archived" href="http:\/\/web\.archive\.org\/web\/20090402000000\/http:\/\/gone\.example\/p\.html\?a=%22b%22&amp;c=\(d\)" rel="nofollow ugc noopener">archived copy of 2009-04-02<\/a>/)
})

test('digest: "no archived copy" once asked, nothing before, and never a non-http link', () => {
  const none = digestWith({ archive: { checkedAt: '2026-01-01T00:00:00Z', snapshotUrl: null, timestamp: null } })
  assert.match(renderDigest(none, 'md'), /Gone post _\(unavailable \(HTTP 410\)\)_ _\(no archived copy\)_/)
  assert.match(renderDigest(none, 'html'), /<em class="roundup-no-archive">\(no archived copy\)<\/em>/)
  const never = digestWith({})
  assert.doesNotMatch(renderDigest(never, 'md'), /archived/)
  assert.doesNotMatch(renderDigest(never, 'html'), /archived/)
  const hostile = digestWith({ archive: { checkedAt: '2026-01-01T00:00:00Z', snapshotUrl: 'javascript:alert(1)', timestamp: null } })
  assert.doesNotMatch(renderDigest(hostile, 'html'), /javascript:/)
  assert.doesNotMatch(renderDigest(hostile, 'md'), /javascript:/)
  assert.equal(JSON.parse(renderDigest(none, 'json')).events[0].posts[1].archive.snapshotUrl, null)
})
