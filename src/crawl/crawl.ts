import { RoundupError } from '../errors.js'
import type { Logger } from '../log.js'
import { silentLogger } from '../log.js'
import type { ExtractedPage, ExtractOptions } from '../extract/types.js'
import type { Fetcher, FetchResult } from '../fetch/types.js'
import { createMemoryFrontier, type Frontier, type FrontierItem } from '../frontier/frontier.js'
import { emptyPost, type Claim, type StoredEvent, type StoredPost } from '../store/schema.js'
import type { Store } from '../store/store.js'
import { normalizeUrl } from '../url/normalize.js'
import { findOrCreateEvent, indexMembers, type MemberIndex } from './events.js'
import { outcomeForError, statusForOutcome } from './outcome.js'
import { applyExtraction } from './merge.js'
import { findBacklinks, type PageBacklink } from '../extract/backlinks.js'
import { buildProfile, judgeRelevance, looksLikePost, type RelevanceOptions } from './relevance.js'
import { enrichFromFeed, type FeedContext } from './feed-enrich.js'
import { createHostQueues } from './host-queues.js'
import { createBacklog, type Backlog } from './backlog.js'
import type { ParsedFeed } from '../feeds/types.js'

export interface CrawlInput {
  /** Seed URLs, already validated as http(s). */
  seeds: string[]
  /** Names the event; otherwise its title is derived from the seed. */
  eventTitle?: string
  /** Cross-reference hops to follow from the seeds. */
  depth: number
  /** Page fetches allowed in this crawl. */
  maxPages: number
  /** Snowball: also follow body links to pages that look like posts about the same event. @default false */
  followBody?: boolean
  /** Visits handed to the fetcher at once per host; more wait in the crawl. Keep it above the fetcher's per-host limit. @default Infinity */
  visitsPerHost?: number
  /** Fetched pages that may wait for extraction before new fetches wait too. @default 32 */
  maxBacklog?: number
  relevance?: RelevanceOptions
}

export interface CrawlDeps {
  fetcher: Fetcher
  store: Store
  /** May be async: the crawl's extract pool runs it on worker threads, and may find the page's backlinks there too. */
  extract: (html: string, url: string, options?: ExtractOptions) => CrawlExtraction | Promise<CrawlExtraction>
  frontier?: Frontier
  logger?: Logger
  now?: () => Date
  onProgress?: (progress: { done: number; queued: number; url: string; outcome: string }) => void
  /** Fetch each post's blog feed to fill missing fields. @default true */
  useFeeds?: boolean
  /** Date parser for feed dates (keeps the feed's offset). */
  parseDate?: (text: string) => string | null
  /**
   * Told how many new pages (not yet members of the event) the crawl has handed out to fetch,
   * as that grows: the extract pool starts its workers early. Known members are left out, as
   * a re-crawl finds most of them unchanged (304) and extracts nothing.
   */
  expectPages?: (pages: number) => void
}

/** An extraction, plus the page's pingbacks and trackbacks when the extractor already found them. */
export type CrawlExtraction = ExtractedPage & { backlinks?: PageBacklink[] }

export interface UrlReport {
  url: string
  outcome: string
  reason: string | null
  depth: number
  via: string | null
  httpStatus: number | null
  finalUrl: string | null
  title: string | null
}

export interface CrawlReport {
  event: { id: string; title: string; created: boolean; posts: number }
  urls: UrlReport[]
  counts: { stored: number; skipped: number; errors: number; total: number }
  requests: number
  maxInFlightPerHost: number
  durationMs: number
}

/** Crawl the seeds and their cross-reference lists into the store as one event. */
export async function crawl(input: CrawlInput, deps: CrawlDeps): Promise<CrawlReport> {
  const started = performance.now()
  const logger = deps.logger ?? silentLogger
  const now = deps.now ?? (() => new Date())
  const frontier = deps.frontier ?? createMemoryFrontier()
  const { store, fetcher } = deps

  const seeds = input.seeds.map((seed) => {
    const url = normalizeUrl(seed)
    if (!url) throw new RoundupError('URL_INVALID', `not an http(s) URL: ${seed}`)
    return url
  })
  const { event, created } = findOrCreateEvent(store, seeds, input.eventTitle, now().toISOString())
  const members = indexMembers(event)
  const reports: UrlReport[] = []
  // Final and canonical URLs already stored in this crawl, so redirects and aliases do not duplicate posts.
  const aliases = new Map<string, string>()
  let fetched = 0
  let fresh = 0
  const feeds: FeedContext | null = deps.useFeeds === false ? null : {
    fetcher, store, now, seen: new Map<string, Promise<ParsedFeed | null>>(), ...(deps.parseDate ? { parseDate: deps.parseDate } : {}),
  }

  for (const url of seeds) frontier.push({ url, depth: 0, via: null, reason: 'seed' })

  // The dispatch loop below sleeps until a visit ends or a page adds to the frontier.
  let wake: (() => void) | null = null
  const signal = () => {
    const resume = wake
    wake = null
    resume?.()
  }
  const discover = (item: FrontierItem, found: FrontierItem[]): void => {
    if (item.depth >= input.depth) return
    for (const next of found) {
      if (aliases.has(next.url)) {
        const target = aliases.get(next.url)!
        recordClaim(store, target, next.claim)
        continue
      }
      if (!frontier.push(next) && next.claim) recordClaim(store, next.url, next.claim)
    }
    signal()
  }
  const visit = async (item: FrontierItem): Promise<void> => {
    const discoverFrom = (found: FrontierItem[]) => discover(item, found)
    const report = await visitOne(item, { event, members, fetcher, store, extract: deps.extract, now, logger, aliases, feeds, followBody: input.followBody === true, relevance: input.relevance ?? {}, discover: discoverFrom, backlog })
    reports.push(report.url)
    deps.onProgress?.({ done: reports.length, queued: frontier.size, url: item.url, outcome: report.url.outcome })
    discover(item, report.next)
  }

  const backlog = createBacklog(input.maxBacklog ?? 32)
  // One wake-up, not Promise.race over every running visit: a big crawl has thousands of
  // visits waiting on their hosts, and racing them all on every completion is quadratic.
  const visits = createHostQueues(input.visitsPerHost ?? Infinity, async (item) => {
    await visit(item).catch((error: unknown) => {
      logger.error('crawl task failed', { url: item.url, error: (error as Error).message })
    })
  }, signal)
  for (;;) {
    let item: FrontierItem | undefined
    while ((item = frontier.shift())) {
      if (fetched >= input.maxPages) {
        const skipped = { url: item.url, outcome: 'skipped:max-pages', reason: `the crawl reached --max-pages ${input.maxPages}`, depth: item.depth, via: item.via, httpStatus: null, finalUrl: null, title: null }
        reports.push(skipped)
        continue
      }
      fetched++
      if (!members.has(item.url)) deps.expectPages?.(++fresh)
      visits.push(item)
    }
    if (visits.pending === 0) break
    await new Promise<void>((resolve) => (wake = resolve))
  }

  deriveTitle(event, store)
  event.updatedAt = now().toISOString()
  store.putEvent(event)
  await store.flush()

  const counts = { stored: 0, skipped: 0, errors: 0, total: reports.length }
  for (const r of reports) {
    if (r.outcome === 'stored' || r.outcome === 'not-modified') counts.stored++
    else if (r.outcome.startsWith('skipped:')) counts.skipped++
    else counts.errors++
  }
  const stats = fetcher.stats()
  return {
    event: { id: event.id, title: event.title, created, posts: event.posts.length },
    urls: reports,
    counts,
    requests: stats.requests,
    maxInFlightPerHost: Math.max(0, ...Object.values(stats.byHost).map((h) => h.maxInFlight)),
    durationMs: Math.round(performance.now() - started),
  }
}

interface VisitContext {
  event: StoredEvent
  /** The event's members by URL; the crawl adds members only through it. */
  members: MemberIndex
  fetcher: Fetcher
  store: Store
  extract: CrawlDeps['extract']
  now: () => Date
  logger: Logger
  aliases: Map<string, string>
  feeds: FeedContext | null
  followBody: boolean
  relevance: RelevanceOptions
  /** Queue what a page lists as soon as it is known, before the page's own feed look-up. */
  discover: (next: FrontierItem[]) => void
  backlog: Backlog
}

async function visitOne(item: FrontierItem, ctx: VisitContext): Promise<{ url: UrlReport; next: FrontierItem[] }> {
  const { store, event, logger } = ctx
  const existing = store.getPost(item.url)
  const post: StoredPost = existing ? structuredClone(existing) : emptyPost(item.url, ctx.now().toISOString())
  // The user took this post out of the event: never fetch it or follow its lists again.
  if (item.reason !== 'seed' && event.removed?.includes(item.url)) {
    return { url: { ...toReport(item, post), outcome: 'skipped:removed', reason: 'removed from the event by the user' }, next: [] }
  }
  if (item.claim) addClaim(post, item.claim)
  // A body-link candidate joins the event only once its page proves on-topic.
  const candidate = item.reason === 'body-link' && !ctx.members.has(item.url)
  if (!candidate) ctx.members.add({ url: item.url, depth: item.depth, via: item.via, reason: item.reason, addedAt: ctx.now().toISOString() })

  const hadContent = existing?.fetchedAt != null && existing.status === 'ok'
  let result: FetchResult | null = null
  try {
    await ctx.backlog.admit()
    result = await ctx.fetcher.fetch({ url: item.url, kind: 'page', etag: existing?.etag ?? null, lastModified: existing?.lastModified ?? null })
  } catch (error) {
    const failed = outcomeForError(error)
    Object.assign(post, { outcome: failed.outcome, reason: failed.reason, httpStatus: failed.httpStatus, status: statusForOutcome(failed.outcome, hadContent) })
    store.putPost(post)
    logger.info('crawl', { url: item.url, outcome: failed.outcome })
    return { url: toReport(item, post), next: [] }
  }

  post.fetchedAt = ctx.now().toISOString()
  post.httpStatus = result.status
  post.finalUrl = result.finalUrl
  if (result.etag) post.etag = result.etag
  if (result.lastModified) post.lastModified = result.lastModified
  ctx.aliases.set(item.url, item.url)

  const finalKey = normalizeUrl(result.finalUrl)
  if (finalKey && finalKey !== item.url) {
    const owner = ctx.aliases.get(finalKey)
    if (owner && owner !== item.url) {
      // Two listed URLs lead to one page: keep one post, record the other as a duplicate.
      Object.assign(post, { outcome: 'skipped:duplicate', reason: `redirects to ${finalKey}, already stored as ${owner}`, status: 'skipped' })
      event.posts = event.posts.filter((member) => member.url !== item.url)
      if (item.claim) recordClaim(store, owner, item.claim)
      store.putPost(post)
      return { url: toReport(item, post), next: [] }
    }
    ctx.aliases.set(finalKey, item.url)
  }

  if (result.notModified) {
    Object.assign(post, { outcome: 'not-modified', reason: null, status: 'ok' })
    store.putPost(post)
    return { url: toReport(item, post), next: nextFromLinks(post, item, ctx.followBody) }
  }

  if (!result.body.trim()) {
    Object.assign(post, { outcome: 'error:empty', reason: `GET ${result.finalUrl} returned an empty body`, status: statusForOutcome('error:empty', hadContent) })
    store.putPost(post)
    return { url: toReport(item, post), next: [] }
  }

  let page: CrawlExtraction
  try {
    const { body, finalUrl } = result
    page = await ctx.backlog.run(async () => ctx.extract(body, finalUrl, { fetchedAt: ctx.now() }))
  } catch (error) {
    const failed = outcomeForError(error instanceof RoundupError ? error : new RoundupError('EXTRACT_FAILED', `cannot extract ${result.finalUrl}: ${(error as Error).message}`, { url: result.finalUrl }, { cause: error }))
    Object.assign(post, { outcome: failed.outcome, reason: failed.reason, status: statusForOutcome(failed.outcome, hadContent) })
    store.putPost(post)
    return { url: toReport(item, post), next: [] }
  }
  applyExtraction(post, page)
  const canonical = page.canonicalUrl ? normalizeUrl(page.canonicalUrl) : null
  if (item.reason !== 'seed' && [finalKey, canonical].some((key) => key && event.removed?.includes(key))) {
    // Listed under a new URL, but it is a page the user removed.
    event.posts = event.posts.filter((member) => member.url !== item.url)
    store.putPost(post)
    return { url: { ...toReport(item, post), outcome: 'skipped:removed', reason: 'redirects to a post removed from the event' }, next: [] }
  }
  if (canonical && canonical !== item.url && !ctx.aliases.has(canonical)) ctx.aliases.set(canonical, item.url)
  // The feed can wait behind this host's other pages (one request at a time, a delay apart):
  // the posts this page lists go to the frontier first, so other hosts need not wait with it.
  let next: FrontierItem[] | null = null
  // Pingbacks and trackbacks listed under the post are pages that link to it: coverage too.
  const backlinks = page.backlinks ?? findBacklinks(result.body, result.finalUrl)
  if (!candidate) ctx.discover(nextFromPage(page, item, ctx.followBody, backlinks))
  else next = nextFromPage(page, item, ctx.followBody, backlinks)
  if (ctx.feeds) await enrichFromFeed(post, ctx.feeds)
  Object.assign(post, { outcome: 'stored', reason: null, status: 'ok' })
  store.putPost(post)
  logger.info('crawl', { url: item.url, outcome: 'stored', title: post.title })
  if (candidate) {
    const seeds = event.seeds.map((url) => store.getPost(url)).filter((p): p is StoredPost => !!p)
    const verdict = judgeRelevance(post, buildProfile(seeds), ctx.relevance)
    if (!verdict.relevant) {
      Object.assign(post, { outcome: 'skipped:off-topic', reason: verdict.reason })
      store.putPost(post)
      return { url: toReport(item, post), next: [] }
    }
    ctx.members.add({ url: item.url, depth: item.depth, via: item.via, reason: 'body-link', addedAt: ctx.now().toISOString() })
  }
  return { url: toReport(item, post), next: next ?? [] }
}

function nextFromPage(page: ExtractedPage, item: FrontierItem, followBody: boolean, backlinks: PageBacklink[] = []): FrontierItem[] {
  const next: FrontierItem[] = []
  for (const section of page.crossRefs) {
    for (const entry of section.entries) {
      const url = normalizeUrl(entry.url)
      if (!url || url === item.url) continue
      next.push({
        url, depth: item.depth + 1, via: item.url, reason: 'crossref',
        claim: { from: item.url, entryText: entry.entryText, author: entry.claimedAuthor, site: entry.claimedSite },
      })
    }
  }
  for (const backlink of backlinks) {
    if (backlink.url !== item.url) next.push({ url: backlink.url, depth: item.depth + 1, via: item.url, reason: 'pingback' })
  }
  // Cross-reference entries go first, so a URL that is both keeps the stronger reason.
  if (followBody) next.push(...bodyCandidates(page.links, item))
  return next
}

function bodyCandidates(links: Array<{ url: string; kind: string }>, item: FrontierItem): FrontierItem[] {
  return links
    .filter((link) => link.kind === 'body' && link.url !== item.url && looksLikePost(link.url))
    .map((link) => ({ url: link.url, depth: item.depth + 1, via: item.url, reason: 'body-link' as const }))
}

/** On a 304 the page is unchanged, so its stored cross-reference links stand in for a parse. */
function nextFromLinks(post: StoredPost, item: FrontierItem, followBody: boolean): FrontierItem[] {
  const next: FrontierItem[] = post.links
    .filter((link) => link.kind === 'crossref' && link.url !== item.url)
    .map((link) => ({ url: link.url, depth: item.depth + 1, via: item.url, reason: 'crossref' as const }))
  if (followBody) next.push(...bodyCandidates(post.links, item))
  return next
}

function addClaim(post: StoredPost, claim: Claim): void {
  if (!post.claims.some((c) => c.from === claim.from && c.entryText === claim.entryText)) post.claims.push(claim)
  // A claim is only a fallback: fill what the page itself did not name.
  if (post.authors.length === 0 && claim.author) {
    post.authors = [claim.author]
    post.sources.author = 'crossref-claim'
  }
  if (!post.siteName && claim.site) {
    post.siteName = claim.site
    post.sources.siteName = 'crossref-claim'
  }
}

function recordClaim(store: Store, url: string, claim: Claim | undefined): void {
  if (!claim) return
  const apply = (post: StoredPost): StoredPost => {
    const known = post.claims.some((c) => c.from === claim.from && c.entryText === claim.entryText)
    if (known && (post.authors.length > 0 || !claim.author) && (post.siteName || !claim.site)) return post
    // addClaim replaces authors and siteName and writes into claims and sources: copy just those, not the whole post.
    const copy: StoredPost = { ...post, claims: [...post.claims], sources: { ...post.sources } }
    addClaim(copy, claim)
    return copy
  }
  // A big crawl records several claims per page on posts stored long ago: let the store apply them when it writes.
  if (store.patchPost) {
    store.patchPost(url, apply)
    return
  }
  const post = store.getPost(url)
  if (!post) return
  const updated = apply(post)
  if (updated !== post) store.putPost(updated)
}

function toReport(item: FrontierItem, post: StoredPost): UrlReport {
  return { url: item.url, outcome: post.outcome, reason: post.reason, depth: item.depth, via: item.via, httpStatus: post.httpStatus, finalUrl: post.finalUrl, title: post.title }
}

/** A derived title follows the seed post's own title. */
function deriveTitle(event: StoredEvent, store: Store): void {
  if (event.titleSource === 'user') return
  for (const seed of event.seeds) {
    const title = store.getPost(seed)?.title
    if (title) {
      event.title = title
      return
    }
  }
}
