import type { PostStatus } from '../store/schema.js'

/** How one post links to another: listed in a cross-reference section, in the body, or in a comment. */
export type EdgeKind = 'crossref' | 'body' | 'comment'

/** One post as the page's script sees it: plain text only, links already checked to be http(s). */
export interface SitePost {
  /** Short id inside the page, e.g. 'p3'. */
  id: string
  url: string
  /** The live link, or null when the post is not available. */
  href: string | null
  title: string
  authors: string[]
  /** Blog name, or the host when the page named none. */
  blog: string
  published: string | null
  /** The calendar day as the page wrote it, YYYY-MM-DD. */
  day: string | null
  excerpt: string | null
  status: PostStatus
  /** Why the post has no live link, in words; null when it has one. */
  note: string | null
  /** The archive's answer: a snapshot link, `href: null` for none; null when never asked. */
  archive: { href: string | null; day: string | null } | null
  isSeed: boolean
  depth: number
  reachedBy: string
}

export interface SiteEdge {
  from: string
  to: string
  kind: EdgeKind
}

export interface GraphLayout {
  width: number
  height: number
  /** `anchor`: which side of the dot the label sits on (SVG text-anchor: 'end' = left). */
  nodes: Array<{ id: string; x: number; y: number; label: string; anchor: 'start' | 'end' }>
}

export interface TimelineLayout {
  width: number
  height: number
  ticks: Array<{ x: number; label: string }>
  dots: Array<{ id: string; x: number; y: number }>
  /** Posts without a date, left off the timeline. */
  undated: number
}

/** Everything one event page shows; embedded in the page as JSON. */
export interface SiteEvent {
  id: string
  title: string
  /** File name of the page, without `.html`. */
  slug: string
  generatedAt: string
  dateRange: { from: string | null; to: string | null }
  posts: SitePost[]
  edges: SiteEdge[]
  graph: GraphLayout
  timeline: TimelineLayout
}
