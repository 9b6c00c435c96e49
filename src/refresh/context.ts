import { isRoundupError } from '../errors.js'
import { silentLogger, type Logger } from '../log.js'
import type { ParsedFeed } from '../feeds/types.js'
import type { DocumentHints } from '../feeds/hints.js'
import type { FetchResult } from '../fetch/types.js'
import type { StoredEvent, StoredPost } from '../store/schema.js'
import { hostKey, normalizeUrl } from '../url/normalize.js'
import { eventCadence, WEEK } from './schedule.js'
import type { RefreshDeps, RefreshInput, RefreshReport } from './types.js'

/** Everything one refresh run shares. */
export interface RefreshContext extends Required<Omit<RefreshDeps, 'logger' | 'now' | 'parseDate' | 'signal'>> {
  /** Passed with every request, so each gets its own abort wiring inside the fetcher. */
  signal: AbortSignal
  logger: Logger
  now: () => Date
  parseDate: ((text: string) => string | null) | undefined
  force: boolean
  matchTerms: boolean
  maxNewPerFeed: number
  report: RefreshReport
  /** Feeds fetched and parsed while discovering them: that fetch is this run's poll. */
  discovered: Map<string, { result: FetchResult; feed: ParsedFeed; hints: DocumentHints | null }>
  /** Posts this run has stored so far (savePost): what was worked out from the posts before is stale. */
  postsSaved: number
}

/** Store a post this run changed, so views worked out from the event's posts are worked out again. */
export function savePost(ctx: RefreshContext, post: StoredPost): void {
  ctx.store.putPost(post)
  ctx.postsSaved++
}

export function createContext(input: RefreshInput, deps: RefreshDeps): RefreshContext {
  return {
    fetcher: deps.fetcher,
    store: deps.store,
    extract: deps.extract,
    logger: deps.logger ?? silentLogger,
    now: deps.now ?? (() => new Date()),
    parseDate: deps.parseDate,
    signal: deps.signal ?? new AbortController().signal,
    force: input.force === true,
    matchTerms: input.matchTerms === true,
    maxNewPerFeed: input.maxNewPerFeed ?? 10,
    discovered: new Map(),
    postsSaved: 0,
    report: {
      events: [], feedsPolled: 0, feedsNotModified: 0, commentFeedsPolled: 0, postsChecked: 0, unchanged: 0, changed: 0, new: 0, gone: 0,
      newComments: 0, errors: 0, notDue: { feeds: 0, posts: 0, commentFeeds: 0 }, sitesDiscovered: 0, requests: 0, durationMs: 0,
      changes: [], added: [], failures: [],
    },
  }
}

/** When the event happened: its seeds' earliest date, else any post's, else when it was created. */
export function eventStart(event: StoredEvent, posts: (url: string) => StoredPost | undefined): number {
  const times = (urls: string[]) => urls.map((u) => Date.parse(posts(u)?.published ?? '')).filter((t) => Number.isFinite(t))
  const seeds = times(event.seeds)
  if (seeds.length) return Math.min(...seeds)
  const any = times(event.posts.map((m) => m.url))
  if (any.length) return Math.min(...any)
  return Date.parse(event.createdAt) || 0
}

export function cadenceOf(event: StoredEvent, ctx: RefreshContext): { ms: number; label: string } {
  return eventCadence(ctx.now().getTime() - eventStart(event, (u) => ctx.store.getPost(u)))
}

/** The shortest cadence among events, with its label. */
export function shortestCadence(events: StoredEvent[], ctx: RefreshContext): { ms: number; label: string } {
  const all = events.map((e) => cadenceOf(e, ctx))
  return all.reduce((best, c) => (c.ms < best.ms ? c : best), all[0] ?? { ms: WEEK, label: 'weekly' })
}

/** Every URL a member answers to (its key, final and canonical URLs) → the member's key. */
export function memberAliases(event: StoredEvent, posts: (url: string) => StoredPost | undefined): Map<string, string> {
  const aliases = new Map<string, string>()
  for (const url of [...event.seeds, ...event.posts.map((m) => m.url)]) {
    const post = posts(url)
    for (const alias of [url, post?.finalUrl, post?.canonicalUrl]) {
      const key = alias ? normalizeUrl(alias) : null
      if (key && !aliases.has(key)) aliases.set(key, url)
    }
  }
  return aliases
}

/** The sites (origins) of a post: where it was listed, and where it ended up. */
export function sitesOf(post: StoredPost): string[] {
  const sites = new Set<string>()
  for (const url of [post.url, post.finalUrl]) {
    try {
      if (url) sites.add(hostKey(url))
    } catch {
      // Not a URL: no site.
    }
  }
  return [...sites]
}

/** A 404/410 is rechecked weekly whatever --force says: asking more often will not bring it back. */
export function isDue(record: { nextAt: string | null | undefined; gone: boolean }, ctx: RefreshContext): boolean {
  const now = ctx.now().getTime()
  const at = record.nextAt ? Date.parse(record.nextAt) : NaN
  if (record.gone) return !Number.isFinite(at) || at <= now
  return ctx.force || !Number.isFinite(at) || at <= now
}

/** An aborted run stops where it is: nothing is recorded for a request it cut off, so that work stays due. */
export function rethrowAbort(error: unknown, ctx: RefreshContext): void {
  if (ctx.signal.aborted || (isRoundupError(error) && error.code === 'FETCH_ABORTED')) throw error
}

export function iso(ctx: RefreshContext): string {
  return ctx.now().toISOString()
}
