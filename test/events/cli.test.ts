import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { readStoreFile, openJsonStore } from '../../src/store/index.js'
import { EXPO, fixtureStore, STEUER } from './fixture.js'
import { runCli, storeFile } from './run-cli.js'

test('event rename and event merge change the store file; --json reports; ROUNDUP_DB works as --db', async () => {
  const db = await storeFile(fixtureStore())
  const renamed = await runCli(['event', 'rename', 'steuer', 'Steuerreform', '2010', '--db', db])
  assert.equal(renamed.code, 0, renamed.stderr)
  assert.equal(renamed.stdout, 'renamed steuer: "Steuerreform 2010"\n')
  assert.equal((await readStoreFile(db)).events.steuer!.titleSource, 'user')

  const merged = await runCli(['event', 'merge', 'expo', 'steuer', '--json'], { ROUNDUP_DB: db })
  assert.equal(merged.code, 0, merged.stderr)
  const report = JSON.parse(merged.stdout) as { movedPosts: number; deleted: string; event: { id: string; posts: number } }
  assert.deepEqual([report.movedPosts, report.deleted, report.event.id, report.event.posts], [3, 'steuer', 'expo', 8])
  const after = await readStoreFile(db)
  assert.deepEqual(Object.keys(after.events), ['expo'])

  const events = await runCli(['events', '--db', db, '--json'])
  const list = JSON.parse(events.stdout) as { events: Array<{ id: string; posts: number; keywords: string[] }> }
  assert.equal(list.events.length, 1)
  assert.equal(list.events[0]!.posts, 8)
  assert.ok(list.events[0]!.keywords.length > 0)
})

test('unknown ids exit 2 with one line naming the known ones; the store is untouched', async () => {
  const db = await storeFile(fixtureStore())
  const before = await readFile(db, 'utf8')
  const cases = [['event', 'rename', 'nope', 'X'], ['event', 'merge', 'expo', 'nope'], ['post', 'remove', EXPO[0]!.url, '--event', 'nope']]
  // All at once, so each waits its turn for the store lock (--wait) instead of failing on it.
  const [results, json, missing] = await Promise.all([
    Promise.all(cases.map((args) => runCli([...args, '--db', db, '--wait']))),
    runCli(['event', 'rename', 'nope', 'X', '--db', db, '--json', '--wait']),
    runCli(['event', 'rename', 'expo', 'X', '--db', db + '.missing']),
  ])
  for (const [i, result] of results.entries()) {
    assert.equal(result.code, 2, cases[i]!.join(' '))
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
    assert.match(result.stderr, /^roundup: no event "nope" in the store \(known: expo, steuer\)/)
    assert.equal(result.stdout, '')
  }
  assert.equal(JSON.parse(json.stderr).error.code, 'EVENT_NOT_FOUND')
  assert.equal(missing.code, 2)
  assert.match(missing.stderr, /known: none yet/)
  assert.equal(await readFile(db, 'utf8'), before)
})

test('post remove takes the post out for good; a second remove says so; an unknown post exits 2', async () => {
  const db = await storeFile(fixtureStore())
  const removed = await runCli(['post', 'remove', EXPO[1]!.url, '--db', db])
  assert.equal(removed.code, 0, removed.stderr)
  assert.match(removed.stdout, /^removed http:\/\/maven\.example\/2009\/04\/01\/recap\/ from expo/)
  const [digestRun, again, unknown] = await Promise.all([
    runCli(['digest', '--format', 'json', '--db', db]),
    runCli(['post', 'remove', EXPO[1]!.url, '--db', db, '--json', '--wait']),
    runCli(['post', 'remove', STEUER[0]!.url, '--event', 'expo', '--db', db, '--json', '--wait']),
  ])
  assert.equal(again.code, 0)
  assert.deepEqual(JSON.parse(again.stdout), { url: EXPO[1]!.url, removedFrom: [], alreadyRemoved: ['expo'] })
  const digest = JSON.parse(digestRun.stdout) as { events: Array<{ id: string; posts: Array<{ url: string }> }> }
  assert.ok(!digest.events.find((e) => e.id === 'expo')!.posts.some((p) => p.url === EXPO[1]!.url))
  assert.deepEqual((await readStoreFile(db)).events.expo!.removed, [EXPO[1]!.url])
  assert.equal(unknown.code, 2)
  assert.equal(JSON.parse(unknown.stderr).error.code, 'POST_NOT_FOUND')
})

test('write commands take the store lock: a held lock fails fast with exit 1 and leaves the file alone', async () => {
  const db = await storeFile(fixtureStore())
  const before = await readFile(db, 'utf8')
  const holder = await openJsonStore(db)
  try {
    const result = await runCli(['event', 'rename', 'expo', 'X', '--db', db, '--json'])
    assert.equal(result.code, 1)
    assert.equal(JSON.parse(result.stderr).error.code, 'STORE_LOCKED')
  } finally {
    await holder.close()
  }
  assert.equal(await readFile(db, 'utf8'), before)
})
