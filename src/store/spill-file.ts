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
