import { outcomeForError } from '../crawl/outcome.js'
import { parseCommentFeed, type FeedComment } from '../feeds/comments.js'
import { findCommentFeed } from '../feeds/discover.js'
import type { IncomingRef, StoredComment, StoredEvent, StoredFeed, StoredPost } from '../store/schema.js'
import { normalizeUrl } from '../url/normalize.js'
import { iso, isDue, rethrowAbort, savePost, shortestCadence, type RefreshContext } from './context.js'
import type { PageBacklink } from '../extract/backlinks.js'
import { nextPoll } from './schedule.js'

const MAX_COMMENTS = 200
const MAX_INCOMING = 200

function ownUrls(post: StoredPost): Set<string> {
  return new Set([post.url, post.finalUrl, post.canonicalUrl].map((u) => (u ? normalizeUrl(u) : null)).filter((u): u is string => !!u))
}

function addIncoming(post: StoredPost, refs: IncomingRef[]): void {
  const own = ownUrls(post)
  const list = [...(post.incoming ?? [])]
  for (const ref of refs) {
    if (own.has(ref.url) || list.some((r) => r.url === ref.url && r.kind === ref.kind)) continue
    list.push(ref)
  }
  post.incoming = list.slice(-MAX_INCOMING)
}

/** Add comments not stored yet (by id); returns how many were new. Links inside them become incoming references. */
export function mergeComments(post: StoredPost, comments: FeedComment[]): number {
  const stored = post.comments ?? []
  const known = new Set(stored.map((c) => c.id))
  const fresh = comments.filter((c) => !known.has(c.id))
  if (!fresh.length) return 0
  const time = (c: StoredComment) => Date.parse(c.published ?? '') || 0
  const merged: StoredComment[] = [...stored, ...fresh.map(({ id, kind, author, published, text, link }) => ({ id, kind, author, published, text, link }))]
  post.comments = merged.sort((a, b) => time(b) - time(a)).slice(0, MAX_COMMENTS)
  addIncoming(post, fresh.flatMap((c) => c.links.map((url) => ({ url, kind: c.kind === 'pingback' ? 'pingback' as const : 'comment-link' as const, via: c.link, author: c.author, at: c.published }))))
  return fresh.length
}

/** Pingbacks and trackbacks listed on the post's page become incoming references too. */
export function mergeBacklinks(post: StoredPost, backlinks: PageBacklink[]): void {
  if (!backlinks.length) return
  addIncoming(post, backlinks.map((b) => ({ url: b.url, kind: b.kind, via: null, author: b.text, at: null })))
}

const isGone = (feed: StoredFeed) => feed.outcome === 'error:http-404' || feed.outcome === 'error:http-410'

/**
 * Poll one post's comment feed when due, conditionally once its comments are stored,
 * and store what is new. The post and the feed's record are written together.
 */
export async function refreshComments(postUrl: string, eventIds: string[], ctx: RefreshContext): Promise<void> {
  const post = ctx.store.getPost(postUrl)
  // A post not in its blog's feed (an old one) may still link its comment feed from its page.
  const url = post ? post.commentsFeedUrl ?? findCommentFeed(undefined, null, post.links) : null
  // A gone post gets no new comments worth a request.
  if (!post || !url || post.status === 'skipped' || post.status === 'gone') return
  const previous: StoredFeed = ctx.store.getFeed(url) ?? { url, title: null, outcome: 'pending', reason: null, httpStatus: null, fetchedAt: null, etag: null, lastModified: null, itemCount: 0, role: 'comments' }
  if (!isDue({ nextAt: previous.nextPollAt, gone: isGone(previous) }, ctx)) {
    ctx.report.notDue.commentFeeds++
    return
  }
  const record: StoredFeed = { ...previous, role: 'comments', fetchedAt: iso(ctx) }
  let comments: FeedComment[] | null = null
  try {
    const parsedBefore = previous.outcome === 'stored' || previous.outcome === 'not-modified'
    const result = await ctx.fetcher.fetch({ url, kind: 'feed', signal: ctx.signal, ...(parsedBefore ? { etag: previous.etag, lastModified: previous.lastModified } : {}) })
    ctx.report.commentFeedsPolled++
    Object.assign(record, { httpStatus: result.status, reason: null })
    if (result.etag) record.etag = result.etag
    if (result.lastModified) record.lastModified = result.lastModified
    if (result.notModified) record.outcome = 'not-modified'
    else {
      const parsed = await parseCommentFeed(result.body, result.finalUrl, ctx.parseDate ? { parseDate: ctx.parseDate } : {})
      comments = parsed.comments
      Object.assign(record, { outcome: 'stored', itemCount: parsed.totalComments })
    }
  } catch (error) {
    rethrowAbort(error, ctx)
    const failed = outcomeForError(error)
    Object.assign(record, { outcome: failed.outcome, reason: failed.reason, httpStatus: failed.httpStatus })
    // A guessed comment feed that does not exist is not trouble.
    if (!isGone(record)) {
      ctx.report.errors++
      ctx.report.failures.push({ url, what: 'comments', outcome: failed.outcome, reason: failed.reason })
    }
  }
  const events = eventIds.map((id) => ctx.store.getEvent(id)).filter((e): e is StoredEvent => !!e)
  const cadence = shortestCadence(events, ctx)
  const next = nextPoll({ now: ctx.now().getTime(), cadenceMs: cadence.ms, cadenceLabel: cadence.label, gone: isGone(record) })
  const current = ctx.store.getPost(postUrl)
  if (current) {
    const copy = structuredClone(current)
    const added = comments ? mergeComments(copy, comments) : 0
    const found = !copy.commentsFeedUrl
    if (found) copy.commentsFeedUrl = url
    if (added || found) savePost(ctx, copy)
    ctx.report.newComments += added
  }
  ctx.store.putFeed({ ...record, lastPolledAt: iso(ctx), nextPollAt: new Date(next.at).toISOString(), pollReason: next.reason })
}
