import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRoundup, silentLogger } from '../../src/index.js'
import { readStoreFile } from '../../src/store/index.js'
import { searchIndexFileFor } from '../../src/search/index.js'
import { EXPO, fixtureStore } from './fixture.js'
import { storeFile } from './run-cli.js'

test('library: search, rename, merge and remove through createRoundup change and read the store file', async () => {
  const db = await storeFile(fixtureStore())
  const roundup = createRoundup({ dataFile: db, logger: silentLogger })
  const found = await roundup.search('social media', { limit: 3 })
  assert.ok(found.total > 0)
  assert.ok(found.hits.length <= 3)
  assert.ok(found.hits.every((hit) => hit.events.includes('expo')), 'the expo coverage is about social media')
  assert.ok(existsSync(searchIndexFileFor(db)), 'the index is kept beside the store')
  const onlySteuer = await roundup.search('social media', { eventId: 'steuer' })
  assert.ok(onlySteuer.hits.every((hit) => hit.events.includes('steuer')))

  const renamed = await roundup.renameEvent('steuer', 'Steuerreform 2010')
  assert.equal(renamed.title, 'Steuerreform 2010')
  const merged = await roundup.mergeEvents('expo', 'steuer')
  assert.equal(merged.deleted, 'steuer')
  const removed = await roundup.removePost(EXPO[0]!.url)
  assert.deepEqual(removed.removedFrom, ['expo'])

  const data = await readStoreFile(db)
  assert.deepEqual(Object.keys(data.events), ['expo'])
  assert.equal((await roundup.events())[0]!.posts, merged.event.posts.length - 1, 'the removed post is left out')
  await assert.rejects(roundup.renameEvent('steuer', 'again'), { code: 'EVENT_NOT_FOUND' })
})

test('library: asking about a store file that does not exist creates nothing', async () => {
  const dataFile = join(await mkdtemp(join(tmpdir(), 'roundup-library-')), 'roundup.json')
  const roundup = createRoundup({ dataFile, logger: silentLogger })
  assert.equal((await roundup.search('anything')).total, 0)
  await assert.rejects(roundup.mergeEvents('a', 'b'), { code: 'EVENT_NOT_FOUND' })
  assert.equal(existsSync(dataFile), false)
})
