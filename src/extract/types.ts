/** Where a field's value came from, in order of trust. */
export type FieldSource =
  | 'json-ld'
  | 'opengraph'
  | 'meta'
  | 'microformats'
  | 'platform'
  | 'feed'
  | 'crossref-claim'
  | 'heuristic'
  | 'title-tag'
  | 'url'

export interface Candidate<T = string> {
  value: T
  source: FieldSource
  /** A short note on which rule gave it, e.g. 'meta[name=author]'. */
  rule?: string
}

/** How an outbound link relates to the post. */
export type LinkKind = 'crossref' | 'body' | 'comment' | 'nav'

export interface ExtractedLink {
  /** Absolute http(s) URL, normalised for dedupe. */
  url: string
  /** Plain anchor text. */
  text: string
  kind: LinkKind
  /** For crossref links: the whole entry text, e.g. "Jessica Valenzuela, Maven Digital Mashup". */
  entryText?: string
  /** For crossref links: author and blog name claimed by the entry text. */
  claimedAuthor?: string | null
  claimedSite?: string | null
  /** For crossref links: the lead-in that introduced the section, e.g. "Other blog posts on the same session:". */
  section?: string
}

export interface CrossRefSection {
  /** The lead-in text as found on the page. */
  heading: string
  entries: Array<{ url: string; text: string; entryText: string; claimedAuthor: string | null; claimedSite: string | null }>
}

export interface FeedLink {
  url: string
  type: 'rss' | 'atom' | 'json' | 'unknown'
  title: string | null
}

export interface ExtractedPage {
  url: string
  canonicalUrl: string | null
  title: string | null
  /** Individual names, already split. */
  authors: string[]
  /** ISO 8601, with the page's own offset when it gave one; date-only 'YYYY-MM-DD' when it gave no time. */
  published: string | null
  updated: string | null
  /** Plain text, at most 300 characters, cut on a word with an ellipsis. */
  excerpt: string | null
  siteName: string | null
  lang: string | null
  feeds: FeedLink[]
  links: ExtractedLink[]
  crossRefs: CrossRefSection[]
  /** Plain body text of the post, capped (for search and term matching). */
  text: string
  /** Winning source of each field, and the losing candidates with theirs. */
  sources: Partial<Record<'title' | 'author' | 'published' | 'updated' | 'excerpt' | 'siteName', FieldSource>>
  candidates: Partial<Record<'title' | 'author' | 'published' | 'excerpt' | 'siteName', Candidate[]>>
}

export interface ExtractOptions {
  /** The time of the fetch: later dates are rejected. @default now */
  fetchedAt?: Date
  /** Cap on stored body text. @default 20000 */
  maxTextLength?: number
}
