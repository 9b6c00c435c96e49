import { closeSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** A file read by position: the store file this process last wrote, or a spill file. */
export interface ByteSource {
  readonly fd: number
}

/** Spill files go beside the store (`.roundup.json.spill.<pid>.<n>`), on its disk, not in a tmpfs that is memory. */
export function spillBaseFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.spill`)
}

let opened = 0

/**
 * An append-only scratch file beside the store for posts put since the last write. Their
 * JSON waits here, not in memory: between two rewrites of a big store that is tens of MB.
 * It holds nothing the store file needs: a crash loses what it holds, as it would lose
 * the same posts held in memory. The name is unlinked as soon as it is open, so on Linux
 * and macOS a killed process leaves no file behind; Windows keeps the name until the file
 * closes, and removeStaleSpillFiles clears what a killed run left there.
 */
export class SpillFile implements ByteSource {
  #position = 0
  #path: string | null

  private constructor(
    readonly fd: number,
    path: string,
  ) {
    this.#path = path
    try {
      unlinkSync(path)
      this.#path = null
    } catch {
      // Refused (a virus scanner holding it?): removed on close instead.
    }
  }

  /** Null when no file can be made there (read-only folder, no space): callers keep the bytes in memory. */
  static open(base: string): SpillFile | null {
    // A new file only ('wx+'): never truncate, or write through a link, that someone left here.
    for (let tries = 0; tries < 10; tries++) {
      const path = `${base}.${process.pid}.${++opened}`
      try {
        return new SpillFile(openSync(path, 'wx+', 0o600), path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return null
      }
    }
    return null
  }

  /**
   * Append `text` as UTF-8 and say where it went, or null when the write failed (the file
   * takes no more). A string, not a Buffer: node encodes it in native memory and frees that
   * at once, where a Buffer per post would wait for the collector.
   */
  append(text: string): { at: number; bytes: number } | null {
    const at = this.#position
    try {
      const bytes = Buffer.byteLength(text)
      let done = writeSync(this.fd, text, at, 'utf8')
      if (done < bytes) {
        const rest = Buffer.from(text, 'utf8')
        while (done < bytes) done += writeSync(this.fd, rest, done, bytes - done, at + done)
      }
      this.#position += bytes
      return { at, bytes }
    } catch {
      return null
    }
  }

  close(): void {
    try {
      closeSync(this.fd)
    } catch {
      // Already closed.
    }
    if (this.#path) {
      try {
        unlinkSync(this.#path)
      } catch {
        // Gone already.
      }
      this.#path = null
    }
  }
}

/** Remove spill files a killed run left beside the store; call with the store's lock held. */
export function removeStaleSpillFiles(base: string): void {
  const prefix = `${basename(base)}.`
  let names: string[]
  try {
    names = readdirSync(dirname(base))
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    try {
      unlinkSync(join(dirname(base), name))
    } catch {
      // Still open elsewhere (Windows): the next run tries again.
    }
  }
}
