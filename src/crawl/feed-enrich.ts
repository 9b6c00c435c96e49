import type { Fetcher } from '../fetch/types.js'
import type { ParseFeedOptions } from '../feeds/parse.js'
import { parseAnyFeed } from '../feeds/parse-any.js'
import type { ParsedFeed } from '../feeds/types.js'
import type { StoredFeed, StoredPost } from '../store/schema.js'
import type { Store } from '../store/store.js'
import { outcomeForError } from './outcome.js'
import { applyFeedItem, findFeedItem } from '../feeds/fill-post.js'

export interface FeedContext {
  fetcher: Fetcher
  store: Store
  now: () => Date
  parseDate?: ParseFeedOptions['parseDate']
  /** One fetch per feed per crawl, however many of its posts are listed. */
  seen: Map<string, Promise<ParsedFeed | null>>
}

async function loadFeed(url: string, ctx: FeedContext): Promise<ParsedFeed | null> {
  const previous = ctx.store.getFeed(url)
  const record: StoredFeed = previous ? { ...previous } : { url, title: null, outcome: 'pending', reason: null, httpStatus: null, fetchedAt: null, etag: null, lastModified: null, itemCount: 0 }
  try {
    const result = await ctx.fetcher.fetch({ url, kind: 'feed' })
    record.fetchedAt = ctx.now().toISOString()
    record.httpStatus = result.status
    record.etag = result.etag
    record.lastModified = result.lastModified
    const feed = await parseAnyFeed(result.body, result.finalUrl, ctx.parseDate ? { parseDate: ctx.parseDate } : {})
    Object.assign(record, { title: feed.title, itemCount: feed.totalItems, outcome: 'stored', reason: null })
    return feed
  } catch (error) {
    const failed = outcomeForError(error)
    Object.assign(record, { outcome: failed.outcome, reason: failed.reason, httpStatus: failed.httpStatus ?? record.httpStatus })
    return null
  } finally {
    ctx.store.putFeed(record)
  }
}

/** Fill what the page left out from its blog's feed entry (see applyFeedItem), fetching each feed once per crawl. */
export async function enrichFromFeed(post: StoredPost, ctx: FeedContext): Promise<void> {
  if (!post.feedUrl) return
  let pending = ctx.seen.get(post.feedUrl)
  if (!pending) {
    pending = loadFeed(post.feedUrl, ctx)
    ctx.seen.set(post.feedUrl, pending)
  }
  const feed = await pending
  const item = feed ? findFeedItem(feed.items, post) : undefined
  if (!item) return
  applyFeedItem(post, item)
}
