import { open, rename, rm } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { ByteSink } from './post-table.js'

const BUFFER_BYTES = 1 << 20

/** steno's temp name (`.roundup.json.tmp` beside the file), so a stale one from either is overwritten. */
export function tempFileFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.tmp`)
}

/**
 * Write a store file atomically without building it as one string: pieces stream into a
 * temp file (buffered to 1 MB writes), which is then renamed over `file`, so a crash
 * leaves either the old file or the new one. Returns the handle, still open on the new
 * file, for reading back the byte ranges the caller recorded.
 */
export async function writeStoreFile(file: string, body: (sink: ByteSink) => Promise<void>): Promise<{ handle: FileHandle; bytes: number }> {
  const temp = tempFileFor(file)
  const handle = await open(temp, 'w+')
  // Small pieces (keys, commas, one post's JSON) are staged into one buffer and written a
  // megabyte at a time; big pieces (copied runs of the old file) go straight through.
  const staging = Buffer.allocUnsafe(BUFFER_BYTES)
  let staged = 0
  let position = 0
  const writeAll = async (bytes: Buffer) => {
    for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten
  }
  const drain = async () => {
    if (!staged) return
    const bytes = staging.subarray(0, staged)
    staged = 0
    await writeAll(bytes)
  }
  const sink: ByteSink = {
    get position() {
      return position
    },
    async write(chunk) {
      // A string's UTF-8 length is at most 3 bytes per UTF-16 unit: the staging buffer's
      // write() then says how many it took, so the string is scanned once, not twice.
      const most = typeof chunk === 'string' ? chunk.length * 3 : chunk.length
      if (most >= BUFFER_BYTES / 4) {
        await drain()
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
        position += bytes.length
        await writeAll(bytes)
        return
      }
      if (staged + most > BUFFER_BYTES) await drain()
      const bytes = typeof chunk === 'string' ? staging.write(chunk, staged, 'utf8') : chunk.copy(staging, staged)
      staged += bytes
      position += bytes
    },
  }
  try {
    await body(sink)
    await drain()
    await rename(temp, file)
  } catch (error) {
    await handle.close().catch(() => {})
    await rm(temp, { force: true }).catch(() => {})
    throw error
  }
  return { handle, bytes: position }
}
