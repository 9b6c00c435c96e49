import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkArchives, dateHint, needsArchive } from '../../src/archive/index.js'
import { createFetcher } from '../../src/fetch/index.js'
import { createMemoryStore } from '../../src/store/index.js'
import { emptyPost, emptyStore, type StoredPost } from '../../src/store/schema.js'
import { testOptions } from '../fetch/options.js'
import { startFakeWayback } from './fake-wayback.js'

const SEED = 'http://seed.example/post.html'
const GONE = 'http://gone.example/2009/04/p.html'
const GONE_UNDATED = 'http://gone.example/2009/04/undated.html'
const DOWN = 'http://down.example/p.html'
const DOWN_NONE = 'http://down.example/none.html'
const LIVE = 'http://live.example/p.html'
const TIMEOUT = 'http://slow.example/p.html'

function post(url: string, fields: Partial<StoredPost>): StoredPost {
  return { ...emptyPost(url, '2026-01-01T00:00:00Z'), status: 'ok', outcome: 'stored', ...fields }
}

function lostWeb() {
  const data = emptyStore()
  data.posts[SEED] = post(SEED, { published: '2009-04-01T10:32:00-07:00' })
  data.posts[GONE] = post(GONE, { status: 'gone', outcome: 'error:http-404', httpStatus: 404, published: '2009-04-02T23:30:00-07:00' })
  data.posts[GONE_UNDATED] = post(GONE_UNDATED, { status: 'gone', outcome: 'error:http-410', httpStatus: 410, claims: [{ from: SEED, entryText: 'x', author: null, site: null }] })
  data.posts[DOWN] = post(DOWN, { status: 'error', outcome: 'error:network', reason: 'host not found' })
  data.posts[DOWN_NONE] = post(DOWN_NONE, { status: 'error', outcome: 'error:network' })
  data.posts[LIVE] = post(LIVE, { published: '2009-04-01' })
  data.posts[TIMEOUT] = post(TIMEOUT, { status: 'error', outcome: 'error:timeout' })
  return data
}

test('which posts are looked up: gone (404/410) and unreachable hosts, not live or merely slow ones', () => {
  const data = lostWeb()
  assert.deepEqual(Object.values(data.posts).filter(needsArchive).map((p) => p.url), [GONE, GONE_UNDATED, DOWN, DOWN_NONE])
  // A dead host fails at robots.txt first; a robots.txt that answered 500 or a rule is not a dead host.
  const robots = (reason: string) => post('http://r.example/p', { status: 'skipped', outcome: 'skipped:robots', reason })
  assert.equal(needsArchive(robots('refused http://r.example/p: http://r.example/robots.txt is unavailable (GET http://r.example/robots.txt failed: host not found)')), true)
  assert.equal(needsArchive(robots('refused http://r.example/p: http://r.example/robots.txt is unavailable (GET http://r.example/robots.txt failed: connection refused)')), true)
  assert.equal(needsArchive(robots('refused http://r.example/p: http://r.example/robots.txt is unavailable (GET http://r.example/robots.txt returned 500)')), false)
  assert.equal(needsArchive(robots('refused http://r.example/p: disallowed by http://r.example/robots.txt')), false)
  assert.equal(dateHint(data.posts[GONE]!, createMemoryStore(data)), '2009-04-02T23:30:00-07:00')
  assert.equal(dateHint(data.posts[GONE_UNDATED]!, createMemoryStore(data)), '2009-04-01T10:32:00-07:00', 'the listing post\'s date stands in')
  assert.equal(dateHint(data.posts[DOWN]!, createMemoryStore(data)), null)
})

test('checkArchives: asks the availability API about each lost post, aimed at its day, and stores the closest snapshot', async () => {
  const wayback = await startFakeWayback({
    [GONE]: { snapshots: [{ timestamp: '20110101000000' }, { timestamp: '20090403080000' }, { timestamp: '20090301000000' }] },
    [GONE_UNDATED]: { snapshots: [{ timestamp: '20090405000000' }] },
    [DOWN]: { snapshots: [{ timestamp: '20090410120000', url: 'https://web.archive.org/web/20090410120000/http://down.example/p.html' }] },
  })
  const store = createMemoryStore(lostWeb())
  const fetcher = createFetcher(testOptions())
  try {
    const now = new Date('2026-02-01T00:00:00Z')
    const report = await checkArchives({ store, fetcher }, { endpoint: wayback.endpoint, now: () => now })
    assert.deepEqual(report, { checked: 4, found: 3, missing: 1, kept: 0, failures: [] })
    assert.deepEqual(
      [...wayback.queries].sort((a, b) => a.url!.localeCompare(b.url!)),
      [
        { url: DOWN_NONE, timestamp: null },
        { url: DOWN, timestamp: null },
        { url: GONE, timestamp: '20090402' },
        { url: GONE_UNDATED, timestamp: '20090401' },
      ],
    )
    assert.deepEqual(store.getPost(GONE)!.archive, { checkedAt: now.toISOString(), snapshotUrl: `http://web.archive.org/web/20090403080000/${GONE}`, timestamp: '2009-04-03T08:00:00.000Z' })
    assert.equal(store.getPost(DOWN)!.archive!.snapshotUrl, 'https://web.archive.org/web/20090410120000/http://down.example/p.html')
    assert.deepEqual(store.getPost(DOWN_NONE)!.archive, { checkedAt: now.toISOString(), snapshotUrl: null, timestamp: null })
    assert.equal(store.getPost(LIVE)!.archive, undefined)
    assert.equal(store.getPost(TIMEOUT)!.archive, undefined)
    assert.equal(store.getPost(GONE)!.status, 'gone', 'nothing else about the post changes')
    assert.equal(wayback.log[0]!.headers.accept, 'application/json,*/*;q=0.1')
    assert.match(String(wayback.log[0]!.headers['user-agent']), /^roundup\//)

    // A found snapshot stays; a miss is asked again only after a day; force asks again about all.
    const again = await checkArchives({ store, fetcher }, { endpoint: wayback.endpoint, now: () => new Date('2026-02-01T12:00:00Z') })
    assert.deepEqual(again, { checked: 0, found: 0, missing: 0, kept: 4, failures: [] })
    assert.equal(wayback.queries.length, 4)
    const nextDay = await checkArchives({ store, fetcher }, { endpoint: wayback.endpoint, now: () => new Date('2026-02-02T01:00:00Z') })
    assert.deepEqual(nextDay, { checked: 1, found: 0, missing: 1, kept: 3, failures: [] })
    assert.equal(wayback.queries[4]!.url, DOWN_NONE)
    const forced = await checkArchives({ store, fetcher }, { endpoint: wayback.endpoint, force: true, urls: [GONE, LIVE] })
    assert.deepEqual(forced, { checked: 1, found: 1, missing: 0, kept: 0, failures: [] })
  } finally {
    await fetcher.close()
    await wayback.close()
  }
})

test('checkArchives: a failed or unreadable answer is reported and stores nothing, so the next run asks again', async () => {
  const wayback = await startFakeWayback({
    [GONE]: { raw: '<html>maintenance</html>', type: 'text/html' },
    [DOWN]: { raw: 'Service Unavailable', status: 503, type: 'text/plain' },
    [DOWN_NONE]: { raw: '\x89PNG\r\n\x1a\n', type: 'image/png' },
  })
  const store = createMemoryStore(lostWeb())
  const fetcher = createFetcher(testOptions({ maxRetries: 0 }))
  try {
    const report = await checkArchives({ store, fetcher }, { endpoint: wayback.endpoint })
    assert.equal(report.checked, 1)
    assert.deepEqual(report.failures.map((f) => [f.url, f.code]), [[DOWN_NONE, 'FETCH_CONTENT_TYPE'], [DOWN, 'FETCH_STATUS'], [GONE, 'ARCHIVE_INVALID']])
    assert.match(report.failures[2]!.message, /unreadable answer for http:\/\/gone\.example\/2009\/04\/p\.html: the answer is not JSON/)
    for (const url of [GONE, DOWN, DOWN_NONE]) assert.equal(store.getPost(url)!.archive, undefined, url)
  } finally {
    await fetcher.close()
    await wayback.close()
  }
})

test('checkArchives: an archive on a private address is refused by the SSRF guard unless allowed', async () => {
  const wayback = await startFakeWayback({})
  const store = createMemoryStore(lostWeb())
  const fetcher = createFetcher(testOptions({ allowPrivate: false }))
  try {
    const report = await checkArchives({ store, fetcher }, { endpoint: wayback.endpoint, urls: [GONE] })
    assert.deepEqual(report.failures.map((f) => f.code), ['FETCH_SSRF'])
    assert.equal(wayback.queries.length, 0)
  } finally {
    await fetcher.close()
    await wayback.close()
  }
})
