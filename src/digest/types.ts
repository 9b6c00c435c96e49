import type { MemberReason, PostStatus } from '../store/schema.js'

/** The digest's JSON shape; documented in the README. */
export interface Digest {
  format: 'roundup-digest'
  version: 1
  generatedAt: string
  events: DigestEvent[]
}

export interface DigestEvent {
  id: string
  title: string
  seeds: string[]
  createdAt: string
  updatedAt: string
  /** Earliest and latest published date among the posts. */
  dateRange: { from: string | null; to: string | null }
  /** What the coverage is about: tf-idf terms of the event's posts against the whole store. */
  keywords: string[]
  posts: DigestPost[]
}

export interface DigestPost {
  url: string
  finalUrl: string | null
  title: string | null
  /** Authors joined with ", " (null when unknown); `authors` has them one by one. */
  author: string | null
  authors: string[]
  siteName: string | null
  published: string | null
  excerpt: string | null
  feedUrl: string | null
  /** When roundup last fetched the post (ISO 8601): the "accessed" date of a citation. */
  fetchedAt: string | null
  status: PostStatus
  outcome: string
  reason: string | null
  httpStatus: number | null
  isSeed: boolean
  depth: number
  via: string | null
  /** Why the post belongs: seed, crossref (listed in a section), body-link (linked and on-topic), pingback, matched-terms, links-to. */
  reachedBy: MemberReason
  /** The chain of posts from a seed to this one, seed first, this post last. */
  path: string[]
  /** How the post was listed by the page that linked to it ("Jessica Valenzuela, Maven Digital Mashup"). */
  listedAs: string | null
  /** Posts of this event that this post links to, and that link to it. */
  linksTo: string[]
  linkedFrom: string[]
  /** Which source gave each field (json-ld, opengraph, platform, crossref-claim, …). */
  sources: Record<string, string>
  /** The web archive's copy of a lost post: null until looked up; `snapshotUrl` null when the archive has none. */
  archive: { snapshotUrl: string | null; timestamp: string | null; checkedAt: string } | null
  /** When the post joined the event (ISO 8601); for a post `roundup refresh` found in a feed, when it found it. */
  discoveredAt: string
  /** For posts refresh found: 'link' (the page links to the event) or 'terms' (--match-terms); null otherwise. */
  matchedBy: 'link' | 'terms' | null
  /** Why refresh added it: "links to <url>", or the terms it shares; null otherwise. */
  discoveryReason: string | null
  /** What refresh saw change (title, excerpt, status, finalUrl), oldest first. */
  changes: Array<{ at: string; field: string; from: string | null; to: string | null }>
  /** The post's comments (from its comment feed) and pingbacks/trackbacks, newest first. */
  comments: Array<{ kind: string; author: string | null; published: string | null; text: string; link: string | null }>
  /** Pages pointing at the post from its comments: links inside comments, pingbacks, trackbacks. */
  incoming: Array<{ url: string; kind: string; via: string | null }>
}

export type DigestFormat = 'json' | 'md' | 'html' | 'bibtex' | 'ris' | 'csl' | 'opml' | 'atom'

export interface RenderOptions {
  /** Include the seed posts in md/html (they are the blogger's own). @default false */
  withSeeds?: boolean
  /** Section heading for md/html. @default 'Related coverage' */
  heading?: string
}
