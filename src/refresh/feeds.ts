import { outcomeForError } from '../crawl/outcome.js'
import { findCommentFeed } from '../feeds/discover.js'
import { readFeedHints, type DocumentHints } from '../feeds/hints.js'
import { parseAnyFeed } from '../feeds/parse-any.js'
import type { FeedItem } from '../feeds/types.js'
import { isRoundupError } from '../errors.js'
import type { FeedHints, StoredEvent, StoredFeed } from '../store/schema.js'
import { iso, isDue, rethrowAbort, savePost, shortestCadence, type RefreshContext } from './context.js'
import { judgeItems } from './coverage.js'
import { applyFeedItem, findFeedItem } from '../feeds/fill-post.js'
import { cacheMaxAge, nextPoll } from './schedule.js'

/** Items kept per feed: enough to judge new coverage without a refetch, bounded for the store. */
const MAX_STORED_ITEMS = 100

function emptyFeed(url: string): StoredFeed {
  return { url, title: null, outcome: 'pending', reason: null, httpStatus: null, fetchedAt: null, etag: null, lastModified: null, itemCount: 0 }
}

const isGone = (feed: StoredFeed) => feed.outcome === 'error:http-404' || feed.outcome === 'error:http-410'

interface PollResult {
  /** The record to store once this feed's items have been dealt with. */
  record: StoredFeed
  items: FeedItem[]
}

/** One conditional poll of a blog feed. A 304 costs no parse: the stored items stand. */
async function poll(url: string, previous: StoredFeed, ctx: RefreshContext): Promise<PollResult> {
  const record: StoredFeed = { ...previous, role: 'blog' }
  const stored = previous.items ?? []
  const hints: FeedHints = { ttlMinutes: null, skipHours: [], skipDays: [], maxAgeSeconds: null, retryAfterSeconds: null, ...previous.hints }
  let items = stored
  const stash = ctx.discovered.get(url)
  try {
    // Without stored items a 304 would leave nothing to judge, so the first poll asks unconditionally.
    const validators = previous.items ? { etag: previous.etag, lastModified: previous.lastModified } : {}
    const result = stash?.result ?? (await ctx.fetcher.fetch({ url, kind: 'feed', signal: ctx.signal, ...validators }))
    ctx.report.feedsPolled++
    Object.assign(record, { fetchedAt: iso(ctx), httpStatus: result.status, reason: null })
    if (result.etag) record.etag = result.etag
    if (result.lastModified) record.lastModified = result.lastModified
    hints.maxAgeSeconds = cacheMaxAge(result.headers['cache-control'])
    hints.retryAfterSeconds = null
    if (result.notModified) {
      ctx.report.feedsNotModified++
      record.outcome = 'not-modified'
    } else {
      const feed = stash?.feed ?? (await parseAnyFeed(result.body, result.finalUrl, ctx.parseDate ? { parseDate: ctx.parseDate } : {}))
      const doc: DocumentHints | null = stash ? stash.hints : feed.kind === 'json' ? null : readFeedHints(result.body)
      items = feed.items.slice(0, MAX_STORED_ITEMS)
      Object.assign(record, { title: feed.title, itemCount: feed.totalItems, outcome: 'stored', items })
      Object.assign(hints, { ttlMinutes: doc?.ttlMinutes ?? feed.ttlMinutes, skipHours: doc?.skipHours ?? [], skipDays: doc?.skipDays ?? [] })
    }
  } catch (error) {
    rethrowAbort(error, ctx)
    const failed = outcomeForError(error)
    Object.assign(record, { outcome: failed.outcome, reason: failed.reason, httpStatus: failed.httpStatus ?? record.httpStatus, fetchedAt: iso(ctx) })
    hints.retryAfterSeconds = isRoundupError(error) ? error.info.retryAfter ?? null : null
    // Gone, or refused by robots.txt and the like: recorded on the feed, but not trouble to report.
    if (!isGone(record) && !failed.outcome.startsWith('skipped:')) {
      ctx.report.errors++
      ctx.report.failures.push({ url, what: 'feed', outcome: failed.outcome, reason: failed.reason })
    }
    ctx.logger.info('refresh feed failed', { url, outcome: failed.outcome, reason: failed.reason })
  }
  record.hints = hints
  return { record, items }
}

/** Fill the event's posts on this site from their feed entries, and note their comment feeds. */
function enrichMembers(event: StoredEvent, feedUrl: string, items: FeedItem[], ctx: RefreshContext): void {
  for (const member of event.posts) {
    const stored = ctx.store.getPost(member.url)
    if (!stored) continue
    const item = findFeedItem(items, stored)
    if (!item) continue
    const post = structuredClone(stored)
    let changed = applyFeedItem(post, item)
    const comments = findCommentFeed(item, feedUrl, post.links)
    if (comments && comments !== post.commentsFeedUrl && !post.commentsFeedUrl) {
      post.commentsFeedUrl = comments
      changed = true
    }
    if (changed) savePost(ctx, post)
  }
}

/**
 * Poll one blog feed (when due) and, for every event whose sites include it, fill its
 * posts from the items and judge the new items as coverage. The feed's record (its
 * validators, items and next poll) is written last: a run killed half-way leaves it
 * due, so the next run fetches it again and judges what is left.
 */
export async function refreshFeed(url: string, eventIds: string[], ctx: RefreshContext): Promise<void> {
  const previous = ctx.store.getFeed(url) ?? emptyFeed(url)
  const due = isDue({ nextAt: previous.nextPollAt, gone: isGone(previous) }, ctx)
  let result: PollResult | null = null
  if (due) result = await poll(url, previous, ctx)
  else ctx.report.notDue.feeds++
  const items = result?.items ?? previous.items ?? []

  for (const id of eventIds) {
    const event = ctx.store.getEvent(id)
    if (!event) continue
    enrichMembers(event, url, items, ctx)
    await judgeItems(id, items, ctx)
  }

  if (!result) return
  const events = eventIds.map((id) => ctx.store.getEvent(id)).filter((e): e is StoredEvent => !!e)
  const cadence = shortestCadence(events, ctx)
  const { hints, outcome } = result.record
  const next = nextPoll({
    now: ctx.now().getTime(),
    cadenceMs: cadence.ms,
    cadenceLabel: cadence.label,
    gone: outcome === 'error:http-404' || outcome === 'error:http-410',
    ttlMinutes: hints?.ttlMinutes,
    maxAgeSeconds: hints?.maxAgeSeconds,
    retryAfterSeconds: hints?.retryAfterSeconds,
    skipHours: hints?.skipHours,
    skipDays: hints?.skipDays,
    itemTimes: items.map((i) => Date.parse(i.published ?? i.updated ?? '')),
  })
  ctx.store.putFeed({ ...result.record, lastPolledAt: iso(ctx), nextPollAt: new Date(next.at).toISOString(), pollReason: next.reason })
}
