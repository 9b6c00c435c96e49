import type { Candidate, FieldSource, LinkKind } from '../extract/types.js'
import type { FeedItem } from '../feeds/types.js'

export const STORE_FORMAT = 'roundup-store'
export const SCHEMA_VERSION = 1

/** What became of a URL: `stored`, `skipped:<why>` or `error:<what>`. */
export type Outcome = string

export type PostStatus = 'ok' | 'gone' | 'error' | 'skipped'

export interface StoredLink {
  url: string
  text: string
  kind: LinkKind
}

/** What a cross-reference entry said about its target ("Jessica Valenzuela, Maven Digital Mashup"). */
export interface Claim {
  from: string
  entryText: string
  author: string | null
  site: string | null
}

export interface StoredPost {
  /** Normalised URL: the key. */
  url: string
  status: PostStatus
  outcome: Outcome
  reason: string | null
  httpStatus: number | null
  finalUrl: string | null
  canonicalUrl: string | null
  etag: string | null
  lastModified: string | null
  fetchedAt: string | null
  firstSeenAt: string
  title: string | null
  authors: string[]
  published: string | null
  updated: string | null
  excerpt: string | null
  siteName: string | null
  lang: string | null
  feedUrl: string | null
  text: string
  sources: Partial<Record<string, FieldSource>>
  candidates: Partial<Record<string, Candidate[]>>
  links: StoredLink[]
  claims: Claim[]
  /** The web archive's answer for a post that is gone or unreachable; absent until looked up. */
  archive?: ArchiveRecord
  /** Categories from the blog's feed entry. */
  categories?: string[]
  /** The post's own comment feed (wfw:commentRss, Blogger's per-post feed), once found. */
  commentsFeedUrl?: string | null
  /** Comments from that feed, plus pingbacks and trackbacks from the page; newest first, capped. */
  comments?: StoredComment[]
  /** Pages pointing at this post from its comments: links inside comments, pingbacks, trackbacks. */
  incoming?: IncomingRef[]
  /** What `roundup refresh` saw change, oldest first. */
  history?: PostChange[]
  /** When refresh last asked for the post, and when it may ask again. */
  checkedAt?: string | null
  nextCheckAt?: string | null
}

/** One change a refresh noticed on a stored post. */
export interface PostChange {
  at: string
  field: 'title' | 'excerpt' | 'status' | 'finalUrl'
  from: string | null
  to: string | null
}

/** A comment from a post's comment feed, or a pingback or trackback from its page. */
export interface StoredComment {
  /** The feed's id for it (guid), else its link: the key that keeps comments unique. */
  id: string
  kind: 'comment' | 'pingback' | 'trackback'
  author: string | null
  published: string | null
  /** Plain text, capped. */
  text: string
  link: string | null
}

/** Another page pointing at a post, seen in its comments. */
export interface IncomingRef {
  url: string
  kind: 'comment-link' | 'pingback' | 'trackback'
  /** The comment that carried it, when there is one. */
  via: string | null
  author: string | null
  at: string | null
}

/** One look-up in the archive's availability API. */
export interface ArchiveRecord {
  /** When we asked (ISO 8601). */
  checkedAt: string
  /** The snapshot closest to the post's date, or null when the archive has none. */
  snapshotUrl: string | null
  /** When that snapshot was taken (ISO 8601, UTC), or null. */
  timestamp: string | null
}

/**
 * Why a post belongs to its event: a seed; listed in a cross-reference
 * section; linked from a post's body and judged on-topic (date and terms);
 * a pingback/trackback in a post's comments; or matched by terms alone.
 */
export type MemberReason = 'seed' | 'crossref' | 'body-link' | 'pingback' | 'matched-terms' | 'links-to'

export interface EventMember {
  url: string
  depth: number
  /** The post whose cross-reference section listed this one (null for seeds). */
  via: string | null
  reason: MemberReason
  addedAt: string
  /** For posts `roundup refresh` found in a feed: when, how, and why ("links to <url>"). */
  discoveredAt?: string
  matchedBy?: 'link' | 'terms'
  discoveryReason?: string
}

export interface StoredEvent {
  id: string
  title: string
  titleSource: 'user' | 'derived'
  seeds: string[]
  posts: EventMember[]
  createdAt: string
  updatedAt: string
  /** URLs the user removed (`roundup post remove`): crawls and refreshes must not add them back. */
  removed?: string[]
  /** When `roundup refresh` last finished this event. */
  refreshedAt?: string
  /** Feed items refresh has judged as new coverage of this event, by normalised link, so none is fetched twice. */
  judged?: Record<string, JudgedItem>
}

/** Refresh's verdict on one feed item as new coverage of an event. */
export interface JudgedItem {
  at: string
  verdict: 'added' | 'rejected' | 'failed'
  reason: string
  /** The item's updated date when judged: a later edit is judged again. */
  itemUpdated: string | null
  /** Whether --match-terms was on (a later run with it judges 'rejected' items again). */
  terms: boolean
  /** Failed fetches so far; after a few the item is left alone. */
  failures?: number
}

/** A blog's feed, fetched through the same guarded path as pages. */
export interface StoredFeed {
  url: string
  title: string | null
  outcome: Outcome
  reason: string | null
  httpStatus: number | null
  fetchedAt: string | null
  etag: string | null
  lastModified: string | null
  itemCount: number
  /** 'blog' for a site's feed, 'comments' for one post's comment feed. Absent means 'blog'. */
  role?: 'blog' | 'comments'
  /** When refresh last polled it, when it may poll again, and why then ("ttl 60 min", "event is 2 weeks old: daily"). */
  lastPolledAt?: string | null
  nextPollAt?: string | null
  pollReason?: string | null
  /** Items as last parsed (newest first, capped), so new coverage can be judged without fetching the feed again. */
  items?: FeedItem[]
  /** What the feed and its server said about polling, kept for the schedule. */
  hints?: FeedHints
}

/** Polling hints from a feed and its server. */
export interface FeedHints {
  /** RSS <ttl>, or the syndication module's update period, in minutes. */
  ttlMinutes: number | null
  /** RSS <skipHours> (0-23, GMT) and <skipDays> (Monday…Sunday). */
  skipHours: number[]
  skipDays: string[]
  /** Cache-Control max-age of the last response, in seconds. */
  maxAgeSeconds: number | null
  /** Retry-After of the last response, in seconds. */
  retryAfterSeconds: number | null
}

/** Where a site's feeds are, as feed discovery found them. */
export interface StoredSite {
  /** The site's origin (scheme, host, port): the key. */
  url: string
  /** Verified feed URLs, best first; empty when none was found. */
  feeds: string[]
  /** Which step found them: a post's <link rel=alternate>, the home page's, a platform convention, or none. */
  method: 'post-link' | 'home-link' | 'convention' | 'none'
  checkedAt: string
  /** Every candidate tried, with what became of it. */
  tried: Array<{ url: string; outcome: string }>
}

/** A host's robots.txt as last fetched, so runs within a day do not ask again (RFC 9309 §2.4 allows 24 h). */
export interface StoredRobots {
  /** The host's origin (scheme, host, port): the key. */
  url: string
  /** 'rules': the file as fetched; 'allow': there was none (a 4xx), so everything is allowed. */
  kind: 'rules' | 'allow'
  body: string
  fetchedAt: string
}

export interface StoreData {
  format: typeof STORE_FORMAT
  version: typeof SCHEMA_VERSION
  posts: Record<string, StoredPost>
  events: Record<string, StoredEvent>
  feeds: Record<string, StoredFeed>
  /** Feed discovery per site (added in 0.1 without a version bump: older files lack it and get {}). */
  sites: Record<string, StoredSite>
  /** robots.txt per host (added in 0.1 without a version bump: older files lack it and get {}). */
  robots?: Record<string, StoredRobots>
}

export function emptyStore(): StoreData {
  return { format: STORE_FORMAT, version: SCHEMA_VERSION, posts: {}, events: {}, feeds: {}, sites: {} }
}

export function emptyPost(url: string, now: string): StoredPost {
  return {
    url, status: 'skipped', outcome: 'pending', reason: null, httpStatus: null, finalUrl: null, canonicalUrl: null,
    etag: null, lastModified: null, fetchedAt: null, firstSeenAt: now, title: null, authors: [], published: null,
    updated: null, excerpt: null, siteName: null, lang: null, feedUrl: null, text: '', sources: {}, candidates: {},
    links: [], claims: [],
  }
}
