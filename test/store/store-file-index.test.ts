import { test } from 'node:test'
import assert from 'node:assert/strict'
import { open, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { indexStoreFile, StoreNotObjectError, StoreSyntaxError } from '../../src/store/store-file-index.js'
import { openJsonStore, emptyPost } from '../../src/store/index.js'
import { inTempDir } from '../helpers/temp-dir.js'

// Strings with the characters a scanner can trip on: quotes, backslashes, braces, non-ASCII.
const tricky = fc.string({ unit: fc.constantFrom('a', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'é', '✓', '😀', '\n', '/'), maxLength: 12 })
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
})).value
const storeLike = fc.record({
  format: fc.constant('roundup-store'),
  version: fc.constant(1),
  events: fc.dictionary(tricky, json, { maxKeys: 3 }),
  posts: fc.dictionary(tricky, fc.dictionary(tricky, json, { maxKeys: 5 }), { maxKeys: 6 }),
  feeds: json,
})

test('indexStoreFile reads what JSON.parse reads, and each post span holds that post, whatever the spacing and chunk size', async () => {
  await inTempDir('roundup-index-', async (dir) => {
    const file = join(dir, 'store.json')
    await fc.assert(fc.asyncProperty(storeLike, fc.constantFrom(undefined, 2, '\t'), fc.integer({ min: 1, max: 64 }), async (data, space, chunk) => {
      const text = JSON.stringify(data, null, space)
      await writeFile(file, text)
      const indexed = (await indexStoreFile(file, chunk))!
      try {
        // JSON.parse's own reading is the reference (fast-check's objects may lack a prototype).
        const { posts, ...rest } = JSON.parse(text) as typeof data
        assert.deepEqual(indexed.top, rest)
        const bytes = await readFile(file)
        assert.deepEqual(indexed.posts!.map((p) => p.url), Object.keys(posts))
        for (const span of indexed.posts!) {
          const pair = bytes.subarray(span.at, span.at + span.bytes).toString('utf8')
          // The span is the whole `"key": value` pair, so copying it keeps a valid object.
          assert.deepEqual(JSON.parse(`{${pair}}`), JSON.parse(`{${JSON.stringify(span.url)}:${JSON.stringify(posts[span.url])}}`))
          assert.deepEqual(JSON.parse(bytes.subarray(span.at + span.keyBytes, span.at + span.bytes).toString('utf8')), posts[span.url])
        }
      } finally {
        await indexed.handle.close()
      }
    }), { numRuns: 150 })
  })
})

test('indexStoreFile refuses exactly the files JSON.parse refuses: cut, spliced and flipped bytes', async () => {
  await inTempDir('roundup-index-', async (dir) => {
    const file = join(dir, 'store.json')
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('put' as const), at: fc.nat(), text: fc.constantFrom('"', '\\', '{', '}', ']', ',', ':', 'x', ' ', '0', 'null', '{}') }),
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
      // Trailing bytes after the closing brace: only spaces may follow.
      fc.record({ kind: fc.constant('append' as const), at: fc.constant(0), text: fc.constantFrom(' ', '\n', 'x', '}', ',', '{}', ' 1') }),
    )
    await fc.assert(fc.asyncProperty(storeLike, edit, fc.integer({ min: 1, max: 16 }), async (data, change, chunk) => {
      const good = JSON.stringify(data)
      const at = change.at % (good.length + 1)
      const text = change.kind === 'cut' ? good.slice(0, at)
        : change.kind === 'put' ? good.slice(0, at) + change.text + good.slice(at)
          : change.kind === 'append' ? good + change.text
            : good.slice(0, at) + good.slice(at + 1)
      await writeFile(file, text)
      let parsed = true
      try {
        JSON.parse(text)
      } catch {
        parsed = false
      }
      let indexed: Awaited<ReturnType<typeof indexStoreFile>> = null
      let refusal: unknown = null
      try {
        indexed = await indexStoreFile(file, chunk)
      } catch (error) {
        refusal = error
      }
      await indexed?.handle.close()
      if (parsed) assert.equal(refusal, null, `${JSON.stringify(text)}: ${String(refusal)}`)
      // A file that does not even start as an object is refused as not a store.
      else assert.ok(refusal instanceof StoreSyntaxError || (refusal instanceof StoreNotObjectError && !text.trimStart().startsWith('{')), `${JSON.stringify(text)} was not refused: ${String(refusal)}`)
    }), { numRuns: 400 })
  })
})

test('a store opened by index serves its posts, keeps their order, and writes them back byte for byte', async () => {
  await inTempDir('roundup-index-', async (dir) => {
    const file = join(dir, 'roundup.json')
    const posts = Array.from({ length: 30 }, (_, i) => {
      const p = emptyPost(`http://blog${i % 4}.example/post-${i}.html`, '2026-01-01T00:00:00Z')
      p.title = `Post ${i}: “quoted” \\ {braces} "marks"`
      p.text = `Body ${i} ✓ `.repeat(50)
      return p
    })
    const first = await openJsonStore(file, { flushEvery: 1000, flushIntervalMs: 60_000 })
    for (const p of posts) first.putPost(p)
    await first.close()
    const written = await readFile(file)

    // Read-only: every post comes back equal, in order, with none kept as an object it was not asked for.
    const reader = await openJsonStore(file, { readOnly: true })
    assert.deepEqual(reader.listPosts().map((p) => p.url), posts.map((p) => p.url))
    for (const p of posts) assert.deepEqual(reader.getPost(p.url), p)
    await reader.close()

    // A write that changes one post copies the others' bytes unchanged.
    const writer = await openJsonStore(file, { flushEvery: 1000, flushIntervalMs: 60_000 })
    const changed = { ...writer.getPost(posts[7]!.url)!, title: 'changed' }
    writer.putPost(changed)
    await writer.close()
    const after = await readFile(file, 'utf8')
    for (const p of posts) {
      if (p.url === changed.url) continue
      assert.ok(after.includes(`${JSON.stringify(p.url)}:${JSON.stringify(p)}`), p.url)
    }
    assert.ok(written.length > 0)
    const again = await openJsonStore(file, { readOnly: true })
    assert.equal(again.getPost(changed.url)!.title, 'changed')
    assert.equal(again.listPosts().length, 30)
    await again.close()
  })
})

test('odd shapes: posts as an array opens as before, a later "posts" wins as in JSON.parse, and a non-object is not a store', async () => {
  await inTempDir('roundup-index-', async (dir) => {
    const head = '{"format":"roundup-store","version":1,"events":{}'
    const arrayPosts = join(dir, 'array.json')
    await writeFile(arrayPosts, `${head},"posts":[]}`)
    for (const readOnly of [true, false]) {
      const store = await openJsonStore(arrayPosts, { readOnly })
      assert.deepEqual(store.listPosts(), [])
      await store.close()
    }
    // The lock was released: a writer can open it again at once.
    await (await openJsonStore(arrayPosts)).close()

    const postsThenNull = join(dir, 'twice.json')
    const text = `${head},"posts":{"http://a.example/":{}},"posts":null}`
    await writeFile(postsThenNull, text)
    await assert.rejects(openJsonStore(postsThenNull), (error: Error & { code?: string }) => error.code === 'STORE_CORRUPT' && /missing its posts/.test(error.message))
    assert.equal(await readFile(postsThenNull, 'utf8'), text)
    const nullThenPosts = join(dir, 'twice-b.json')
    await writeFile(nullThenPosts, `${head},"posts":null,"posts":{"http://b.example/":{"url":"http://b.example/"}}}`)
    const store = await openJsonStore(nullThenPosts, { readOnly: true })
    assert.deepEqual(store.listPosts().map((p) => p.url), ['http://b.example/'])
    await store.close()

    const list = join(dir, 'list.json')
    await writeFile(list, '[1,2]')
    await assert.rejects(openJsonStore(list), (error: Error & { code?: string }) => error.code === 'STORE_CORRUPT' && /is not a roundup store/.test(error.message))
  })
})

test('a snapshot reads a post only when it is asked for, and setting one changes the snapshot, not the store', async () => {
  await inTempDir('roundup-index-', async (dir) => {
    const file = join(dir, 'roundup.json')
    const make = (i: number) => ({ ...emptyPost(`http://blog.example/${i}.html`, '2026-01-01T00:00:00Z'), title: `Title number ${i}` })
    const writer = await openJsonStore(file)
    for (let i = 0; i < 3; i++) writer.putPost(make(i))
    await writer.close()
    const store = await openJsonStore(file, { readOnly: true })
    // Spoil post 1's bytes in place after the open: only a read of that post can notice.
    const text = await readFile(file, 'utf8')
    const at = Buffer.byteLength(text.slice(0, text.indexOf('Title number 1')))
    const handle = await open(file, 'r+')
    await handle.write(Buffer.from('"'), 0, 1, at)
    await handle.close()
    const snapshot = store.snapshot()
    assert.deepEqual(Object.keys(snapshot.posts), [0, 1, 2].map((i) => make(i).url))
    assert.deepEqual(snapshot.posts[make(0).url], make(0))
    assert.deepEqual(snapshot.posts[make(2).url], make(2))
    assert.throws(() => snapshot.posts[make(1).url])
    snapshot.posts[make(0).url] = { ...make(0), title: 'only here' }
    assert.equal(snapshot.posts[make(0).url]!.title, 'only here')
    assert.equal(store.getPost(make(0).url)!.title, 'Title number 0')
    await store.close()
  })
})
