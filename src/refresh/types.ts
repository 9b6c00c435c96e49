import type { ExtractedPage, ExtractOptions } from '../extract/types.js'
import type { Fetcher } from '../fetch/types.js'
import type { Logger } from '../log.js'
import type { PostChange } from '../store/schema.js'
import type { Store } from '../store/store.js'

export interface RefreshInput {
  /** Only this event (see `roundup events`); every event when absent. */
  eventId?: string
  /** Poll feeds and check posts now even when they are not due (gone ones keep their weekly check). @default false */
  force?: boolean
  /** Also add feed items that only share the event's terms (see terms.ts for the threshold). @default false */
  matchTerms?: boolean
  /** New feed items judged per feed and event in one run; the rest wait for the next run. @default 10 */
  maxNewPerFeed?: number
}

export interface RefreshDeps {
  fetcher: Fetcher
  store: Store
  extract: (html: string, url: string, options?: ExtractOptions) => ExtractedPage
  logger?: Logger
  now?: () => Date
  /** Date parser for feed dates that keeps the feed's own offset. */
  parseDate?: (text: string) => string | null
  /** Aborts every request of the run (SIGTERM from cron, a deadline). */
  signal?: AbortSignal
}

export interface RefreshChange extends PostChange {
  url: string
}

export interface RefreshAddition {
  event: string
  url: string
  title: string | null
  matchedBy: 'link' | 'terms'
  reason: string
}

export interface RefreshFailure {
  url: string
  /** What was asked for: a blog feed, a post, a new feed item, a comment feed, or a discovery probe. */
  what: 'feed' | 'post' | 'candidate' | 'comments' | 'discovery'
  outcome: string
  reason: string | null
}

/** The `--json` summary of one refresh. */
export interface RefreshReport {
  events: string[]
  /** Blog feeds fetched (conditional or not), and how many of those answered 304. */
  feedsPolled: number
  feedsNotModified: number
  commentFeedsPolled: number
  /** Posts asked for again, and what came of it. */
  postsChecked: number
  unchanged: number
  changed: number
  /** Posts added to an event from a feed. */
  new: number
  /** Posts that went gone (404/410) in this run. */
  gone: number
  /** Comments stored for the first time. */
  newComments: number
  errors: number
  /** Feeds and posts left alone because they were not due (see `--force`). */
  notDue: { feeds: number; posts: number; commentFeeds: number }
  sitesDiscovered: number
  /** HTTP requests sent, robots.txt included. */
  requests: number
  durationMs: number
  changes: RefreshChange[]
  added: RefreshAddition[]
  failures: RefreshFailure[]
}
