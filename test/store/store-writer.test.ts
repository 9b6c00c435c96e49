import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeStoreFile } from '../../src/store/store-writer.js'

test('writeStoreFile writes strings and Buffers of every size in order, and counts bytes, not characters', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-writer-'))
  try {
    const file = join(dir, 'roundup.json')
    const reused = Buffer.alloc(300 * 1024, 'b')
    const pieces: Array<string | Buffer> = [
      '{"a":', 'naïve café ✓ 𝄞', Buffer.from(',"small":1'),
      // Past a quarter of the staging buffer: written straight through.
      reused,
      'x'.repeat(2 * 1024 * 1024),
      // Enough small pieces to fill and drain the staging buffer several times.
      ...Array.from({ length: 3000 }, (_, i) => (i % 2 ? `,"k${i}":"${'é'.repeat(i % 500)}"` : Buffer.from(`,"b${i}":${i}`))),
      '}',
    ]
    const expected = Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece))))
    const positions: number[] = []
    const { handle, bytes } = await writeStoreFile(file, async (sink) => {
      for (const piece of pieces) {
        await sink.write(piece)
        positions.push(sink.position)
        // The caller may reuse a Buffer as soon as its write resolves.
        if (piece === reused) reused.fill('z')
      }
    })
    await handle.close()
    const written = await readFile(file)
    assert.equal(bytes, expected.length)
    assert.equal(positions.at(-1), expected.length)
    assert.ok(written.equals(expected), 'the file holds exactly the pieces, in order')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
