import { Worker } from 'node:worker_threads'
import { RoundupError, type ErrorCode } from '../errors.js'
import type { ExtractedPage, ExtractOptions } from '../extract/types.js'
import type { ExtractReply, ExtractTask } from './extract-worker.js'

export type Extractor = (html: string, url: string, options?: ExtractOptions) => ExtractedPage

/**
 * An extractor whose result holds copies, not V8 slices of the page: a title sliced from the
 * HTML keeps the whole page alive for as long as the post stays in memory. A worker's reply
 * is a copy already; this gives in-thread extraction the same footprint.
 */
export function detachedExtractor(extract: Extractor): Extractor {
  return (html, url, options) => structuredClone(extract(html, url, options))
}

export interface ExtractPoolOptions {
  /** Worker threads; 0 keeps every extraction on the calling thread. */
  workers: number
  /** The in-thread extractor: used for the first pages, and when no worker can run. */
  extract: Extractor
  /** Pages extracted in-thread before workers start, so small crawls never pay their start-up. @default 16 */
  inlineFirst?: number
  /**
   * Old-generation heap cap per worker. Left alone, V8 lets each worker's heap drift to
   * 150 MB+ of garbage over a long crawl; a page that needs more than the cap is extracted
   * again in-thread, where it would have been without workers. @default 160
   */
  maxHeapMb?: number
}

export interface ExtractPool {
  extract(html: string, url: string, options?: ExtractOptions): Promise<ExtractedPage>
  /** Start the workers now rather than after `inlineFirst` pages; resolves with how many came up. */
  start(): Promise<number>
  /**
   * The caller now knows of `pages` pages to extract in all. Past `inlineFirst`, the workers
   * start loading at once, while the first pages are still extracted here, so that they are
   * up when those run out: otherwise no page is extracted for the ~0.5 s they take to load,
   * and a crawl finds no new pages meanwhile.
   */
  expect(pages: number): void
  /** `workers`: started and not failed, whether loading or up. */
  stats(): { inline: number; inWorkers: number; workerFailures: number; workers: number }
  close(): Promise<void>
}

interface Slot {
  worker: Worker
  ready: boolean
  inFlight: Map<number, Pending>
  /** Settles once the worker is ready or gone. */
  up: Promise<boolean>
}

interface Pending {
  task: ExtractTask
  resolve: (page: ExtractedPage) => void
  reject: (error: unknown) => void
}

/** Two tasks per worker: the next page is already waiting when one finishes. */
const PER_WORKER = 2
const MAX_RESTARTS = 3

function startWorker(maxHeapMb: number): Worker {
  // A small young generation: the default lets each worker's heap swell by ~30 MB of short-lived DOM.
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 8 }
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./extract-worker.js', import.meta.url), { resourceLimits })
  // Running the sources under tsx (tests, npm run roundup): Node 20 does not carry tsx's
  // loader into worker threads, so the worker registers it before loading the .ts file.
  const entry = new URL('./extract-worker.ts', import.meta.url).href
  const tsx = import.meta.resolve('tsx/esm/api')
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`, { eval: true, resourceLimits })
}

/**
 * Extraction is the crawl's main CPU cost (a parse plus every field's rules), and one thread
 * is one core. The pool moves it to worker threads once a crawl is big enough to gain from
 * it, keeping the main thread free for the network, politeness timers and the store.
 */
export function createExtractPool(options: ExtractPoolOptions): ExtractPool {
  const inlineFirst = options.inlineFirst ?? 16
  const slots: Slot[] = []
  const queue: Pending[] = []
  let started = false
  /** Pages below `inlineFirst` may run here: until a page or start() asks for the workers, or one is up. */
  let inlineOpen = true
  /** A caller awaits start(). */
  let awaited = false
  let closed = false
  let restarts = 0
  let nextId = 1
  let inline = 0
  let inWorkers = 0
  let workerFailures = 0

  const runInline = (html: string, url: string, extractOptions?: ExtractOptions): Promise<ExtractedPage> => {
    inline++
    try {
      return Promise.resolve(options.extract(html, url, extractOptions))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  const toError = (reply: Extract<ExtractReply, { error: unknown }>['error']): RoundupError =>
    new RoundupError((reply.code ?? 'EXTRACT_FAILED') as ErrorCode, reply.message, reply.url ? { url: reply.url } : {})

  const refresh = (slot: Slot) => {
    // Idle workers must not keep the process alive; busy ones, and loading ones that pages or start() wait for, must.
    if (slot.inFlight.size || (!slot.ready && (queue.length || awaited))) slot.worker.ref()
    else slot.worker.unref()
  }

  const pump = () => {
    while (queue.length) {
      const live = slots.filter((s) => s.ready)
      if (!live.length) break
      const slot = live.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a))
      if (slot.inFlight.size >= PER_WORKER) break
      const pending = queue.shift()!
      slot.inFlight.set(pending.task.id, pending)
      slot.worker.postMessage(pending.task)
      refresh(slot)
    }
    // No worker left at all: finish the queue in-thread rather than strand it.
    if (queue.length && !slots.length) {
      for (const pending of queue.splice(0)) runInline(pending.task.html, pending.task.url, optionsOf(pending.task)).then(pending.resolve, pending.reject)
    }
  }

  const spawn = () => {
    let worker: Worker
    try {
      worker = startWorker(options.maxHeapMb ?? 160)
    } catch {
      // No thread to be had (ERR_WORKER_INIT_FAILED at a thread limit): pages stay in this one.
      workerFailures++
      return
    }
    let settle: (up: boolean) => void = () => {}
    const slot: Slot = { worker, ready: false, inFlight: new Map(), up: new Promise((resolve) => (settle = resolve)) }
    slots.push(slot)
    worker.on('message', (message: ExtractReply | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true
        inlineOpen = false
        settle(true)
        pump()
        return refresh(slot)
      }
      const pending = slot.inFlight.get(message.id)
      if (!pending) return
      slot.inFlight.delete(message.id)
      inWorkers++
      if ('page' in message) pending.resolve(message.page)
      else pending.reject(toError(message.error))
      refresh(slot)
      pump()
    })
    const fail = () => {
      settle(false)
      const at = slots.indexOf(slot)
      if (at === -1) return
      slots.splice(at, 1)
      if (closed) return
      workerFailures++
      // Most likely one of these pages outgrew the worker's heap: extract them in-thread, once.
      for (const pending of slot.inFlight.values()) runInline(pending.task.html, pending.task.url, optionsOf(pending.task)).then(pending.resolve, pending.reject)
      slot.inFlight.clear()
      if (restarts++ < MAX_RESTARTS) spawn()
      pump()
    }
    worker.on('error', () => fail())
    worker.on('exit', () => fail())
    // After the listeners: adding a 'message' listener refs the worker again, and a worker
    // started ahead of need must not keep the process alive while it loads.
    refresh(slot)
  }

  const startAll = () => {
    if (started || closed) return
    started = true
    for (let i = 0; i < options.workers; i++) spawn()
  }

  return {
    extract(html, url, extractOptions) {
      if (closed || options.workers <= 0 || (inline < inlineFirst && inlineOpen)) return runInline(html, url, extractOptions)
      inlineOpen = false
      startAll()
      // Pages wait for the workers to load rather than run here: every page this thread
      // extracts also makes V8 compile the extractor here, a third time, and grows this
      // heap (about 0.8 CPU s on the main thread per 2,000 pages). If no worker comes
      // up, pump() finishes the queue in-thread.
      return new Promise<ExtractedPage>((resolve, reject) => {
        const task: ExtractTask = { id: nextId++, html, url, fetchedAt: extractOptions?.fetchedAt?.getTime() ?? null, maxTextLength: extractOptions?.maxTextLength ?? null }
        queue.push({ task, resolve, reject })
        pump()
        for (const slot of slots) if (!slot.ready) refresh(slot)
      })
    },
    async start() {
      if (options.workers <= 0) return 0
      inlineOpen = false
      awaited = true
      startAll()
      for (const slot of slots) refresh(slot)
      return (await Promise.all(slots.map((slot) => slot.up))).filter(Boolean).length
    },
    expect(pages) {
      if (pages > inlineFirst && options.workers > 0) startAll()
    },
    stats: () => ({ inline, inWorkers, workerFailures, workers: slots.length }),
    async close() {
      if (closed) return
      closed = true
      const aborted = new RoundupError('EXTRACT_FAILED', 'the extraction pool is closed')
      for (const pending of queue.splice(0)) pending.reject(aborted)
      await Promise.all(slots.splice(0).map((slot) => {
        for (const pending of slot.inFlight.values()) pending.reject(aborted)
        return slot.worker.terminate()
      }))
    },
  }
}

function optionsOf(task: ExtractTask): ExtractOptions {
  return {
    ...(task.fetchedAt !== null ? { fetchedAt: new Date(task.fetchedAt) } : {}),
    ...(task.maxTextLength !== null ? { maxTextLength: task.maxTextLength } : {}),
  }
}
