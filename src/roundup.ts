import { checkArchives, type ArchiveReport } from './archive/index.js'
import { crawl, type CrawlReport } from './crawl/crawl.js'
import { createExtractPool, detachedExtractor } from './crawl/extract-pool.js'
import { RoundupError } from './errors.js'
import { renderSite, writeSite } from './site/index.js'
import { buildDigest, renderDigest, type DigestFormat, type RenderOptions } from './digest/index.js'
import { extractPage } from './extract/index.js'
import { refresh, type RefreshReport } from './refresh/index.js'
import { createFetcher } from './fetch/index.js'
import type { Fetcher } from './fetch/types.js'
import type { Frontier } from './frontier/frontier.js'
import { resolveOptions, type ResolvedOptions, type RoundupOptions } from './options.js'
import { existsSync } from 'node:fs'
import { mergeEvents, removePost, renameEvent, type MergeResult, type RemoveResult } from './events/index.js'
import { searchIndexFileFor, searchStore, type SearchReport } from './search/index.js'
import { openJsonStore } from './store/json-store.js'
import { robotsMemoryOf } from './store/robots-memory.js'
import { createMemoryStore } from './store/memory-store.js'
import type { StoredEvent } from './store/schema.js'
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
  /** tf-idf keywords of the event's posts (see the digest). */
  keywords: string[]
}

/** A crawl's report, plus the archive look-ups for its lost posts (null with `archive: false`). */
export type RoundupCrawlReport = CrawlReport & { archive: ArchiveReport | null }
/** A refresh, plus the archive look-ups for posts it found gone. */
export type RoundupRefreshReport = RefreshReport & { archive: ArchiveReport | null }

export interface ArchiveCallOptions {
  /** Only this event's posts; every stored post when absent. */
  eventId?: string
  /** Ask again about posts already answered. @default false */
  force?: boolean
  /** Wait this long for another run's lock on the store. @default 0 */
  waitMs?: number
}

export interface SiteReport {
  /** Absolute paths of the files written. */
  files: string[]
  events: Array<{ id: string; title: string; page: string; posts: number }>
}

export interface RefreshCallOptions {
  /** Only this event; every event when absent. */
  eventId?: string
  /** Poll and check even what is not due yet. @default false */
  force?: boolean
  /** Also add feed items that only match the event's terms. @default false */
  matchTerms?: boolean
  /** New feed items judged per feed and event in one run. @default 10 */
  maxNewPerFeed?: number
  /** Wait this long for another run's lock on the store. @default 0 */
  waitMs?: number
  signal?: AbortSignal
}

export interface SearchCallOptions {
  /** Only this event's posts. */
  eventId?: string
  /** Most hits returned. @default 10 */
  limit?: number
}

export interface ChangeCallOptions {
  /** Wait this long for another run's lock on the store. @default 0 */
  waitMs?: number
}

export interface Roundup {
  readonly options: ResolvedOptions
  /** Re-poll feeds, re-check posts, find new coverage and comments: what cron runs. */
  refresh(options?: RefreshCallOptions): Promise<RoundupRefreshReport>
  crawl(seeds: string[], options?: CrawlCallOptions): Promise<RoundupCrawlReport>
  /** Look up archived copies of posts that are gone or unreachable (what a crawl does at its end). */
  checkArchives(options?: ArchiveCallOptions): Promise<ArchiveReport>
  /** Write the browsable static site for one event (or all) to `outDir`. */
  site(options: { eventId?: string; outDir: string }): Promise<SiteReport>
  digest(options: { eventId?: string; format: DigestFormat } & RenderOptions): Promise<string>
  events(): Promise<EventSummary[]>
  /** Full-text search over the stored posts (the index is kept beside the store file and updated incrementally). */
  search(query: string, options?: SearchCallOptions): Promise<SearchReport>
  /** Move the posts and seeds of event `fromId` into `intoId`, then delete `fromId`. */
  mergeEvents(intoId: string, fromId: string, options?: ChangeCallOptions): Promise<MergeResult>
  /** Give an event a new title; its id stays. */
  renameEvent(id: string, title: string, options?: ChangeCallOptions): Promise<StoredEvent>
  /** Take a post out of its events (or one event), by URL. */
  removePost(url: string, options?: ChangeCallOptions & { eventId?: string }): Promise<RemoveResult>
}

/** Wire the stages together: the only place that knows them all. */
export function createRoundup(options: RoundupOptions = {}, seams: RoundupSeams = {}): Roundup {
  const o = resolveOptions(options)
  const openStore = seams.openStore ?? ((mode) => openJsonStore(o.dataFile, { readOnly: mode.readOnly, lock: !mode.readOnly, waitMs: mode.waitMs }))

  // A store file that does not exist yet holds nothing: reading or changing it must not create it.
  const openExisting = (mode: { readOnly: boolean; waitMs: number }): Promise<Store> =>
    seams.openStore || existsSync(o.dataFile) ? openStore(mode) : Promise.resolve(createMemoryStore())
  /** Run `use` on a store and close it after, whatever happens. */
  const using = async <T>(opening: Promise<Store>, use: (store: Store) => T | Promise<T>): Promise<T> => {
    const store = await opening
    try {
      return await use(store)
    } finally {
      await store.close()
    }
  }
  const change = <T>(waitMs: number | undefined, apply: (store: Store) => T): Promise<T> => using(openExisting({ readOnly: false, waitMs: waitMs ?? 0 }), apply)

  const makeFetcher = (store: Store): Fetcher =>
    createFetcher({
      ...robotsMemoryOf(store),
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
      const fetcher = makeFetcher(store)
      const pool = createExtractPool({ workers: o.extractWorkers, extract: detachedExtractor(extractPage) })
      try {
        const report = await crawl(
          { seeds, eventTitle: call.eventTitle, depth: call.depth ?? o.depth, maxPages: call.maxPages ?? o.maxPages, followBody: call.followBody === true, visitsPerHost: 2 * o.perHost + 2 },
          { fetcher, store, extract: pool.extract, expectPages: pool.expect, logger: o.logger, onProgress: call.onProgress, ...(seams.createFrontier ? { frontier: seams.createFrontier() } : {}) },
        )
        const members = store.getEvent(report.event.id)?.posts.map((m) => m.url) ?? []
        const archive = o.archive ? await checkArchives({ store, fetcher }, { endpoint: o.archiveEndpoint, urls: members, logger: o.logger }) : null
        return { ...report, archive }
      } finally {
        await pool.close()
        await fetcher.close()
        await store.close()
      }
    },
    async refresh(call = {}) {
      const store = await openStore({ readOnly: false, waitMs: call.waitMs ?? 0 })
      const fetcher = makeFetcher(store)
      try {
        const report = await refresh(
          { eventId: call.eventId, force: call.force, matchTerms: call.matchTerms, maxNewPerFeed: call.maxNewPerFeed },
          {
            fetcher, store, extract: detachedExtractor(extractPage), logger: o.logger, ...(call.signal ? { signal: call.signal } : {}),
          },
        )
        // Posts that went gone in this refresh get their archived copy looked up (once each).
        // Only a refresh that found posts gone asks the archive, so a quiet run stays quiet.
        const urls = report.events.flatMap((id) => store.getEvent(id)?.posts.map((m) => m.url) ?? [])
        const archive = o.archive && report.gone > 0 && !call.signal?.aborted ? await checkArchives({ store, fetcher }, { endpoint: o.archiveEndpoint, logger: o.logger, urls }) : null
        return { ...report, archive }
      } finally {
        await fetcher.close()
        await store.close()
      }
    },
    async checkArchives(call = {}) {
      const store = await openStore({ readOnly: false, waitMs: call.waitMs ?? 0 })
      const fetcher = makeFetcher(store)
      try {
        let urls: string[] | undefined
        if (call.eventId !== undefined) {
          const event = store.getEvent(call.eventId)
          if (!event) throw new RoundupError('EVENT_NOT_FOUND', `no event "${call.eventId}" in the store; run "roundup events" to list them`)
          urls = event.posts.map((m) => m.url)
        }
        return await checkArchives({ store, fetcher }, { endpoint: o.archiveEndpoint, logger: o.logger, force: call.force === true, ...(urls ? { urls } : {}) })
      } finally {
        await fetcher.close()
        await store.close()
      }
    },
    async site({ eventId, outDir }) {
      const rendered = await using(openStore({ readOnly: true, waitMs: 0 }), (store) => renderSite(store.snapshot(), eventId === undefined ? {} : { eventId }))
      const files = await writeSite(rendered.files, outDir)
      return {
        files,
        events: rendered.events.map((e) => ({ id: e.id, title: e.title, page: `events/${e.slug}.html`, posts: e.posts.length })),
      }
    },
    digest: ({ eventId, format, ...render }) =>
      using(openStore({ readOnly: true, waitMs: 0 }), (store) => renderDigest(buildDigest(store.snapshot(), eventId === undefined ? {} : { eventId }), format, render)),
    events: () =>
      using(openStore({ readOnly: true, waitMs: 0 }), (store) =>
        buildDigest(store.snapshot()).events.map((event) => ({
          id: event.id,
          title: event.title,
          posts: event.posts.length,
          stored: event.posts.filter((p) => p.status === 'ok').length,
          unavailable: event.posts.filter((p) => p.status !== 'ok').length,
          from: event.dateRange.from,
          to: event.dateRange.to,
          seeds: event.seeds,
          updatedAt: event.updatedAt,
          keywords: event.keywords,
        })),
      ),
    search: (query, call = {}) =>
      using(openExisting({ readOnly: true, waitMs: 0 }), (store) =>
        searchStore(store, query, {
          // The index lives beside the default JSON store; a store from a seam gets one in memory.
          indexFile: !seams.openStore && existsSync(o.dataFile) ? searchIndexFileFor(o.dataFile) : null,
          logger: o.logger,
          ...(call.limit !== undefined ? { limit: call.limit } : {}),
          ...(call.eventId !== undefined ? { eventId: call.eventId } : {}),
        }),
      ),
    mergeEvents: (intoId, fromId, call = {}) => change(call.waitMs, (store) => mergeEvents(store, intoId, fromId)),
    renameEvent: (id, title, call = {}) => change(call.waitMs, (store) => renameEvent(store, id, title)),
    removePost: (url, call = {}) => change(call.waitMs, (store) => removePost(store, url, call.eventId !== undefined ? { eventId: call.eventId } : {})),
  }
}
