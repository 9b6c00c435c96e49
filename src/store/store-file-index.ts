import { open, type FileHandle } from 'node:fs/promises'

/** Where one `"url":{…}` pair of the posts object sits in the file, in bytes. */
export interface IndexedPost {
  url: string
  at: number
  /** Bytes from the pair's start to its value. */
  keyBytes: number
  bytes: number
}

export interface IndexedStoreFile {
  /** Every top-level member but the posts object, parsed. */
  top: Record<string, unknown>
  /** The posts, in file order, each checked to be valid JSON; null when the file has no posts object. */
  posts: IndexedPost[] | null
  /** Open on the file read, for reading the posts back by position. */
  handle: FileHandle
}

/** A file that is not valid JSON: `message` says where, for the caller's one-line error. */
export class StoreSyntaxError extends Error {}

/** A file that does not start as a JSON object, so cannot be a store (valid JSON or not). */
export class StoreNotObjectError extends Error {}

const CHUNK = 1 << 20
const QUOTE = 0x22
const BACKSLASH = 0x5c

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

type Mode =
  | 'start' | 'key' | 'colon' | 'value' | 'after' | 'done'
  | 'postKey' | 'postColon' | 'postValue' | 'postAfter'

/**
 * Read a store file without holding it as one string or its posts as objects: the file is
 * scanned a megabyte at a time, every top-level member but "posts" is parsed, and each
 * post is parsed only to check it (then dropped) while its byte span is kept. A 10,000-post
 * store took ~940 MB of RSS to open as one JSON.parse; a 1.6 GB one could not be opened at
 * all (V8's longest string is ~512 MB). The whole file is still checked as strictly as
 * JSON.parse would: a bad byte anywhere is a StoreSyntaxError. Null when there is no file.
 */
export async function indexStoreFile(file: string, chunkBytes = CHUNK): Promise<IndexedStoreFile | null> {
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const scan = new Scanner()
    for (let offset = 0; ; ) {
      // A fresh buffer per chunk: a value being captured keeps slices of earlier ones.
      const chunk = Buffer.allocUnsafe(chunkBytes)
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, offset)
      if (bytesRead === 0) break
      scan.feed(chunk.subarray(0, bytesRead), offset)
      offset += bytesRead
    }
    scan.end()
    return { top: scan.top, posts: scan.posts, handle }
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
}

/** A push scanner of the store's shape: an object whose "posts" member is an object of posts. */
class Scanner {
  readonly top: Record<string, unknown> = {}
  posts: IndexedPost[] | null = null
  #mode: Mode = 'start'
  /** After '{' or ',': whether '}' may come instead of a key. */
  #closeAllowed = false
  #key = ''
  /** The value or key being captured: its slices, and how to tell where it ends. */
  #parts: Buffer[] = []
  #capturing: 'string' | 'nested' | 'scalar' | null = null
  #depth = 0
  #inString = false
  #escaped = false
  #pairAt = 0
  #valueAt = 0
  #position = 0

  feed(chunk: Buffer, offset: number): void {
    let i = 0
    while (i < chunk.length) {
      if (this.#capturing) {
        i = this.#capture(chunk, i, offset)
        continue
      }
      const c = chunk[i]!
      if (isSpace(c)) {
        i++
        continue
      }
      this.#position = offset + i
      this.#token(c, offset + i)
      // A token that starts a capture leaves i on its first byte; all others consume one.
      if (!this.#capturing) i++
    }
  }

  end(): void {
    // A capture still open (a scalar at the very end included) means no closing brace came.
    if (this.#capturing || this.#mode !== 'done') throw new StoreSyntaxError('the file ends before its closing brace')
  }

  #fail(what: string): never {
    throw new StoreSyntaxError(`${what} at byte ${this.#position}`)
  }

  #start(kind: 'string' | 'nested' | 'scalar'): void {
    this.#capturing = kind
    this.#parts = []
    this.#depth = 0
    this.#inString = false
    this.#escaped = false
  }

  #token(c: number, at: number): void {
    switch (this.#mode) {
      case 'start':
        // Another JSON value (a list, a string...) is not a store; anything else is not JSON.
        if (c !== 0x7b) throw /^[["\-0-9tfn]$/.test(String.fromCharCode(c)) ? new StoreNotObjectError('the file is not a JSON object') : new StoreSyntaxError(`unexpected byte 0x${c.toString(16)} at byte ${this.#position}`)
        this.#mode = 'key'
        this.#closeAllowed = true
        return
      case 'key':
      case 'postKey':
        if (c === 0x7d && this.#closeAllowed) {
          this.#mode = this.#mode === 'key' ? 'done' : 'after'
          return
        }
        if (c !== QUOTE) this.#fail('a key was expected')
        if (this.#mode === 'postKey') this.#pairAt = at
        this.#start('string')
        return
      case 'colon':
      case 'postColon':
        if (c !== 0x3a) this.#fail('a colon was expected')
        this.#mode = this.#mode === 'colon' ? 'value' : 'postValue'
        return
      case 'value':
        if (this.#key === 'posts' && c === 0x7b) {
          // A later "posts" wins, as with JSON.parse, whatever came before it.
          delete this.top.posts
          this.posts = []
          this.#mode = 'postKey'
          this.#closeAllowed = true
          return
        }
        this.#startValue(c, at)
        return
      case 'postValue':
        this.#startValue(c, at)
        return
      case 'after':
      case 'postAfter':
        if (c === 0x2c) {
          this.#mode = this.#mode === 'after' ? 'key' : 'postKey'
          this.#closeAllowed = false
          return
        }
        if (c !== 0x7d) this.#fail('a comma or closing brace was expected')
        this.#mode = this.#mode === 'after' ? 'done' : 'after'
        return
      case 'done':
        this.#fail('more after the closing brace')
    }
  }

  #startValue(c: number, at: number): void {
    this.#valueAt = at
    this.#start(c === QUOTE ? 'string' : c === 0x7b || c === 0x5b ? 'nested' : 'scalar')
  }

  /** Take bytes of the current capture from `i`; returns where the chunk's next token starts. */
  #capture(chunk: Buffer, i: number, offset: number): number {
    const from = i
    let end = -1
    if (this.#capturing === 'scalar') {
      while (i < chunk.length && !isSpace(chunk[i]!) && chunk[i] !== 0x2c && chunk[i] !== 0x7d && chunk[i] !== 0x5d) i++
      this.#parts.push(chunk.subarray(from, i))
      if (i < chunk.length) this.#finish(offset + i)
      return i
    }
    // A string capture starts on its opening quote; a nested one on its bracket.
    if (this.#capturing === 'string' && this.#parts.length === 0 && !this.#inString) {
      this.#inString = true
      i++
    }
    while (i < chunk.length) {
      if (this.#inString) {
        if (this.#escaped) {
          this.#escaped = false
          i++
          continue
        }
        // Jump to the next quote: a post's bytes are mostly text inside strings. It ends the
        // string unless an odd run of backslashes comes just before it; only that run is looked at,
        // so every byte is read a bounded number of times whatever the escapes.
        const quote = chunk.indexOf(QUOTE, i)
        const stop = quote === -1 ? chunk.length : quote
        let run = 0
        while (stop - run - 1 >= i && chunk[stop - run - 1] === BACKSLASH) run++
        if (quote === -1) {
          // The chunk ends inside the string: an odd run there escapes the next chunk's first byte.
          this.#escaped = run % 2 === 1
          i = chunk.length
          break
        }
        if (run % 2 === 1) {
          i = quote + 1
          continue
        }
        i = quote + 1
        this.#inString = false
        if (this.#capturing === 'string') {
          end = i
          break
        }
        continue
      }
      const c = chunk[i]!
      if (c === QUOTE) this.#inString = true
      else if (c === 0x7b || c === 0x5b) this.#depth++
      else if (c === 0x7d || c === 0x5d) {
        this.#depth--
        if (this.#depth === 0) {
          end = i + 1
          break
        }
      }
      i++
    }
    this.#parts.push(chunk.subarray(from, end === -1 ? chunk.length : end))
    if (end === -1) return chunk.length
    this.#finish(offset + end)
    return end
  }

  /** The capture ended just before file offset `endAt`. */
  #finish(endAt: number): void {
    const bytes = this.#parts.length === 1 ? this.#parts[0]! : Buffer.concat(this.#parts)
    this.#parts = []
    this.#capturing = null
    const text = bytes.toString('utf8')
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      throw new StoreSyntaxError(`${(error as Error).message.replace(/ in JSON at position \d+.*$/s, '')} in the value that starts at byte ${this.#valueAtOrKey()}`)
    }
    switch (this.#mode) {
      case 'key':
      case 'postKey':
        this.#key = value as string
        this.#mode = this.#mode === 'key' ? 'colon' : 'postColon'
        return
      case 'value':
        // A later "posts" that is not an object replaces an earlier one that was.
        if (this.#key === 'posts') this.posts = null
        // Own data properties, as JSON.parse makes them (a "__proto__" key included).
        Object.defineProperty(this.top, this.#key, { value, enumerable: true, writable: true, configurable: true })
        this.#mode = 'after'
        return
      case 'postValue':
        // Parsed above only to check it; its bytes in the file stand for it from here.
        this.posts!.push({ url: this.#key, at: this.#pairAt, keyBytes: this.#valueAt - this.#pairAt, bytes: endAt - this.#pairAt })
        this.#mode = 'postAfter'
        return
      default:
        throw new StoreSyntaxError(`unexpected value at byte ${this.#valueAt}`)
    }
  }

  #valueAtOrKey(): number {
    return this.#mode === 'value' || this.#mode === 'postValue' ? this.#valueAt : this.#position
  }
}
