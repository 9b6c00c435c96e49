import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { buildDigest } from '../../src/digest/build.js'
import type { StoreData, StoredPost } from '../../src/store/schema.js'
import { renderDigest } from '../../src/digest/index.js'
import {
  addTermsOnlyPost, changeTheBlogosphere, COMMENT_LINK, GONE, MOVED, MOVED_TO, NEW_LINKING, NEW_TERMS, NEW_UNRELATED, PINGBACK_FROM, PINGED, RETITLED, SEED,
  startFixture, type Fixture,
} from './fixture.js'

// One crawl of the sample serves every test here; they run in order, each building on the last.
let f: Fixture
before(async () => {
  f = await startFixture()
})
after(() => f.close())

/** The store without refresh's bookkeeping (when it last asked, when it may ask again). */
function content(data: StoreData): unknown {
  const posts = Object.fromEntries(Object.entries(data.posts).map(([url, p]) => {
    const { checkedAt, nextCheckAt, fetchedAt, outcome, httpStatus, ...rest } = p as StoredPost
    return [url, rest]
  }))
  const events = Object.fromEntries(Object.entries(data.events).map(([id, e]) => {
    const { refreshedAt, ...rest } = e
    return [id, rest]
  }))
  const feeds = Object.fromEntries(Object.entries(data.feeds).map(([url, f]) => {
    const { lastPolledAt, nextPollAt, pollReason, fetchedAt, outcome, httpStatus, hints, ...rest } = f
    return [url, rest]
  }))
  return { posts, events, feeds, sites: data.sites }
}

test('refresh: new linking post added, unrelated post not, 404 gone, redirect recorded, title change, new comment; then only 304s', async () => {
  {
    const k = f.key
    await changeTheBlogosphere(f)

    // First refresh: everything is due (never refreshed), and it all changed.
    const first = await f.refresh()
    assert.deepEqual(first.events, [f.eventId])
    assert.equal(first.new, 1, JSON.stringify(first.added))
    assert.equal(first.gone, 1)
    assert.equal(first.changed, 2, JSON.stringify(first.changes))
    assert.equal(first.errors, 0, JSON.stringify(first.failures))
    assert.ok(first.newComments >= 1)
    assert.equal(first.sitesDiscovered, 6)

    const data = await f.read()
    const event = data.events[f.eventId]!
    const member = event.posts.find((m) => m.url === k(NEW_LINKING))
    assert.ok(member, 'the new post that links to the seed joined the event')
    assert.equal(member.reason, 'links-to')
    assert.equal(member.matchedBy, 'link')
    assert.equal(member.discoveryReason, `links to ${k(SEED)}`)
    assert.ok(member.discoveredAt && Date.parse(member.discoveredAt) > Date.parse(event.createdAt))
    assert.equal(data.posts[k(NEW_LINKING)]!.title, 'Still thinking about why social media marketing fails')

    assert.ok(!event.posts.some((m) => m.url === k(NEW_UNRELATED)), 'the unrelated post stayed out')
    assert.equal(event.judged?.[k(NEW_UNRELATED)]?.verdict, 'rejected')
    assert.ok(!data.posts[k(NEW_UNRELATED)], 'a rejected page is not stored as a post')

    const gone = data.posts[k(GONE)]!
    assert.equal(gone.status, 'gone')
    assert.equal(gone.httpStatus, 404)
    assert.equal(gone.title, 'Social Media Marketing Fails When It Stays in Marketing', 'a gone post keeps what was stored')
    assert.deepEqual(gone.history?.map((c) => [c.field, c.from, c.to]), [['status', 'ok', 'gone']])

    const moved = data.posts[k(MOVED)]!
    assert.equal(moved.finalUrl, f.sample.rewrite(MOVED_TO))
    assert.deepEqual(moved.history?.map((c) => [c.field, c.to]), [['finalUrl', f.sample.rewrite(MOVED_TO)]])
    assert.equal(moved.status, 'ok')

    const retitled = data.posts[k(RETITLED)]!
    assert.equal(retitled.title, 'Web 2.0 Expo: Social media marketing fails without an executive sponsor')
    assert.deepEqual(retitled.history?.map((c) => [c.field, c.from]), [['title', 'Web 2.0 Expo: Social media marketing fails without executive buy-in']])

    const seed = data.posts[k(SEED)]!
    assert.equal(seed.comments?.length, 5)
    const comment = seed.comments!.find((c) => c.author === 'Priya Raman')
    assert.ok(comment, 'the new comment is stored')
    assert.equal(comment.published, '2009-04-08T09:15:00-07:00')
    assert.match(comment.text, /^I wrote up the same panel from the back row: my take on it\./)
    assert.match(comment.link ?? '', /showComment=1239207300000#c6600000000000000001$/)
    assert.deepEqual(seed.incoming?.map((r) => [r.url, r.kind, r.author]), [[COMMENT_LINK, 'comment-link', 'Priya Raman']])
    assert.equal(data.posts[k(PINGED)]!.incoming?.find((r) => r.kind === 'pingback')?.url, PINGBACK_FROM)
    assert.equal(data.posts[k(PINGED)]!.comments?.length, 3, "the WordPress post's comment feed was found through wfw:commentRss")

    // The digest shows all of it; the new post carries its discovery.
    const digest = buildDigest(data, { eventId: f.eventId })
    const digestPost = digest.events[0]!.posts.find((p) => p.url === k(NEW_LINKING))!
    assert.equal(digestPost.reachedBy, 'links-to')
    assert.equal(digestPost.matchedBy, 'link')
    assert.equal(digestPost.discoveredAt, member.discoveredAt)
    assert.equal(digest.events[0]!.posts.find((p) => p.url === k(GONE))!.status, 'gone')
    assert.equal(digest.events[0]!.posts.find((p) => p.url === k(RETITLED))!.changes.length, 1)

    // Second refresh, forced, with nothing new: only conditional requests, every one a 304.
    const before = f.sample.requests.length
    const second = await f.refresh({ force: true })
    const requests = f.sample.requests.slice(before)
    const asked = requests.filter((r) => r.path !== '/robots.txt')
    assert.ok(asked.length >= 12, `pages and feeds were asked for again (${asked.length})`)
    // Every host's robots.txt is remembered in the store from the first refresh: not asked again within the day.
    assert.deepEqual(requests.filter((r) => r.path === '/robots.txt').map((r) => r.host), [])
    // The sample server answers 304 only to a request whose If-None-Match or If-Modified-Since matches (src/sample/conditional.ts).
    assert.deepEqual(asked.filter((r) => r.status !== 304).map((r) => `${r.host}${r.path} ${r.status}`), [])
    assert.ok(!asked.some((r) => `http://${r.host}${r.path}` === GONE), 'a gone post waits a week for its next check, even with --force')
    assert.ok(!asked.some((r) => `http://${r.host}${r.path}` === NEW_UNRELATED), 'a rejected item is not fetched again')
    assert.ok(asked.some((r) => `http://${r.host}${r.path}` === MOVED_TO), 'a moved post is asked for at its new address')
    assert.equal(second.new + second.changed + second.gone + second.errors + second.newComments, 0)
    assert.equal(second.feedsPolled, second.feedsNotModified)
    assert.deepEqual(content(await f.read()), content(data), 'the second refresh changed nothing but its own schedule')

    // Third refresh, not forced: nothing is due, so nothing is asked for at all.
    const third = f.sample.requests.length
    const idle = await f.refresh()
    assert.equal(f.sample.requests.length, third, JSON.stringify(f.sample.requests.slice(third)))
    assert.equal(idle.requests, 0)
    assert.ok(idle.notDue.feeds >= 6 && idle.notDue.posts >= 6)
  }
})

test('a post that only shares the event\'s words is added only with --match-terms, and marked so', async () => {
  const k = f.key
  await addTermsOnlyPost(f)
  const plain = await f.refresh({ force: true })
  assert.equal(plain.new, 0)
  let data = await f.read()
  assert.match(data.events[f.eventId]!.judged?.[k(NEW_TERMS)]?.reason ?? '', /does not link/)

  const terms = await f.refresh({ force: true, matchTerms: true })
  assert.deepEqual(terms.added.map((a) => [a.url, a.matchedBy]), [[k(NEW_TERMS), 'terms']])
  data = await f.read()
  const member = data.events[f.eventId]!.posts.find((m) => m.url === k(NEW_TERMS))!
  assert.equal(member.reason, 'matched-terms')
  assert.match(member.discoveryReason ?? '', /^shares the terms .*social.*\(score 0\.\d\d ≥ 0\.5\)$/)
  // The unrelated post was judged again with terms on, and still stays out; the day-two post of the seed's blog too.
  assert.ok(!data.events[f.eventId]!.posts.some((m) => m.url === k(NEW_UNRELATED)))
  assert.equal(data.events[f.eventId]!.judged?.[k(NEW_UNRELATED)]?.terms, true)

  const digest = buildDigest(data, { eventId: f.eventId })
  const md = renderDigest(digest, 'md')
  const line = md.split('\n').find((l) => l.includes('Why social media marketing fails, revisited'))
  assert.match(line ?? '', /_\(matched by terms\)_/)
  assert.doesNotMatch(md.split('\n').find((l) => l.includes('Still thinking about')) ?? '', /matched by terms/)
  assert.match(renderDigest(digest, 'html'), /Why social media marketing fails, revisited<\/a>.*<em class="roundup-matched">\(matched by terms\)<\/em>/)
})

test('a week later everything is due again without --force, and polls cool down with the event\'s age', async () => {
  const later = new Date(Date.now() + 8 * 86_400_000)
  const before = f.sample.requests.length
  const report = await f.refresh({}, () => later)
  const asked = f.sample.requests.slice(before).filter((r) => r.path !== '/robots.txt')
  assert.ok(report.feedsPolled >= 6 && report.postsChecked >= 6, JSON.stringify(report.notDue))
  // The gone post's weekly check is due now, and still 404; everything else is a 304.
  // The gone post's weekly check is due now, and still 404, as is the guessed Blogger comment feed; everything else is a 304.
  assert.deepEqual(asked.filter((r) => r.status !== 304).map((r) => `http://${r.host}${r.path} ${r.status}`).sort(), [
    `${GONE} 404`,
    'http://social-capital-value-add.example/feeds/3019883740219945031/comments/default 404',
  ])
  assert.equal(report.gone, 0, 'still gone is not newly gone')
  const data = await f.read()
  // A 2009 event is years old: weekly, whatever the feed says.
  for (const feed of Object.values(data.feeds).filter((x) => x.role === 'blog' && x.nextPollAt)) {
    const days = (Date.parse(feed.nextPollAt!) - later.getTime()) / 86_400_000
    assert.ok(days >= 6.9 && days <= 8.1, `${feed.url}: next poll in ${days.toFixed(1)} days (${feed.pollReason})`)
    assert.match(feed.pollReason ?? '', /weekly/)
  }
})
