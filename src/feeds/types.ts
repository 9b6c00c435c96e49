export interface FeedItem {
  /** Normalised link of the post, or null. */
  link: string | null
  guid: string | null
  title: string | null
  authors: string[]
  /** As the feed wrote it, converted to ISO 8601 with its own offset where possible. */
  published: string | null
  updated: string | null
  categories: string[]
  /** Plain-text summary or start of the content. */
  excerpt: string | null
  commentsFeed: string | null
}

export interface ParsedFeed {
  url: string
  kind: 'rss' | 'atom' | 'json' | 'unknown'
  title: string | null
  siteUrl: string | null
  /** Items kept (newest first, capped). */
  items: FeedItem[]
  /** How many items the feed had before the cap. */
  totalItems: number
  ttlMinutes: number | null
}
