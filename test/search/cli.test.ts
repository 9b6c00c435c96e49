import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { readStoreFile } from '../../src/store/index.js'
import type { SearchReport } from '../../src/search/index.js'
import { EXPO, fixtureStore, STEUER } from '../events/fixture.js'
import { runCli, storeFile } from '../events/run-cli.js'

test('roundup search: ranked hits with marked snippets, --json with offsets, an index kept next to the store and updated incrementally', async () => {
  const data = fixtureStore()
  // Crawled text that tries to drive the terminal.
  data.posts[EXPO[1]!.url]!.title = 'Recap \u001b[2J\u001b]0;pwned\u0007 of the change management panel'
  const db = await storeFile(data)

  const [first, unknown, badLimit, empty] = await Promise.all([
    runCli(['search', 'change', 'management', '--db', db, '--json']),
    runCli(['search', 'x', '--event', 'nope', '--db', db]),
    runCli(['search', 'x', '--limit', '0', '--db', db]),
    runCli(['search', 'anything', '--db', db + '.missing']),
  ])
  assert.equal(first.code, 0, first.stderr)
  const report = JSON.parse(first.stdout) as SearchReport
  assert.equal(report.query, 'change management')
  assert.equal(report.match, 'all')
  assert.equal(report.hits[0]!.url, EXPO[0]!.url)
  const snippet = report.hits[0]!.snippet!
  assert.ok(snippet.highlights.length > 0)
  for (const h of snippet.highlights) assert.match(snippet.text.slice(h.start, h.end), /^(change|management)$/i)
  assert.deepEqual([report.index.rebuilt, report.index.added, report.index.documents], [true, EXPO.length + STEUER.length, EXPO.length + STEUER.length])
  assert.ok(existsSync(`${db}.search.json`))

  assert.equal(unknown.code, 2)
  assert.match(unknown.stderr, /no event "nope" in the store \(known: expo, steuer\)/)
  assert.equal(badLimit.code, 2)
  assert.match(badLimit.stderr, /--limit must be a whole number of at least 1/)
  assert.equal(empty.code, 0)
  assert.match(empty.stdout, /no posts match "anything": no events yet/)
  assert.ok(!existsSync(`${db}.missing.search.json`), 'no index for a store that does not exist')

  const [again, plain] = await Promise.all([
    runCli(['search', 'change management', '--db', db, '--json']),
    runCli(['search', 'change management', '--db', db, '--limit', '1']),
  ])
  const second = JSON.parse(again.stdout) as SearchReport
  assert.deepEqual([second.index.rebuilt, second.index.added, second.index.updated, second.index.unchanged], [false, 0, 0, EXPO.length + STEUER.length])
  assert.equal(plain.code, 0, plain.stderr)
  assert.match(plain.stdout, /^2 posts match "change management"; showing 1\n\n1\. Introduction of social media/)
  assert.match(plain.stdout, /«change» «management»/, 'hits are marked with guillemets when stdout is not a terminal')
  assert.doesNotMatch(plain.stdout, /\u001b/)

  // The hostile title is shown as plain text, without its escape sequences.
  const hostile = await runCli(['search', 'recap panel', '--db', db, '--event', 'expo'])
  assert.match(hostile.stdout, /Recap \[2J ]0;pwned of the change management panel/)
  assert.doesNotMatch(hostile.stdout, /[\u0000-\u0008\u000b-\u001f]/)

  // One post changes in the store: the next search re-indexes exactly that one.
  const changed = await readStoreFile(db)
  changed.posts[STEUER[0]!.url]!.text += ' Quokkas.'
  await writeFile(db, JSON.stringify(changed))
  const third = JSON.parse((await runCli(['search', 'quokkas', '--db', db, '--json'])).stdout) as SearchReport
  assert.deepEqual([third.index.added, third.index.updated, third.index.removed], [0, 1, 0])
  assert.deepEqual(third.hits.map((h) => h.url), [STEUER[0]!.url])
})
