import { copyFile, mkdir, readFile, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Low } from 'lowdb'
import { TextFile } from 'lowdb/node'
import lockfile from 'proper-lockfile'
import { RoundupError } from '../errors.js'
import { emptyStore, SCHEMA_VERSION, STORE_FORMAT, type StoreData, type StoredEvent, type StoredFeed, type StoredPost } from './schema.js'
import type { Store } from './store.js'

export interface JsonStoreOptions {
  /** Take an exclusive lock for writing (crawl, refresh). @default true */
  lock?: boolean
  /** When locked by another run, wait this long before giving up. @default 0 */
  waitMs?: number
  /** Flush at most this often while changes pile up. @default 2000 */
  flushIntervalMs?: number
  /** Flush once this many changes are pending. @default 50 */
  flushEvery?: number
  /** Open without ever writing (digest, events, search). @default false */
  readOnly?: boolean
}

/** Parse and check a store file's text; anything else is refused, never overwritten. */
export function parseStoreText(text: string, file: string): StoreData {
  const recovery = `It was left untouched: fix or move it, restore ${file}.bak if present, or pass --db to use another file.`
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new RoundupError('STORE_CORRUPT', `${file} is not valid JSON (${(error as Error).message}). ${recovery}`, { file }, { cause: error })
  }
  const record = data as Partial<StoreData> | null
  if (!record || typeof record !== 'object' || Array.isArray(record) || record.format !== STORE_FORMAT) {
    throw new RoundupError('STORE_CORRUPT', `${file} is not a roundup store (no "format": "${STORE_FORMAT}"). ${recovery}`, { file })
  }
  if (typeof record.version !== 'number' || record.version > SCHEMA_VERSION) {
    throw new RoundupError('STORE_CORRUPT', `${file} has schema version ${String(record.version)}, newer than this roundup understands (${SCHEMA_VERSION}); upgrade roundup.`, { file })
  }
  if (typeof record.posts !== 'object' || record.posts === null || typeof record.events !== 'object' || record.events === null) {
    throw new RoundupError('STORE_CORRUPT', `${file} is missing its posts or events. ${recovery}`, { file })
  }
  const store = record as StoreData
  store.feeds ??= {}
  return store
}

/** lowdb adapter that refuses corrupt or foreign files instead of replacing them. */
class CheckedJsonFile {
  readonly #text: TextFile
  constructor(readonly file: string) {
    this.#text = new TextFile(file)
  }
  async read(): Promise<StoreData | null> {
    const text = await this.#text.read()
    if (text === null) return null
    return parseStoreText(text, this.file)
  }
  async write(data: StoreData): Promise<void> {
    // steno writes a temp file and renames it over the target, so a kill mid-write leaves the old file whole.
    await this.#text.write(JSON.stringify(data))
  }
}

async function acquireLock(file: string, waitMs: number): Promise<() => Promise<void>> {
  const options = { realpath: false, lockfilePath: `${file}.lock`, stale: 30_000, update: 5_000 }
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      return await lockfile.lock(file, { ...options, onCompromised: () => {} })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new RoundupError('STORE_IO', `cannot lock ${file}: ${(error as Error).message}`, { file }, { cause: error })
      }
      if (Date.now() >= deadline) {
        throw new RoundupError('STORE_LOCKED', `${file} is in use by another roundup run; try again later, or pass --wait`, { file, retryable: true })
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(10, deadline - Date.now()))))
    }
  }
}

/** Open (or create on first write) the lowdb JSON store at `file`. */
export async function openJsonStore(file: string, options: JsonStoreOptions = {}): Promise<Store> {
  const { lock = true, waitMs = 0, flushIntervalMs = 2000, flushEvery = 50, readOnly = false } = options
  const existed = await stat(file).then((s) => s.isFile(), () => false)
  if (!readOnly) await mkdir(dirname(file), { recursive: true }).catch((error: unknown) => {
    throw new RoundupError('STORE_IO', `cannot create the folder for ${file}: ${(error as Error).message}`, { file }, { cause: error })
  })
  const release = readOnly || !lock ? null : await acquireLock(file, waitMs)
  const db = new Low<StoreData>(new CheckedJsonFile(file), emptyStore())
  try {
    await db.read()
  } catch (error) {
    await release?.()
    if (error instanceof RoundupError) throw error
    throw new RoundupError('STORE_IO', `cannot read ${file}: ${(error as Error).message}`, { file }, { cause: error })
  }
  return new JsonStore(file, db, { existed, readOnly, flushIntervalMs, flushEvery, release })
}

class JsonStore implements Store {
  #pending = 0
  #timer: NodeJS.Timeout | null = null
  #writing: Promise<void> = Promise.resolve()
  #backedUp = false
  #closed = false

  constructor(
    readonly location: string,
    private readonly db: Low<StoreData>,
    private readonly opts: { existed: boolean; readOnly: boolean; flushIntervalMs: number; flushEvery: number; release: (() => Promise<void>) | null },
  ) {}

  getPost(url: string): StoredPost | undefined {
    return this.db.data.posts[url]
  }
  putPost(post: StoredPost): void {
    this.db.data.posts[post.url] = post
    this.#changed()
  }
  listPosts(): StoredPost[] {
    return Object.values(this.db.data.posts)
  }
  getEvent(id: string): StoredEvent | undefined {
    return this.db.data.events[id]
  }
  putEvent(event: StoredEvent): void {
    this.db.data.events[event.id] = event
    this.#changed()
  }
  deleteEvent(id: string): void {
    delete this.db.data.events[id]
    this.#changed()
  }
  listEvents(): StoredEvent[] {
    return Object.values(this.db.data.events)
  }
  getFeed(url: string): StoredFeed | undefined {
    return this.db.data.feeds[url]
  }
  putFeed(feed: StoredFeed): void {
    this.db.data.feeds[feed.url] = feed
    this.#changed()
  }
  snapshot(): StoreData {
    return this.db.data
  }

  #changed(): void {
    if (this.opts.readOnly) throw new RoundupError('STORE_IO', `${this.location} was opened read-only`)
    this.#pending++
    if (this.#pending >= this.opts.flushEvery) void this.flush().catch(() => {})
    else if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush().catch(() => {}), this.opts.flushIntervalMs)
      this.#timer.unref()
    }
  }

  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (this.#pending === 0 || this.opts.readOnly) return this.#writing
    this.#pending = 0
    const write = this.#writing.then(async () => {
      if (!this.#backedUp && this.opts.existed) {
        // Keep the last good file before the first rewrite of this run, for recovery.
        await copyFile(this.location, `${this.location}.bak`).catch(() => {})
        this.#backedUp = true
      }
      await this.db.write()
    })
    this.#writing = write.catch(() => {})
    try {
      await write
    } catch (error) {
      throw new RoundupError('STORE_IO', `cannot write ${this.location}: ${(error as Error).message}`, { file: this.location }, { cause: error })
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    try {
      await this.flush()
    } finally {
      await this.opts.release?.().catch(() => {})
    }
  }
}

/** Read a store file without opening it for writing (used by tests and tools). */
export async function readStoreFile(file: string): Promise<StoreData> {
  return parseStoreText(await readFile(file, 'utf8'), file)
}
