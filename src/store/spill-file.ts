import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs'

/** A file read by position: the store file this process last wrote, or a spill file. */
export interface ByteSource {
  readonly fd: number
}

let opened = 0

/**
 * An append-only scratch file beside the store for posts put since the last write. Their
 * JSON waits here, not in memory: between two rewrites of a big store that is tens of MB.
 * It holds nothing the store file needs: a crash loses what it holds, as it would lose
 * the same posts held in memory. The name is unlinked as soon as it is open, where the
 * system allows, so a killed process leaves no file behind.
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
      // Windows keeps open files' names: removed on close instead.
    }
  }

  /** Null when no file can be made there (read-only folder, no space): callers keep the bytes in memory. */
  static open(base: string): SpillFile | null {
    const path = `${base}.${process.pid}.${++opened}`
    try {
      return new SpillFile(openSync(path, 'w+', 0o600), path)
    } catch {
      return null
    }
  }

  /** Append `bytes`; their offset, or null when the write failed (the file takes no more). */
  append(bytes: Buffer): number | null {
    const at = this.#position
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, at + done)
    } catch {
      return null
    }
    this.#position += bytes.length
    return at
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
