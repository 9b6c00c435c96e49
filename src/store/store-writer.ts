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
  let chunks: Buffer[] = []
  let buffered = 0
  let position = 0
  const drain = async () => {
    if (!buffered) return
    const out = chunks
    chunks = []
    buffered = 0
    await handle.writev(out)
  }
  const sink: ByteSink = {
    get position() {
      return position
    },
    async write(chunk) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      chunks.push(bytes)
      buffered += bytes.length
      position += bytes.length
      if (buffered >= BUFFER_BYTES) await drain()
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
