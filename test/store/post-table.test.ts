import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { emptyPost, openJsonStore, type StoredPost } from '../../src/store/index.js'
import { PostTable } from '../../src/store/post-table.js'
import { writeStoreFile } from '../../src/store/store-writer.js'
import { inTempDir } from '../helpers/temp-dir.js'

function post(i: number, extra = ''): StoredPost {
  const p = emptyPost(`http://blog${i % 5}.example/2009/04/post-${i}.html`, '2026-01-01T00:00:00Z')
  p.title = `Post ${i} “quoted” ${extra}`
  p.text = `Body of post ${i}, naïve café ✓. `.repeat(30)
  return p
}


/** Write the table as a store file, as JsonStore does, and return the parsed file. */
async function writeTable(table: PostTable, file: string, commit = true): Promise<Record<string, StoredPost>> {
  const prepared = table.prepare()
  const { handle } = await writeStoreFile(file, async (sink) => {
    await sink.write('{')
    await table.write(prepared, sink)
    await sink.write('}')
  })
  if (commit) await table.commit(prepared, handle)
  else await handle.close()
  return (JSON.parse(await readFile(file, 'utf8')) as { posts: Record<string, StoredPost> }).posts
}

test('posts put between writes wait in a spill file, read back equal, and the next write takes them in', async () => {
  await inTempDir('roundup-spill-', async (dir) => {
    const table = new PostTable({}, { posts: 4 }, join(dir, '.roundup.json.spill'))
    for (let i = 0; i < 60; i++) table.set(post(i))
    // Only 4 stay as objects: the others come back from the spill file's bytes.
    for (let i = 0; i < 60; i++) assert.deepEqual(table.get(post(i).url), post(i))
    const first = await writeTable(table, join(dir, 'a.json'))
    assert.equal(Object.keys(first).length, 60)
    assert.deepEqual(first[post(33).url], post(33))

    // A write that never commits (it failed): its spill file must still serve the posts, and
    // the next write, which does commit, must take in posts from both spill files.
    for (let i = 0; i < 60; i += 7) table.set(post(i, 'changed once'))
    await writeTable(table, join(dir, 'b.json'), false)
    for (let i = 60; i < 80; i++) table.set(post(i))
    table.patch(post(61).url, (p) => ({ ...p, title: 'patched' }))
    for (let i = 0; i < 60; i += 7) assert.deepEqual(table.get(post(i).url), post(i, 'changed once'))
    const third = await writeTable(table, join(dir, 'c.json'))
    assert.equal(Object.keys(third).length, 80)
    for (let i = 0; i < 80; i++) {
      const want = i === 61 ? { ...post(61), title: 'patched' } : post(i, i < 60 && i % 7 === 0 ? 'changed once' : '')
      assert.deepEqual(third[want.url], want, want.url)
      assert.deepEqual(table.get(want.url), want)
    }
    await table.close()
    // Spill files never show up in the folder (unlinked once open), nor stay after close.
    assert.deepEqual((await readdir(dir)).filter((name) => name.includes('spill')), [])
  })
})

test('without a place for spill files, pending posts stay in memory and are written the same', async () => {
  await inTempDir('roundup-spill-', async (dir) => {
    const table = new PostTable({}, { posts: 2 }, join(dir, 'no-such-folder', '.roundup.json.spill'))
    for (let i = 0; i < 20; i++) table.set(post(i))
    for (let i = 0; i < 20; i++) assert.deepEqual(table.get(post(i).url), post(i))
    const posts = await writeTable(table, join(dir, 'a.json'))
    assert.deepEqual(Object.values(posts), Array.from({ length: 20 }, (_, i) => post(i)))
    await table.close()
  })
})

test('a store leaves no spill file beside it, during a run or after', async () => {
  await inTempDir('roundup-spill-', async (dir) => {
    const file = join(dir, 'roundup.json')
    const store = await openJsonStore(file, { maxResidentPosts: 5, flushEvery: 1000, flushIntervalMs: 60_000 })
    for (let i = 0; i < 50; i++) store.putPost(post(i))
    assert.deepEqual((await readdir(dir)).filter((name) => name.includes('spill')), [])
    for (let i = 0; i < 50; i++) assert.deepEqual(store.getPost(post(i).url), post(i))
    await store.close()
    assert.deepEqual((await readdir(dir)).filter((name) => name !== 'roundup.json' && !name.endsWith('.lock')), [])
    const again = await openJsonStore(file, { readOnly: true })
    assert.deepEqual(again.getPost(post(42).url), post(42))
    await again.close()
  })
})

test('spill files a killed run left are removed by the next run that holds the lock, and a closed store refuses reads', async () => {
  await inTempDir('roundup-spill-', async (dir) => {
    const file = join(dir, 'roundup.json')
    // What a run killed on Windows leaves: the name stays until the file is closed.
    await writeFile(join(dir, '.roundup.json.spill.4242.1'), '"http://x.example/":{},')
    await writeFile(join(dir, 'notes.txt'), 'keep me')
    const store = await openJsonStore(file)
    assert.deepEqual((await readdir(dir)).filter((name) => name.includes('spill')), [])
    assert.ok((await readdir(dir)).includes('notes.txt'))
    store.putPost(post(1))
    await store.close()
    assert.throws(() => store.getPost(post(1).url), (error: Error & { code?: string }) => error.code === 'STORE_IO' && /closed/.test(error.message))
  })
})

test('a spill file is never opened over an existing name', async () => {
  await inTempDir('roundup-spill-', async (dir) => {
    const base = join(dir, '.roundup.json.spill')
    // Plant every name this process could pick next: the table must fall back to memory, not truncate them.
    const planted: string[] = []
    for (let n = 1; n <= 200; n++) {
      const name = `${base}.${process.pid}.${n}`
      planted.push(name)
      await writeFile(name, 'someone else’s')
    }
    const table = new PostTable({}, { posts: 1 }, base)
    for (let i = 0; i < 5; i++) table.set(post(i))
    for (let i = 0; i < 5; i++) assert.deepEqual(table.get(post(i).url), post(i))
    for (const name of planted) assert.equal(await readFile(name, 'utf8'), 'someone else’s')
    await table.close()
  })
})

test('the resident budget counts bytes as well as posts: big posts leave memory sooner than small ones', async () => {
  await inTempDir('roundup-spill-', async (dir) => {
    const size = JSON.stringify(post(0)).length
    // Room for 50 posts by count, but for only about 3 by bytes.
    const table = new PostTable({}, { posts: 50, bytes: size * 3.5 }, join(dir, '.roundup.json.spill'))
    for (let i = 0; i < 20; i++) table.set(post(i))
    await writeTable(table, join(dir, 'a.json'))
    // A resident post is the same object on every get; any other is read back, a new object each time.
    const held = (i: number) => table.get(post(i).url) === table.get(post(i).url)
    const resident = Array.from({ length: 20 }, (_, i) => i).filter(held)
    assert.ok(resident.length >= 1 && resident.length <= 3, `resident: ${resident.join(',')}`)
    // Reading many posts back holds at most the budget's worth, whatever order they are read in.
    for (let i = 19; i >= 0; i--) assert.deepEqual(table.get(post(i).url), post(i))
    assert.ok(Array.from({ length: 20 }, (_, i) => i).filter(held).length <= 3)
    // A count budget alone still holds small posts as before.
    const roomy = new PostTable({}, { posts: 50 }, join(dir, '.roundup.json.spill-b'))
    for (let i = 0; i < 20; i++) roomy.set(post(i))
    await writeTable(roomy, join(dir, 'b.json'))
    assert.equal(Array.from({ length: 20 }, (_, i) => i).filter((i) => roomy.get(post(i).url) === roomy.get(post(i).url)).length, 20)
    await table.close()
    await roomy.close()
  })
})
