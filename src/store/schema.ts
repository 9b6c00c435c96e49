import type { Candidate, FieldSource, LinkKind } from '../extract/types.js'

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
}

export interface StoredEvent {
  id: string
  title: string
  titleSource: 'user' | 'derived'
  seeds: string[]
  posts: EventMember[]
  createdAt: string
  updatedAt: string
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
}

export interface StoreData {
  format: typeof STORE_FORMAT
  version: typeof SCHEMA_VERSION
  posts: Record<string, StoredPost>
  events: Record<string, StoredEvent>
  feeds: Record<string, StoredFeed>
}

export function emptyStore(): StoreData {
  return { format: STORE_FORMAT, version: SCHEMA_VERSION, posts: {}, events: {}, feeds: {} }
}

export function emptyPost(url: string, now: string): StoredPost {
  return {
    url, status: 'skipped', outcome: 'pending', reason: null, httpStatus: null, finalUrl: null, canonicalUrl: null,
    etag: null, lastModified: null, fetchedAt: null, firstSeenAt: now, title: null, authors: [], published: null,
    updated: null, excerpt: null, siteName: null, lang: null, feedUrl: null, text: '', sources: {}, candidates: {},
    links: [], claims: [],
  }
}
