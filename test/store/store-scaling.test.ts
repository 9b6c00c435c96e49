import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emptyPost, openJsonStore, readStoreFile, type StoredPost } from '../../src/store/index.js'

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'roundup-scaling-'))
}

function post(i: number, extra = ''): StoredPost {
  const p = emptyPost(`http://blog${i % 7}.example/2009/04/post-${i}.html`, '2026-01-01T00:00:00Z')
  p.title = `Post ${i} “quoted” ${extra}`
  p.text = `Body of post ${i}. `.repeat(40) + 'naïve café ✓'
  p.links = [{ url: `http://blog${(i + 1) % 7}.example/x`, text: 'x', kind: 'body' }]
  return p
}

test('posts written to the file leave memory and read back equal, also after changes', async () => {
  const dir = await tempDir()
  const file = join(dir, 'roundup.json')
  const store = await openJsonStore(file, { maxResidentPosts: 10, flushEvery: 1000, flushIntervalMs: 60_000 })
  for (let i = 0; i < 100; i++) store.putPost(post(i))
  await store.flush()
  // Read back every post, most of them from their bytes in the file.
  for (let i = 0; i < 100; i++) assert.deepEqual(store.getPost(post(i).url), post(i))
  // Change some evicted posts and add new ones; the next write copies the rest unchanged.
  for (let i = 0; i < 100; i += 9) store.putPost(post(i, 'changed'))
  for (let i = 100; i < 120; i++) store.putPost(post(i))
  await store.flush()
  await store.flush()
  const data = await readStoreFile(file)
  assert.equal(Object.keys(data.posts).length, 120)
  for (let i = 0; i < 120; i++) {
    const want = post(i, i < 100 && i % 9 === 0 ? 'changed' : '')
    assert.deepEqual(data.posts[want.url], want)
    assert.deepEqual(store.getPost(want.url), want)
  }
  assert.equal(store.listPosts().length, 120)
  assert.equal(Object.keys(store.snapshot().posts).length, 120)
  await store.close()
  // No temp file is left behind, and the file reopens with everything in it.
  assert.deepEqual((await readdir(dir)).filter((f) => f.endsWith('.tmp')), [])
  const again = await openJsonStore(file, { maxResidentPosts: 10 })
  assert.deepEqual(again.getPost(post(46).url), post(46))
  assert.deepEqual(again.getPost(post(54).url), post(54, 'changed'))
  await again.close()
  await rm(dir, { recursive: true, force: true })
})

test('a growing store is rewritten geometrically: bytes written stay a small multiple of the final size', async () => {
  const dir = await tempDir()
  const file = join(dir, 'roundup.json')
  // Short interval: the count rule, not the timer, must be what keeps writes few.
  const store = await openJsonStore(file, { flushIntervalMs: 5 })
  let written = 0
  let lastIno = -1
  const observe = async () => {
    const s = await stat(file).catch(() => null)
    if (s && s.ino !== lastIno) {
      lastIno = s.ino
      written += s.size
    }
  }
  for (let i = 0; i < 3000; i++) {
    store.putPost(post(i))
    if (i % 25 === 0) {
      await new Promise((resolve) => setImmediate(resolve))
      await observe()
    }
  }
  await store.close()
  await observe()
  const final = (await stat(file)).size
  // Flushing every 50 changes would write about 30x the final size here (60 rewrites of a growing file).
  assert.ok(written <= 8 * final, `wrote ${written} bytes for a ${final}-byte store`)
  assert.equal(Object.keys(JSON.parse(await readFile(file, 'utf8')).posts).length, 3000)
  await rm(dir, { recursive: true, force: true })
})

test('changes made while a write is running go out in the next write, none lost', async () => {
  const dir = await tempDir()
  const file = join(dir, 'roundup.json')
  const store = await openJsonStore(file, { maxResidentPosts: 5, flushEvery: 1000, flushIntervalMs: 60_000 })
  for (let i = 0; i < 50; i++) store.putPost(post(i))
  const first = store.flush()
  for (let i = 0; i < 50; i += 5) store.putPost(post(i, 'during'))
  const second = store.flush()
  const third = store.flush()
  await Promise.all([first, second, third])
  const data = await readStoreFile(file)
  for (let i = 0; i < 50; i++) assert.equal(data.posts[post(i).url]?.title, post(i, i % 5 === 0 ? 'during' : '').title)
  await store.close()
  await rm(dir, { recursive: true, force: true })
})

test('patches wait for the next read or write, apply in order, and survive eviction and reopening', async () => {
  const dir = await tempDir()
  const file = join(dir, 'roundup.json')
  const store = await openJsonStore(file, { maxResidentPosts: 3, flushEvery: 1000, flushIntervalMs: 60_000 })
  for (let i = 0; i < 20; i++) store.putPost(post(i))
  await store.flush()
  const tag = (label: string) => (p: StoredPost): StoredPost => ({ ...p, authors: [...p.authors, label] })
  assert.equal(store.patchPost!('http://nowhere.example/x', tag('x')), false)
  for (let i = 0; i < 20; i++) assert.equal(store.patchPost!(post(i).url, tag(`a${i}`)), true)
  // Read one now: its patch is applied and a second patch stacks on it.
  assert.deepEqual(store.getPost(post(4).url)!.authors, ['a4'])
  store.patchPost!(post(4).url, tag('b4'))
  const writing = store.flush()
  // A patch made while the file is being written goes out with the next write.
  store.patchPost!(post(7).url, tag('during'))
  await writing
  await store.close()
  const data = await readStoreFile(file)
  for (let i = 0; i < 20; i++) {
    const want = i === 4 ? ['a4', 'b4'] : i === 7 ? ['a7', 'during'] : [`a${i}`]
    assert.deepEqual(data.posts[post(i).url]!.authors, want)
    assert.equal(data.posts[post(i).url]!.text, post(i).text)
  }
  await rm(dir, { recursive: true, force: true })
})
