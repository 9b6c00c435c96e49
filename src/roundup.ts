import { crawl, type CrawlReport } from './crawl/crawl.js'
import { buildDigest, renderDigest, type DigestFormat, type RenderOptions } from './digest/index.js'
import { extractPage } from './extract/index.js'
import { createFetcher } from './fetch/index.js'
import type { Fetcher } from './fetch/types.js'
import type { Frontier } from './frontier/frontier.js'
import { resolveOptions, type ResolvedOptions, type RoundupOptions } from './options.js'
import { openJsonStore } from './store/json-store.js'
import type { Store } from './store/store.js'
import type { Dispatcher } from 'undici'

/** Test and deployment seams: swap the store, the frontier or the HTTP dispatcher. */
export interface RoundupSeams {
  /** Open the store; defaults to the lowdb JSON file at `dataFile`. */
  openStore?: (mode: { readOnly: boolean; waitMs: number }) => Promise<Store>
  createFrontier?: () => Frontier
  dispatcher?: Dispatcher
}

export interface CrawlCallOptions {
  eventTitle?: string
  depth?: number
  maxPages?: number
  /** Snowball: follow body links to on-topic posts too. @default false */
  followBody?: boolean
  /** Wait this long for another run's lock on the store. @default 0 */
  waitMs?: number
  onProgress?: (progress: { done: number; queued: number; url: string; outcome: string }) => void
}

export interface EventSummary {
  id: string
  title: string
  posts: number
  stored: number
  unavailable: number
  from: string | null
  to: string | null
  seeds: string[]
  updatedAt: string
}

export interface Roundup {
  readonly options: ResolvedOptions
  crawl(seeds: string[], options?: CrawlCallOptions): Promise<CrawlReport>
  digest(options: { eventId?: string; format: DigestFormat } & RenderOptions): Promise<string>
  events(): Promise<EventSummary[]>
}

/** Wire the stages together: the only place that knows them all. */
export function createRoundup(options: RoundupOptions = {}, seams: RoundupSeams = {}): Roundup {
  const o = resolveOptions(options)
  const openStore = seams.openStore ?? ((mode) => openJsonStore(o.dataFile, { readOnly: mode.readOnly, lock: !mode.readOnly, waitMs: mode.waitMs }))

  const makeFetcher = (): Fetcher =>
    createFetcher({
      userAgent: o.userAgent, concurrency: o.concurrency, perHost: o.perHost, delayMs: o.delayMs,
      connectTimeoutMs: o.connectTimeoutMs, headersTimeoutMs: o.headersTimeoutMs, totalTimeoutMs: o.totalTimeoutMs,
      maxBodyBytes: o.maxBodyBytes, maxRedirects: o.maxRedirects, maxRetries: o.maxRetries, retryBaseMs: o.retryBaseMs,
      maxRetryAfterMs: o.maxRetryAfterMs, allowPrivate: o.allowPrivate, respectRobots: o.respectRobots,
      proxy: o.proxy, noProxy: o.noProxy, logger: o.logger,
      ...(seams.dispatcher ? { dispatcher: seams.dispatcher } : {}),
    })

  return {
    options: o,
    async crawl(seeds, call = {}) {
      const store = await openStore({ readOnly: false, waitMs: call.waitMs ?? 0 })
      const fetcher = makeFetcher()
      try {
        return await crawl(
          { seeds, eventTitle: call.eventTitle, depth: call.depth ?? o.depth, maxPages: call.maxPages ?? o.maxPages, followBody: call.followBody === true },
          { fetcher, store, extract: extractPage, logger: o.logger, onProgress: call.onProgress, ...(seams.createFrontier ? { frontier: seams.createFrontier() } : {}) },
        )
      } finally {
        await fetcher.close()
        await store.close()
      }
    },
    async digest({ eventId, format, ...render }) {
      const store = await openStore({ readOnly: true, waitMs: 0 })
      try {
        return renderDigest(buildDigest(store.snapshot(), eventId === undefined ? {} : { eventId }), format, render)
      } finally {
        await store.close()
      }
    },
    async events() {
      const store = await openStore({ readOnly: true, waitMs: 0 })
      try {
        return buildDigest(store.snapshot()).events.map((event) => ({
          id: event.id,
          title: event.title,
          posts: event.posts.length,
          stored: event.posts.filter((p) => p.status === 'ok').length,
          unavailable: event.posts.filter((p) => p.status !== 'ok').length,
          from: event.dateRange.from,
          to: event.dateRange.to,
          seeds: event.seeds,
          updatedAt: event.updatedAt,
        }))
      } finally {
        await store.close()
      }
    },
  }
}
