import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, writeFile, stat, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openJsonStore, readStoreFile, emptyPost, type StoredEvent } from '../../src/store/index.js'
import { isRoundupError } from '../../src/errors.js'

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-store-'))
  return join(dir, 'nested', 'roundup.json')
}

const event = (id: string): StoredEvent => ({ id, title: 'T', titleSource: 'derived', seeds: ['http://a.example/'], posts: [], createdAt: '2009-04-01T00:00:00Z', updatedAt: '2009-04-01T00:00:00Z' })

test('a missing file reads as empty; writes round-trip with a schema version', async () => {
  const file = await tempFile()
  const store = await openJsonStore(file)
  assert.deepEqual(store.listPosts(), [])
  const post = emptyPost('http://a.example/p', '2026-01-01T00:00:00Z')
  post.title = 'Hello “world”'
  post.authors = ['Jessica Valenzuela']
  store.putPost(post)
  store.putEvent(event('e1'))
  await store.close()

  const data = await readStoreFile(file)
  assert.equal(data.format, 'roundup-store')
  assert.equal(data.version, 1)
  assert.equal(data.posts['http://a.example/p']?.title, 'Hello “world”')
  const again = await openJsonStore(file)
  assert.deepEqual(again.getPost('http://a.example/p')?.authors, ['Jessica Valenzuela'])
  assert.equal(again.getEvent('e1')?.title, 'T')
  await again.close()
})

test('writes are batched, not one rewrite per change', async () => {
  const file = await tempFile()
  const store = await openJsonStore(file, { flushEvery: 1000, flushIntervalMs: 60_000 })
  for (let i = 0; i < 200; i++) store.putPost(emptyPost(`http://a.example/${i}`, 'now'))
  // Nothing reached the disk yet: the changes wait for a flush.
  await assert.rejects(stat(file))
  await store.flush()
  assert.equal(Object.keys((await readStoreFile(file)).posts).length, 200)
  await store.close()
})

test('a corrupt file gives a clear error naming it and is never overwritten', async () => {
  const file = await tempFile()
  const first = await openJsonStore(file)
  first.putEvent(event('e1'))
  await first.close()
  const garbage = '{"format":"roundup-store","version":1,"posts":{'
  await writeFile(file, garbage)
  await assert.rejects(openJsonStore(file), (error: unknown) => {
    assert.ok(isRoundupError(error))
    assert.equal(error.code, 'STORE_CORRUPT')
    assert.match(error.message, /roundup\.json is not valid JSON/)
    assert.match(error.message, /left untouched/)
    return true
  })
  assert.equal(await readFile(file, 'utf8'), garbage)
})

test('a foreign JSON file or a newer schema is refused', async () => {
  const file = await tempFile()
  await openJsonStore(file).then((s) => s.close())
  await writeFile(file, JSON.stringify({ hello: 'world' }))
  await assert.rejects(openJsonStore(file), /not a roundup store/)
  await writeFile(file, JSON.stringify({ format: 'roundup-store', version: 99, posts: {}, events: {} }))
  await assert.rejects(openJsonStore(file), /schema version 99, newer/)
})

test('the last good file is kept as .bak before the first rewrite', async () => {
  const file = await tempFile()
  const first = await openJsonStore(file)
  first.putEvent(event('old'))
  await first.close()
  const second = await openJsonStore(file)
  second.deleteEvent('old')
  second.putEvent(event('new'))
  await second.close()
  const backup = await readStoreFile(`${file}.bak`)
  assert.ok(backup.events.old)
  assert.ok((await readStoreFile(file)).events.new)
})

test('a second writer is refused while the first holds the lock, and may wait for it', async () => {
  const file = await tempFile()
  const first = await openJsonStore(file)
  await assert.rejects(openJsonStore(file), (error: unknown) => isRoundupError(error) && error.code === 'STORE_LOCKED')
  const waiting = openJsonStore(file, { waitMs: 5000 })
  setTimeout(() => void first.close(), 100)
  const second = await waiting
  second.putEvent(event('after'))
  await second.close()
  assert.ok((await readStoreFile(file)).events.after)
  // Readers never need the lock.
  const reader = await openJsonStore(file, { readOnly: true })
  assert.ok(reader.getEvent('after'))
  await reader.close()
  await rm(file)
})

test('robots.txt kept in the store survives a reopen; a store file without any loads as before', async () => {
  const file = await tempFile()
  // A file from before robots were kept: no "robots" key at all.
  const store = await openJsonStore(file)
  store.putPost(emptyPost('http://a.example/1', '2026-01-01T00:00:00Z'))
  await store.close()
  assert.equal('robots' in (await readStoreFile(file)), false)
  const again = await openJsonStore(file)
  assert.equal(again.getRobots?.('http://a.example'), undefined)
  again.putRobots?.({ url: 'http://a.example', kind: 'rules', body: 'User-agent: *\nDisallow: /x\n', fetchedAt: '2026-11-26T10:00:00.000Z' })
  await again.close()
  const third = await openJsonStore(file, { readOnly: true })
  assert.deepEqual(third.getRobots?.('http://a.example'), { url: 'http://a.example', kind: 'rules', body: 'User-agent: *\nDisallow: /x\n', fetchedAt: '2026-11-26T10:00:00.000Z' })
  await third.close()
})
