import { read, readSync } from 'node:fs'
import { promisify } from 'node:util'
import type { StoredPost } from './schema.js'
import { SpillFile, type ByteSource } from './spill-file.js'
import type { IndexedPost } from './store-file-index.js'

const readAt = promisify(read)

/** Where one `"url":{…}` pair sits in a file, in bytes. */
interface Position {
  at: number
  /** Bytes of `"url":` before the value. */
  keyBytes: number
  /** Bytes of the whole pair. */
  bytes: number
}

/** A pair in the store file this process last wrote, or in a spill file. */
interface Span extends Position {
  file: ByteSource
}

/** A change to apply to a post when it is next read or written. */
export type PostPatch = (post: StoredPost) => StoredPost

interface Slot {
  /** The post as an object, when in memory (without `patches`). */
  post: StoredPost | null
  /**
   * The post as UTF-8 JSON, from its last put until a write has it on disk, when there is no
   * spill file to hold it. A Buffer, not a string: outside V8's heap it neither inflates the
   * heap's growth targets nor costs the collector a scan.
   */
  json: Buffer | null
  /** Its bytes in the last written file or, once put again, in a spill file; stale while `json` is set. */
  span: Span | null
  /** Changes not applied yet, in order: a claim costs a closure, not a 20 KB copy of the post. */
  patches: PostPatch[] | null
  /** Put or patched since the last write that has it. */
  dirty: boolean
  /** Bumped on every put: a write settles a slot only if no put came after it looked. */
  puts: number
  /** Last use, for keeping the most recently used posts in memory. */
  used: number
  /** Bytes of JSON counted against the resident budget while `post` is held; 0 until known. */
  weight: number
}

/** How many written posts stay in memory as objects: the most recently used, up to both caps. */
export interface Residency {
  posts: number
  /** Serialised bytes: posts vary from 1 KB to 60 KB+, and a count alone let 500 big ones hold ~25 MB of heap. */
  bytes: number
}

/** Receives the bytes of a store file in order. */
export interface ByteSink {
  /** Bytes written so far. */
  readonly position: number
  /** A Buffer is written through before this resolves, so the caller may reuse it then. */
  write(chunk: string | Buffer): Promise<void>
}

/** What one write of the posts saw, taken at a single moment. */
export interface PreparedPosts {
  /** `span` alone: copy the bytes. Otherwise the base (`json`, `post` or `base` span) plus `patches` is serialised. */
  pieces: Array<{ url: string; slot: Slot; puts: number; json: Buffer | null; post: StoredPost | null; span: Span | null; base: Span | null; patches: PostPatch[] | null }>
  /** Where each pair lands in the new file. */
  spans: Array<Position | null>
  /** Spill files whose posts this write takes in: closed once it commits. */
  retire: SpillFile[]
}

const COPY_CHUNK = 1 << 20
/** Spill files a run of failed writes may leave open before puts go to memory instead. */
const MAX_RETIRED = 4

/**
 * The posts of a JSON store, without keeping them all in memory as objects. A post is
 * serialised once, when it is put; once a write has put it in the file, its bytes there
 * stand in for it, and only the `maxResident` most recently used posts stay as objects.
 * A 10,000-post crawl then holds a few MB of offsets instead of ~200 MB of objects, a
 * rewrite copies unchanged posts byte for byte, and no write stops the crawl to serialise
 * thousands of posts at once.
 *
 * `get` may return a fresh object for a post that is not in memory, and a post changed
 * after `set` without another `set` is not written: the Store contract is to copy a post,
 * change the copy and put it.
 */
export class PostTable {
  readonly #slots = new Map<string, Slot>()
  #backing: ByteSource & { close(): Promise<void> } | null = null
  /** Where puts go until the next write starts; a new one after that, so each write can retire the old. */
  #spill: SpillFile | null = null
  #retired: SpillFile[] = []
  /** No spilling until the next write commits: a spill file failed, or failed writes left too many open. */
  #spillPaused = false
  #closed = false
  #tick = 0
  #resident = 0
  #residentBytes = 0
  #changed = 0

  readonly #limit: Residency

  /** `spillBase` names the spill files (suffixed per file); null keeps pending posts in memory. */
  constructor(
    posts: Record<string, StoredPost>,
    residency: Partial<Residency>,
    private readonly spillBase: string | null = null,
  ) {
    this.#limit = { posts: residency.posts ?? Infinity, bytes: residency.bytes ?? Infinity }
    // Loaded posts are objects with no bytes of ours yet (weight 0): the first write serialises them.
    for (const [url, post] of Object.entries(posts)) this.#slots.set(url, { post, json: null, span: null, patches: null, dirty: false, puts: 0, used: 0, weight: 0 })
    this.#resident = this.#slots.size
  }

  /**
   * Take the posts of a store file read by index: their bytes there stand for them, as after
   * a write, and `backing` (open on that file) is closed once a write replaces it.
   */
  adopt(posts: readonly IndexedPost[], backing: ByteSource & { close(): Promise<void> }): void {
    for (const { url, at, keyBytes, bytes } of posts) {
      const known = this.#slots.get(url)
      if (known?.post) this.#drop(known)
      this.#slots.set(url, { post: null, json: null, span: { file: backing, at, keyBytes, bytes }, patches: null, dirty: false, puts: 0, used: 0, weight: 0 })
    }
    this.#backing = backing
  }

  get size(): number {
    return this.#slots.size
  }

  /** Posts put since the last write that has them. */
  get changed(): number {
    return this.#changed
  }

  get(url: string): StoredPost | undefined {
    this.#refuseClosed()
    const slot = this.#slots.get(url)
    if (!slot) return undefined
    slot.used = ++this.#tick
    if (slot.patches) {
      // Reading settles the patches: from here the patched post is what was put.
      const patched = slot.patches.reduce((post, patch) => patch(post), this.#base(slot))
      this.set(patched)
      return patched
    }
    if (slot.post) return slot.post
    const post = this.#base(slot)
    const weight = slot.json ? slot.json.length : slot.span!.bytes
    if (this.#resident < this.#limit.posts && this.#residentBytes + weight <= this.#limit.bytes) this.#hold(slot, post, weight)
    return post
  }

  /** Queue a change for `url`; false when there is no such post. */
  patch(url: string, patch: PostPatch): boolean {
    this.#refuseClosed()
    const slot = this.#slots.get(url)
    if (!slot) return false
    ;(slot.patches ??= []).push(patch)
    this.#dirty(slot)
    return true
  }

  #base(slot: Slot): StoredPost {
    return slot.post ?? (JSON.parse(slot.json ? slot.json.toString('utf8') : readPair(slot.span!)) as StoredPost)
  }

  #dirty(slot: Slot): void {
    if (slot.dirty) return
    slot.dirty = true
    this.#changed++
  }

  set(post: StoredPost): void {
    this.#refuseClosed()
    let slot = this.#slots.get(post.url)
    if (!slot) {
      slot = { post: null, json: null, span: null, patches: null, dirty: false, puts: 0, used: 0, weight: 0 }
      this.#slots.set(post.url, slot)
    }
    this.#dirty(slot)
    const key = `${JSON.stringify(post.url)}:`
    const json = JSON.stringify(post)
    this.#hold(slot, post, json.length)
    const spilled = this.#spillPair(key, json)
    slot.span = spilled
    slot.json = spilled ? null : Buffer.from(json, 'utf8')
    slot.patches = null
    slot.puts++
    slot.used = ++this.#tick
    // Evict in batches, so the sort is paid once per quarter of the budget.
    if (this.#resident > this.#limit.posts * 1.25 + 16 || this.#residentBytes > this.#limit.bytes * 1.25) this.#evict()
  }

  values(): StoredPost[] {
    return [...this.#slots.keys()].map((url) => this.get(url)!)
  }

  /**
   * Every post by URL, each read only when asked for (and again on each access, unless it is
   * resident): a digest of one event in a 10,000-post store reads its own posts, not all of
   * them. A property set on it replaces the post in this object only, as in a plain record.
   */
  view(read: (url: string) => StoredPost | undefined): Record<string, StoredPost> {
    const record: Record<string, StoredPost> = {}
    for (const url of this.#slots.keys()) {
      Object.defineProperty(record, url, {
        enumerable: true,
        configurable: true,
        get: () => read(url),
        set: (value: StoredPost) => Object.defineProperty(record, url, { value, writable: true, enumerable: true, configurable: true }),
      })
    }
    return record
  }

  /** Take the posts as they are now: JSON strings and spans are fixed, loaded objects are not changed in place. */
  prepare(): PreparedPosts {
    const pieces: PreparedPosts['pieces'] = []
    for (const [url, slot] of this.#slots) {
      const piece = { url, slot, puts: slot.puts, json: slot.json, post: null as StoredPost | null, span: null as Span | null, base: null as Span | null, patches: slot.patches && [...slot.patches] }
      if (slot.json === null) {
        if (slot.span === null) piece.post = slot.post
        else if (piece.patches) piece.base = slot.span
        else piece.span = slot.span
      }
      pieces.push(piece)
    }
    // Puts from now on go to a new spill file; this write takes in everything in the old ones.
    if (this.#spill) this.#retired.push(this.#spill)
    this.#spill = null
    // Writes that keep failing would otherwise keep one more file open each time.
    if (this.#retired.length >= MAX_RETIRED) this.#spillPaused = true
    return { pieces, spans: [], retire: [...this.#retired] }
  }

  /** Write `"posts":{…}` to `sink`, recording where each pair lands. */
  async write(prepared: PreparedPosts, sink: ByteSink): Promise<void> {
    const { pieces } = prepared
    await sink.write('"posts":{')
    for (let i = 0; i < pieces.length; ) {
      if (i > 0) await sink.write(',')
      const piece = pieces[i]!
      if (piece.span === null) {
        const key = `${JSON.stringify(piece.url)}:`
        const at = sink.position
        await sink.write(key)
        if (!piece.patches) await sink.write(piece.json ?? JSON.stringify(piece.post))
        else {
          const base = piece.json ? piece.json.toString('utf8') : piece.base ? await readPairAsync(piece.base) : null
          const post = piece.patches.reduce((p, patch) => patch(p), base === null ? piece.post! : (JSON.parse(base) as StoredPost))
          await sink.write(JSON.stringify(post))
        }
        prepared.spans[i] = { at, keyBytes: Buffer.byteLength(key), bytes: sink.position - at }
        i++
        continue
      }
      // A run of pairs that lie back to back in one file (pairs are comma-separated in the old
      // store file and in spill files alike) is copied in one go.
      const first = piece.span
      let end = i + 1
      for (let span = pieces[end]?.span; span && span.file === first.file && span.at === pieces[end - 1]!.span!.at + pieces[end - 1]!.span!.bytes + 1; span = pieces[end]?.span) end++
      const last = pieces[end - 1]!.span!
      const shift = sink.position - first.at
      await copyRange(first.file, first.at, last.at + last.bytes, sink)
      for (let j = i; j < end; j++) {
        const old = pieces[j]!.span!
        prepared.spans[j] = { at: old.at + shift, keyBytes: old.keyBytes, bytes: old.bytes }
      }
      i = end
    }
    await sink.write('}')
  }

  /** The file is in place: point the slots at it, drop their JSON and let the least used posts leave memory. */
  async commit(prepared: PreparedPosts, backing: ByteSource & { close(): Promise<void> }): Promise<void> {
    prepared.pieces.forEach((piece, i) => {
      const { slot } = piece
      // A put since the write looked holds a newer whole post: it waits for the next write.
      if (slot.puts !== piece.puts || this.#slots.get(piece.url) !== slot) return
      const position = prepared.spans[i]
      slot.span = position ? { file: backing, ...position } : null
      slot.json = null
      const written = piece.patches?.length ?? 0
      // The resident object predates the patches now in the file.
      if (written) this.#drop(slot)
      // A loaded post's size is known once it is written.
      else if (slot.post && position) this.#hold(slot, slot.post, position.bytes)
      // Patches that came during the write apply on top of what was written.
      slot.patches = slot.patches && slot.patches.length > written ? slot.patches.slice(written) : null
      if (!slot.patches && slot.dirty) {
        slot.dirty = false
        this.#changed--
      }
    })
    const previous = this.#backing
    this.#backing = backing
    if (previous && previous !== backing) await previous.close().catch(() => {})
    for (const spill of prepared.retire) spill.close()
    this.#retired = this.#retired.filter((spill) => !prepared.retire.includes(spill))
    this.#spillPaused = false
    this.#evict()
  }

  /** Closes the files: the table is unusable afterwards (its spans would read closed descriptors). */
  async close(): Promise<void> {
    this.#closed = true
    await this.#backing?.close().catch(() => {})
    this.#backing = null
    for (const spill of [...this.#retired, ...(this.#spill ? [this.#spill] : [])]) spill.close()
    this.#retired = []
    this.#spill = null
  }

  #refuseClosed(): void {
    if (this.#closed) throw new Error('the store is closed')
  }

  /** Append `"url":{…},` to the current spill file; null when there is none to hold it. */
  #spillPair(key: string, json: string): Span | null {
    if (this.spillBase === null || this.#spillPaused) return null
    this.#spill ??= SpillFile.open(this.spillBase)
    const spill = this.#spill
    if (!spill) {
      // Out of descriptors or space, perhaps for a moment: try again after the next write.
      this.#spillPaused = true
      return null
    }
    const written = spill.append(`${key}${json},`)
    if (written === null) {
      // The disk refused (full?): what the file holds is still good, but new posts stay in memory.
      this.#retired.push(spill)
      this.#spill = null
      this.#spillPaused = true
      return null
    }
    return { file: spill, at: written.at, keyBytes: Buffer.byteLength(key), bytes: written.bytes - 1 }
  }

  /** Keep `post` as the slot's object, counted at `weight` bytes. */
  #hold(slot: Slot, post: StoredPost, weight: number): void {
    if (slot.post) this.#residentBytes -= slot.weight
    else this.#resident++
    slot.post = post
    slot.weight = weight
    this.#residentBytes += weight
  }

  #drop(slot: Slot): void {
    if (!slot.post) return
    slot.post = null
    this.#resident--
    this.#residentBytes -= slot.weight
    slot.weight = 0
  }

  #over(): boolean {
    return this.#resident > this.#limit.posts || this.#residentBytes > this.#limit.bytes
  }

  #evict(): void {
    if (!this.#over()) return
    const droppable: Slot[] = []
    for (const slot of this.#slots.values()) if (slot.post && (slot.json !== null || slot.span !== null)) droppable.push(slot)
    droppable.sort((a, b) => a.used - b.used)
    for (const slot of droppable) {
      if (!this.#over()) break
      this.#drop(slot)
    }
  }
}

/** The value of a pair, read at once: a get() of a post that is not in memory. */
function readPair(span: Span): string {
  const length = span.bytes - span.keyBytes
  const buffer = Buffer.allocUnsafe(length)
  let done = 0
  while (done < length) {
    const n = readSync(span.file.fd, buffer, done, length - done, span.at + span.keyBytes + done)
    if (n === 0) break
    done += n
  }
  return buffer.toString('utf8', 0, done)
}

async function readPairAsync(span: Span): Promise<string> {
  const buffer = Buffer.allocUnsafe(span.bytes - span.keyBytes)
  let done = 0
  while (done < buffer.length) {
    const { bytesRead } = await readAt(span.file.fd, buffer, done, buffer.length - done, span.at + span.keyBytes + done)
    if (bytesRead === 0) break
    done += bytesRead
  }
  return buffer.toString('utf8', 0, done)
}

/** One buffer for every copy: the sink writes it through before the next read. */
async function copyRange(from: ByteSource, start: number, end: number, sink: ByteSink): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.min(COPY_CHUNK, end - start))
  for (let at = start; at < end; ) {
    const { bytesRead } = await readAt(from.fd, buffer, 0, Math.min(buffer.length, end - at), at)
    if (bytesRead === 0) throw new Error(`a store or spill file ended at byte ${at}, before ${end}`)
    await sink.write(buffer.subarray(0, bytesRead))
    at += bytesRead
  }
}
