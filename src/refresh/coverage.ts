import { addMember } from '../crawl/events.js'
import { applyExtraction } from '../crawl/merge.js'
import { outcomeForError } from '../crawl/outcome.js'
import { isRoundupError } from '../errors.js'
import type { ExtractedPage } from '../extract/types.js'
import type { FeedItem } from '../feeds/types.js'
import type { FetchResult } from '../fetch/types.js'
import { emptyPost, type JudgedItem, type StoredEvent, type StoredPost } from '../store/schema.js'
import { normalizeUrl } from '../url/normalize.js'
import { cadenceOf, eventStart, iso, memberAliases, rethrowAbort, savePost, type RefreshContext } from './context.js'
import { applyFeedItem } from '../feeds/fill-post.js'
import { buildTermProfile, matchTerms, type TermProfile } from './terms.js'
import { DAY, nextCheck, cacheMaxAge } from './schedule.js'

/** A candidate that failed this often is left alone. */
const MAX_FAILURES = 3
/** Judged items remembered per event; the oldest verdicts go first. */
const MAX_JUDGED = 5000
/** Only a page's own words count as linking: not its comments, not its navigation. */
const LINKING_KINDS = new Set(['body', 'crossref'])

function itemTime(item: FeedItem): number {
  return Date.parse(item.published ?? item.updated ?? '')
}

/** Does this item still need a verdict for this event? */
function needsJudging(item: FeedItem, event: StoredEvent, aliases: Map<string, string>, start: number, ctx: RefreshContext): boolean {
  const url = item.link
  if (!url || aliases.has(url) || event.removed?.includes(url)) return false
  // A post written before the event cannot be coverage of it (a day of slack for time zones).
  const time = itemTime(item)
  if (Number.isFinite(time) && time < start - DAY) return false
  const judged = event.judged?.[url]
  if (!judged) return true
  if (judged.verdict === 'added') return false
  if (judged.verdict === 'failed') return (judged.failures ?? 1) < MAX_FAILURES
  if (ctx.matchTerms && !judged.terms) return true
  return (item.updated ?? null) !== judged.itemUpdated && item.updated !== null
}

function remember(event: StoredEvent, url: string, verdict: JudgedItem): void {
  const judged = { ...(event.judged ?? {}), [url]: verdict }
  const keys = Object.keys(judged)
  if (keys.length > MAX_JUDGED) {
    keys.sort((a, b) => judged[a]!.at.localeCompare(judged[b]!.at))
    for (const key of keys.slice(0, keys.length - MAX_JUDGED)) delete judged[key]
  }
  event.judged = judged
}

/** Which of the event's posts the page links to, seeds first. */
function linkTarget(post: StoredPost, event: StoredEvent, aliases: Map<string, string>): string | null {
  const targets = post.links.filter((link) => LINKING_KINDS.has(link.kind)).map((link) => aliases.get(link.url)).filter((t): t is string => !!t && t !== post.url)
  return targets.find((t) => event.seeds.includes(t)) ?? targets[0] ?? null
}

/**
 * The event's aliases and start, read from every member post once per version of the event
 * and of its posts in a run, rather than once per feed: a refresh polls a feed per member
 * site, and the store keeps only a few MB of posts in memory, so re-reading them all per
 * feed is quadratic. judgeOne checks aliases again, fresh, before it adds anything.
 */
interface Members {
  /** ctx.postsSaved when worked out: a member's date or final URL may have changed since. */
  saved: number
  aliases: Map<string, string>
  start: number
  /** Built on first use: only --match-terms needs it. */
  terms?: TermProfile
}

const memberCache = new WeakMap<RefreshContext, WeakMap<StoredEvent, Members>>()

function membersOf(event: StoredEvent, ctx: RefreshContext): Members {
  let byEvent = memberCache.get(ctx)
  if (!byEvent) memberCache.set(ctx, (byEvent = new WeakMap()))
  let found = byEvent.get(event)
  if (!found || found.saved !== ctx.postsSaved) {
    found = { saved: ctx.postsSaved, aliases: memberAliases(event, (u) => ctx.store.getPost(u)), start: eventStart(event, (u) => ctx.store.getPost(u)) }
    byEvent.set(event, found)
  }
  return found
}

/** The event's term profile, from its posts as they are in this version of the event. */
function termsOf(event: StoredEvent, ctx: RefreshContext): TermProfile {
  const members = membersOf(event, ctx)
  if (!members.terms) {
    const docs = [...new Set([...event.seeds, ...event.posts.map((m) => m.url)])].map((u) => ctx.store.getPost(u)).filter((p): p is StoredPost => !!p && p.status === 'ok')
    members.terms = buildTermProfile(docs, event.titleSource === 'user' ? event.title : null)
  }
  return members.terms
}

/** Judge the feed's new items as coverage of one event, newest first, a few per run. */
export async function judgeItems(eventId: string, items: FeedItem[], ctx: RefreshContext): Promise<void> {
  const event = ctx.store.getEvent(eventId)
  if (!event) return
  const { aliases, start } = membersOf(event, ctx)
  const todo = items
    .filter((item) => needsJudging(item, event, aliases, start, ctx))
    .sort((a, b) => (itemTime(b) || 0) - (itemTime(a) || 0))
    .slice(0, ctx.maxNewPerFeed)
  for (const item of todo) await judgeOne(eventId, item, ctx)
}

async function judgeOne(eventId: string, item: FeedItem, ctx: RefreshContext): Promise<void> {
  const url = item.link!
  const known = ctx.store.getPost(url)
  let result: FetchResult
  try {
    result = await ctx.fetcher.fetch({ url, kind: 'page', signal: ctx.signal, etag: known?.etag ?? null, lastModified: known?.lastModified ?? null })
  } catch (error) {
    rethrowAbort(error, ctx)
    const failed = outcomeForError(error)
    // Only a failure that may pass (5xx, 429, network, timeout) is tried again; a 404, a
    // robots.txt refusal or something that is not a web page is a verdict.
    const retry = isRoundupError(error) && (error.info.retryable === true || error.code === 'FETCH_NETWORK' || error.code === 'FETCH_TIMEOUT')
    if (retry) {
      ctx.report.errors++
      ctx.report.failures.push({ url, what: 'candidate', outcome: failed.outcome, reason: failed.reason })
    }
    const event = ctx.store.getEvent(eventId)
    if (!event) return
    const copy = structuredClone(event)
    const failures = (event.judged?.[url]?.failures ?? 0) + 1
    remember(copy, url, retry
      ? { at: iso(ctx), verdict: 'failed', reason: failed.reason, itemUpdated: item.updated, terms: ctx.matchTerms, failures }
      : { at: iso(ctx), verdict: 'rejected', reason: failed.reason, itemUpdated: item.updated, terms: ctx.matchTerms })
    ctx.store.putEvent(copy)
    return
  }

  const post: StoredPost = known ? structuredClone(known) : emptyPost(url, iso(ctx))
  Object.assign(post, { fetchedAt: iso(ctx), httpStatus: result.status, finalUrl: result.finalUrl })
  if (result.etag) post.etag = result.etag
  if (result.lastModified) post.lastModified = result.lastModified
  if (!result.notModified) {
    let page: ExtractedPage
    try {
      page = ctx.extract(result.body, result.finalUrl, { fetchedAt: ctx.now() })
    } catch (error) {
      const failed = outcomeForError(error)
      ctx.report.errors++
      ctx.report.failures.push({ url, what: 'candidate', outcome: failed.outcome, reason: failed.reason })
      const event = ctx.store.getEvent(eventId)
      if (!event) return
      const copy = structuredClone(event)
      remember(copy, url, { at: iso(ctx), verdict: 'failed', reason: failed.reason, itemUpdated: item.updated, terms: ctx.matchTerms, failures: MAX_FAILURES })
      ctx.store.putEvent(copy)
      return
    }
    applyExtraction(post, page)
  }
  applyFeedItem(post, item)

  // The event may have grown while the page was on its way: decide on its current state.
  const event = ctx.store.getEvent(eventId)
  if (!event) return
  const copy = structuredClone(event)
  const aliases = memberAliases(event, (u) => ctx.store.getPost(u))
  const finalKey = normalizeUrl(result.finalUrl)
  const already = aliases.get(url) ?? (finalKey ? aliases.get(finalKey) : undefined)
  const at = iso(ctx)
  if (already) {
    remember(copy, url, { at, verdict: 'rejected', reason: `is already in the event as ${already}`, itemUpdated: item.updated, terms: ctx.matchTerms })
    ctx.store.putEvent(copy)
    return
  }
  const target = linkTarget(post, event, aliases)
  let verdict: { matchedBy: 'link' | 'terms'; reason: string; via: string | null } | null = target ? { matchedBy: 'link', reason: `links to ${target}`, via: target } : null
  let rejection = "does not link to any of the event's posts"
  if (!verdict && ctx.matchTerms) {
    const match = matchTerms({ title: post.title, excerpt: post.excerpt, categories: [...(post.categories ?? []), ...item.categories], text: post.text }, termsOf(event, ctx))
    if (match.matched) verdict = { matchedBy: 'terms', reason: match.reason, via: null }
    else rejection += ` and ${match.reason}`
  }
  if (!verdict) {
    remember(copy, url, { at, verdict: 'rejected', reason: rejection, itemUpdated: item.updated, terms: ctx.matchTerms })
    ctx.store.putEvent(copy)
    ctx.logger.info('refresh: not coverage', { event: eventId, url, reason: rejection })
    return
  }
  // A post the user removed from the event stays out.
  if (event.removed?.includes(url)) return
  const depth = verdict.via ? (event.posts.find((m) => m.url === verdict!.via)?.depth ?? 0) + 1 : 1
  addMember(copy, {
    url, depth, via: verdict.via, reason: verdict.matchedBy === 'link' ? 'links-to' : 'matched-terms', addedAt: at,
    discoveredAt: at, matchedBy: verdict.matchedBy, discoveryReason: verdict.reason,
  })
  Object.assign(post, {
    outcome: result.notModified ? 'not-modified' : 'stored', reason: null, status: 'ok', checkedAt: at,
    nextCheckAt: new Date(nextCheck({ now: ctx.now().getTime(), cadenceMs: cadenceOf(copy, ctx).ms, maxAgeSeconds: cacheMaxAge(result.headers['cache-control']) })).toISOString(),
  })
  remember(copy, url, { at, verdict: 'added', reason: verdict.reason, itemUpdated: item.updated, terms: ctx.matchTerms })
  copy.updatedAt = at
  // Post and membership are written together, so a flush never holds one without the other.
  savePost(ctx, post)
  ctx.store.putEvent(copy)
  ctx.report.new++
  ctx.report.added.push({ event: eventId, url, title: post.title, matchedBy: verdict.matchedBy, reason: verdict.reason })
  ctx.logger.info('refresh: new coverage', { event: eventId, url, reason: verdict.reason })
}
