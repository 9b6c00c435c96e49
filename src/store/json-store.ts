import { copyFile, mkdir, readFile, rm, stat, writeFile, type FileHandle } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname } from 'node:path'
import { Low } from 'lowdb'
import { TextFile } from 'lowdb/node'
import lockfile from 'proper-lockfile'
import { RoundupError } from '../errors.js'
import { emptyStore, SCHEMA_VERSION, STORE_FORMAT, type StoreData, type StoredEvent, type StoredFeed, type StoredPost, type StoredRobots, type StoredSite } from './schema.js'
import type { Store } from './store.js'
import { PostTable, type Residency } from './post-table.js'
import { writeStoreFile } from './store-writer.js'
import { indexStoreFile, StoreNotObjectError, StoreSyntaxError, type IndexedPost, type IndexedStoreFile } from './store-file-index.js'
import { removeStaleSpillFiles, spillBaseFor } from './spill-file.js'

export interface JsonStoreOptions {
  /** Take an exclusive lock for writing (crawl, refresh). @default true */
  lock?: boolean
  /** When locked by another run, wait this long before giving up. @default 0 */
  waitMs?: number
  /** Flush at most this often while changes pile up; longer for big files (see GROWTH below). @default 2000 */
  flushIntervalMs?: number
  /** Flush once this many posts were added or changed, or a quarter of the store if that is more. @default 50 */
  flushEvery?: number
  /** Posts kept in memory once written; the others are read back from the file when asked for. @default 500 */
  maxResidentPosts?: number
  /**
   * And at most this many bytes of them (as JSON; in the heap they take 2-3× that). Nothing
   * reads a post over and over, so the cache only saves re-reads of recent posts: with 500
   * slots of 25 KB posts, a 10,000-page crawl peaked at ~320 MB RSS; with 1 MiB, ~295 MB.
   * @default 1 MiB
   */
  maxResidentBytes?: number
  /** Open without ever writing (digest, events, search). @default false */
  readOnly?: boolean
}

const recoveryFor = (file: string) => `It was left untouched: fix or move it, restore ${file}.bak if present, or pass --db to use another file.`

function notJson(file: string, error: Error): RoundupError {
  return new RoundupError('STORE_CORRUPT', `${file} is not valid JSON (${error.message}). ${recoveryFor(file)}`, { file }, { cause: error })
}

function notStore(file: string): RoundupError {
  return new RoundupError('STORE_CORRUPT', `${file} is not a roundup store (no "format": "${STORE_FORMAT}"). ${recoveryFor(file)}`, { file })
}

/** Parse and check a store file's text; anything else is refused, never overwritten. */
export function parseStoreText(text: string, file: string): StoreData {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw notJson(file, error as Error)
  }
  return checkStoreShape(data, file)
}

function checkStoreShape(data: unknown, file: string): StoreData {
  const recovery = recoveryFor(file)
  const record = data as Partial<StoreData> | null
  if (!record || typeof record !== 'object' || Array.isArray(record) || record.format !== STORE_FORMAT) throw notStore(file)
  if (typeof record.version !== 'number' || record.version > SCHEMA_VERSION) {
    throw new RoundupError('STORE_CORRUPT', `${file} has schema version ${String(record.version)}, newer than this roundup understands (${SCHEMA_VERSION}); upgrade roundup.`, { file })
  }
  if (typeof record.posts !== 'object' || record.posts === null || typeof record.events !== 'object' || record.events === null) {
    throw new RoundupError('STORE_CORRUPT', `${file} is missing its posts or events. ${recovery}`, { file })
  }
  const store = record as StoreData
  store.feeds ??= {}
  store.sites ??= {}
  return store
}

/**
 * lowdb adapter that refuses corrupt or foreign files instead of replacing them. It reads
 * the file by index (see indexStoreFile): what it returns has no posts; their positions
 * and the open file wait in `loaded` for the post table.
 */
class CheckedJsonFile {
  readonly #text: TextFile
  loaded: { posts: IndexedPost[]; handle: FileHandle } | null = null
  constructor(readonly file: string) {
    this.#text = new TextFile(file)
  }
  async read(): Promise<StoreData | null> {
    let indexed: IndexedStoreFile | null
    try {
      indexed = await indexStoreFile(this.file)
    } catch (error) {
      if (error instanceof StoreSyntaxError) throw notJson(this.file, error)
      if (error instanceof StoreNotObjectError) throw notStore(this.file)
      throw error
    }
    if (indexed === null) return null
    try {
      const data = checkStoreShape({ ...indexed.top, ...(indexed.posts ? { posts: {} } : {}) }, this.file)
      // Posts that are some other object (an array: no URLs) were parsed whole with the rest.
      if (indexed.posts) this.loaded = { posts: indexed.posts, handle: indexed.handle }
      else await indexed.handle.close()
      return data
    } catch (error) {
      await indexed.handle.close().catch(() => {})
      throw error
    }
  }
  async write(data: StoreData): Promise<void> {
    // steno writes a temp file and renames it over the target, so a kill mid-write leaves the old file whole.
    await this.#text.write(JSON.stringify(data))
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A lock left by a run that was killed on this machine (its process is gone) is cleared
 * at once, so the next cron run finishes the work instead of waiting out the 30 s stale
 * time. Anything uncertain (another host, a live or reused pid, a lock that changed while
 * we looked) leaves the lock to proper-lockfile's stale check.
 */
async function clearDeadLock(file: string): Promise<boolean> {
  const lockDir = `${file}.lock`
  const ownerFile = `${file}.lock.owner`
  const readOwner = () => readFile(ownerFile, 'utf8').catch(() => '')
  const text = await readOwner()
  let owner: { pid?: unknown; host?: unknown }
  try {
    owner = JSON.parse(text) as typeof owner
  } catch {
    return false
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number' || owner.pid === process.pid || isAlive(owner.pid)) return false
  const seen = await stat(lockDir).catch(() => null)
  if (!seen || (await readOwner()) !== text) return false
  const again = await stat(lockDir).catch(() => null)
  if (!again || again.mtimeMs !== seen.mtimeMs) return false
  await rm(lockDir, { recursive: true, force: true })
  await rm(ownerFile, { force: true })
  return true
}

async function acquireLock(file: string, waitMs: number): Promise<() => Promise<void>> {
  const options = { realpath: false, lockfilePath: `${file}.lock`, stale: 30_000, update: 5_000 }
  const ownerFile = `${file}.lock.owner`
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      const release = await lockfile.lock(file, { ...options, onCompromised: () => {} })
      await writeFile(ownerFile, JSON.stringify({ pid: process.pid, host: hostname() })).catch(() => {})
      return async () => {
        await rm(ownerFile, { force: true }).catch(() => {})
        await release()
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new RoundupError('STORE_IO', `cannot lock ${file}: ${(error as Error).message}`, { file }, { cause: error })
      }
      if (await clearDeadLock(file).catch(() => false)) continue
      if (Date.now() >= deadline) {
        throw new RoundupError('STORE_LOCKED', `${file} is in use by another roundup run; try again later, or pass --wait`, { file, retryable: true })
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(10, deadline - Date.now()))))
    }
  }
}

/** Open (or create on first write) the lowdb JSON store at `file`. */
export async function openJsonStore(file: string, options: JsonStoreOptions = {}): Promise<Store> {
  const { lock = true, waitMs = 0, flushIntervalMs = 2000, flushEvery = 50, readOnly = false, maxResidentPosts = 500, maxResidentBytes = 2 ** 20 } = options
  const existed = await stat(file).then((s) => s.isFile(), () => false)
  if (!readOnly) await mkdir(dirname(file), { recursive: true }).catch((error: unknown) => {
    throw new RoundupError('STORE_IO', `cannot create the folder for ${file}: ${(error as Error).message}`, { file }, { cause: error })
  })
  const release = readOnly || !lock ? null : await acquireLock(file, waitMs)
  const adapter = new CheckedJsonFile(file)
  const db = new Low<StoreData>(adapter, emptyStore())
  try {
    await db.read()
  } catch (error) {
    await release?.()
    if (error instanceof RoundupError) throw error
    throw new RoundupError('STORE_IO', `cannot read ${file}: ${(error as Error).message}`, { file }, { cause: error })
  }
  // Only the lock's holder may: without it, the files could be another run's.
  if (release) removeStaleSpillFiles(spillBaseFor(file))
  try {
    return new JsonStore(file, db, { existed, readOnly, flushIntervalMs, flushEvery, residency: { posts: maxResidentPosts, bytes: maxResidentBytes }, release, loaded: adapter.loaded })
  } catch (error) {
    await adapter.loaded?.handle.close().catch(() => {})
    await release?.()
    throw error
  }
}

/**
 * Batching that keeps a long crawl's writes linear: every flush rewrites the whole file, so
 * flushing every 50 changes writes O(N²) bytes over N posts. A flush waits until the store
 * has grown by a quarter since the last write (so the file grows geometrically between
 * rewrites and all of them add up to about 5× its final size), or until as many posts
 * changed as it holds, or for the timer. The timer's interval grows with the file: at least
 * 20× the last write's duration and one second per 4 MB written, so a slow refresh still
 * reaches the disk but a big store is not rewritten every few seconds.
 */
const GROWTH = 0.25
const WRITE_DUTY = 20
const TIMER_BYTES_PER_MS = 4 * 1024

class JsonStore implements Store {
  #pending = 0
  /** Changes other than posts (events, feeds, sites) since the last write began. */
  #others = 0
  #timer: NodeJS.Timeout | null = null
  #running: Promise<void> | null = null
  #queued: Promise<void> | null = null
  #lastWriteMs = 0
  #lastWriteBytes = 0
  /** Posts in the store when the last write began. */
  #sizeAtWrite = 0
  #backedUp = false
  #closed = false
  /** close() has flushed (or failed to) and is closing the files. */
  #finished = false
  readonly #posts: PostTable

  constructor(
    readonly location: string,
    private readonly db: Low<StoreData>,
    private readonly opts: { existed: boolean; readOnly: boolean; flushIntervalMs: number; flushEvery: number; residency: Residency; release: (() => Promise<void>) | null; loaded: CheckedJsonFile['loaded'] },
  ) {
    this.#posts = new PostTable(db.data.posts, opts.residency, opts.readOnly ? null : spillBaseFor(location))
    if (opts.loaded) this.#posts.adopt(opts.loaded.posts, opts.loaded.handle)
    this.#sizeAtWrite = this.#posts.size
    db.data.posts = {}
  }

  getPost(url: string): StoredPost | undefined {
    this.#refuseClosed()
    return this.#posts.get(url)
  }
  putPost(post: StoredPost): void {
    this.#refuseClosed()
    this.#posts.set(post)
    this.#changed()
  }
  patchPost(url: string, patch: (post: StoredPost) => StoredPost): boolean {
    this.#refuseClosed()
    if (!this.#posts.patch(url, patch)) return false
    this.#changed()
    return true
  }
  listPosts(): StoredPost[] {
    this.#refuseClosed()
    return this.#posts.values()
  }
  getEvent(id: string): StoredEvent | undefined {
    return this.db.data.events[id]
  }
  putEvent(event: StoredEvent): void {
    this.db.data.events[event.id] = event
    this.#others++
    this.#changed()
  }
  deleteEvent(id: string): void {
    delete this.db.data.events[id]
    this.#others++
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
    this.#others++
    this.#changed()
  }
  getSite(url: string): StoredSite | undefined {
    return this.db.data.sites[url]
  }
  putSite(site: StoredSite): void {
    this.db.data.sites[site.url] = site
    this.#others++
    this.#changed()
  }
  getRobots(url: string): StoredRobots | undefined {
    return this.db.data.robots?.[url]
  }
  putRobots(robots: StoredRobots): void {
    ;(this.db.data.robots ??= {})[robots.url] = robots
    this.#others++
    this.#changed()
  }
  snapshot(): StoreData {
    return { ...this.db.data, posts: this.#posts.view((url) => this.getPost(url)) }
  }

  /** Posts not in memory are read from files that close() closed. */
  #refuseClosed(): void {
    if (this.#closed && this.#finished) throw new RoundupError('STORE_IO', `${this.location} is closed; open it again to read or change posts`, { file: this.location })
  }

  #changed(): void {
    if (this.opts.readOnly) throw new RoundupError('STORE_IO', `${this.location} was opened read-only`)
    this.#pending++
    this.#schedule()
  }

  /** Decide when the pending changes go out; while a write runs, decided again when it ends. */
  #schedule(): void {
    if (this.#running || this.#closed || this.#pending === 0) return
    const { flushEvery } = this.opts
    const grown = this.#posts.size - this.#sizeAtWrite + this.#others >= Math.max(flushEvery, Math.ceil(GROWTH * this.#sizeAtWrite))
    // Distinct posts, not puts: a post that gathers five claims is still one post to write.
    const churned = this.#posts.changed >= Math.max(flushEvery, this.#posts.size)
    if (grown || churned) void this.flush().catch(() => {})
    else if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = null
        if (this.#running) this.#schedule()
        else void this.flush().catch(() => {})
      }, Math.max(this.opts.flushIntervalMs, WRITE_DUTY * this.#lastWriteMs, this.#lastWriteBytes / TIMER_BYTES_PER_MS))
      this.#timer.unref()
    }
  }

  /** One write at a time; changes made meanwhile share the next write, which takes all of them. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (this.opts.readOnly) return Promise.resolve()
    if (this.#running) {
      if (this.#pending === 0) return this.#running
      return (this.#queued ??= this.#running.catch(() => {}).then(() => {
        this.#queued = null
        return this.flush()
      }))
    }
    if (this.#pending === 0) return Promise.resolve()
    const changes = this.#pending
    this.#pending = 0
    this.#others = 0
    const running = this.#write().catch((error: unknown) => {
      // Not written: count the changes again, so the next flush (or close) retries them.
      this.#pending += changes
      throw new RoundupError('STORE_IO', `cannot write ${this.location}: ${(error as Error).message}`, { file: this.location }, { cause: error })
    })
    this.#running = running
    void running.catch(() => {}).finally(() => {
      if (this.#running !== running) return
      this.#running = null
      if (!this.#queued) this.#schedule()
    })
    return running
  }

  async #write(): Promise<void> {
    const started = performance.now()
    if (!this.#backedUp && this.opts.existed) {
      // Keep the last good file before the first rewrite of this run, for recovery.
      await copyFile(this.location, `${this.location}.bak`).catch(() => {})
      this.#backedUp = true
    }
    // Everything but the posts is small: serialise it now, with the posts in memory, so the
    // file shows one moment; unchanged posts are then copied from the previous file.
    const rest = JSON.stringify({ ...this.db.data, posts: undefined })
    const posts = this.#posts.prepare()
    this.#sizeAtWrite = this.#posts.size
    const { handle, bytes } = await writeStoreFile(this.location, async (sink) => {
      await sink.write(rest.length > 2 ? `${rest.slice(0, -1)},` : '{')
      await this.#posts.write(posts, sink)
      await sink.write('}')
    })
    await this.#posts.commit(posts, handle)
    this.#lastWriteMs = performance.now() - started
    this.#lastWriteBytes = bytes
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    try {
      await this.flush()
    } finally {
      this.#finished = true
      await this.#posts.close()
      await this.opts.release?.().catch(() => {})
    }
  }
}

/** Read a store file without opening it for writing (used by tests and tools). */
export async function readStoreFile(file: string): Promise<StoreData> {
  return parseStoreText(await readFile(file, 'utf8'), file)
}
