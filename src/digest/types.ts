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
}

export type DigestFormat = 'json' | 'md' | 'html'

export interface RenderOptions {
  /** Include the seed posts in md/html (they are the blogger's own). @default false */
  withSeeds?: boolean
  /** Section heading for md/html. @default 'Related coverage' */
  heading?: string
}
