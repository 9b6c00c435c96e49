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
  // Strings are joined and encoded once per megabyte; big buffers go straight through, so a
  // caller may reuse its copy buffer as soon as write() resolves.
  let pending: string[] = []
  let buffered = 0
  let position = 0
  const drain = async () => {
    if (!buffered) return
    const text = pending.join('')
    pending = []
    buffered = 0
    await handle.write(text, null, 'utf8')
  }
  const sink: ByteSink = {
    get position() {
      return position
    },
    async write(chunk) {
      if (typeof chunk === 'string') {
        const bytes = Buffer.byteLength(chunk)
        pending.push(chunk)
        buffered += bytes
        position += bytes
        if (buffered >= BUFFER_BYTES) await drain()
        return
      }
      await drain()
      position += chunk.length
      for (let done = 0; done < chunk.length; ) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten
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
