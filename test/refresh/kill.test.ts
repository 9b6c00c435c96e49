import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { copyFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { readStoreFile, type StoreData } from '../../src/store/index.js'
import { runCli, startCli } from './cli.js'
import { changeTheBlogosphere, startFixture, type Fixture } from './fixture.js'

let f: Fixture
before(async () => {
  f = await startFixture()
  await changeTheBlogosphere(f)
})
after(() => f.close())

/** What a finished refresh must have stored, without its timing. */
function outcome(data: StoreData, eventId: string) {
  const event = data.events[eventId]!
  const urls = event.posts.map((m) => m.url).sort()
  return {
    members: event.posts.map((m) => [m.url, m.reason, m.matchedBy ?? null, m.discoveryReason ?? null]).sort(),
    posts: urls.map((url) => {
      const p = data.posts[url]!
      return [url, p.status, p.title, p.finalUrl, (p.comments ?? []).map((c) => c.id).sort(), (p.incoming ?? []).map((r) => `${r.kind} ${r.url}`).sort(), (p.history ?? []).map((c) => [c.field, c.from, c.to]), p.commentsFeedUrl ?? null]
    }),
    judged: Object.entries(event.judged ?? {}).map(([url, j]) => [url, j.verdict]).sort(),
    sites: Object.values(data.sites).map((s) => [s.url, s.method, s.feeds]).sort(),
  }
}

function assertWhole(data: StoreData, eventId: string, when: string): void {
  const event = data.events[eventId]
  assert.ok(event, `${when}: the event is there`)
  const urls = event.posts.map((m) => m.url)
  assert.equal(new Set(urls).size, urls.length, `${when}: no member twice`)
  for (const url of urls) assert.ok(data.posts[url], `${when}: member ${url} has its post`)
  for (const post of Object.values(data.posts)) {
    const ids = (post.comments ?? []).map((c) => c.id)
    assert.equal(new Set(ids).size, ids.length, `${when}: no comment twice on ${post.url}`)
    const changes = (post.history ?? []).map((c) => `${c.field} ${c.from} ${c.to}`)
    assert.equal(new Set(changes).size, changes.length, `${when}: no change recorded twice on ${post.url}`)
  }
}

test('SIGKILL at random points mid-refresh: the store always loads whole, and the next refresh finishes the work without duplicates', async (t) => {
  const killed = join(dirname(f.dataFile), 'killed.json')
  await copyFile(f.dataFile, killed)
  // The reference: the same refresh, never interrupted.
  await f.refresh()
  const reference = outcome(await f.read(), f.eventId)

  let signals = 0
  for (let round = 0; round < 3; round++) {
    // Kill after a random number of answered requests (-vv logs one line each); a per-host delay
    // stretches the run past the store's 2 s flush, so some kills land after a partial write.
    const after = 3 + Math.floor(Math.random() * 12)
    const run = startCli(['refresh', '--db', killed, '--allow-private', '--delay', '500', '-vv'])
    const watch = setInterval(() => {
      if ((run.stderr().match(/debug: fetch \d/g) ?? []).length >= after) run.child.kill('SIGKILL')
    }, 5)
    const result = await run.done
    clearInterval(watch)
    if (result.signal === 'SIGKILL') signals++
    t.diagnostic(`round ${round + 1}: ${result.signal ? `killed after ${after} requests` : `finished first (exit ${result.code})`}`)
    assertWhole(await readStoreFile(killed), f.eventId, `after round ${round + 1}`)
  }
  assert.ok(signals >= 1, 'at least one run was killed mid-way')

  const last = await runCli(['refresh', '--db', killed, '--allow-private', '--delay', '10', '--json'])
  assert.equal(last.code, 0, last.stderr)
  const data = await readStoreFile(killed)
  assertWhole(data, f.eventId, 'after the last run')
  assert.deepEqual(outcome(data, f.eventId), reference)
})
