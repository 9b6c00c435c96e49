import { archiveLink } from '../digest/archive-link.js'
import { buildDigest } from '../digest/build.js'
import { displayDate, oneLine, safeHref } from '../digest/safe.js'
import { unavailableNote } from '../digest/status.js'
import type { DigestEvent } from '../digest/types.js'
import type { StoreData } from '../store/schema.js'
import { normalizeUrl } from '../url/normalize.js'
import { layoutGraph } from './layout-graph.js'
import { layoutTimeline } from './layout-timeline.js'
import type { EdgeKind, SiteEdge, SiteEvent, SitePost } from './types.js'

/** A cross-reference listing says more than a body link, which says more than a comment. */
const EDGE_RANK: Record<EdgeKind, number> = { crossref: 3, body: 2, comment: 1 }

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return url
  }
}

/** A node label short enough to sit beside a dot. */
function shortLabel(text: string, max = 22): string {
  return text.length > max ? text.slice(0, max - 1).trimEnd() + '…' : text
}

function toSitePost(post: DigestEvent['posts'][number], id: string): SitePost {
  const note = unavailableNote(post)
  const archived = archiveLink(post)
  return {
    id,
    url: post.url,
    href: note ? null : safeHref(post.finalUrl ?? post.url),
    title: oneLine(post.title ?? post.listedAs ?? post.url) || post.url,
    authors: post.authors.map((a) => oneLine(a)).filter(Boolean),
    blog: oneLine(post.siteName) || hostOf(post.url),
    published: post.published,
    day: displayDate(post.published),
    excerpt: post.excerpt ? oneLine(post.excerpt) : null,
    status: post.status,
    note,
    archive: archived ? (archived.kind === 'snapshot' ? { href: archived.href, day: archived.day } : { href: null, day: null }) : null,
    isSeed: post.isSeed,
    depth: post.depth,
    reachedBy: post.reachedBy,
  }
}

/**
 * Edges between the event's posts from each stored post's classified links; every URL a
 * post answers to (redirect target, canonical) counts. One edge per ordered pair, of
 * its strongest kind; links a page makes to itself are dropped.
 */
function buildEdges(data: StoreData, posts: SitePost[]): SiteEdge[] {
  const owner = new Map<string, string>()
  for (const post of posts) {
    const stored = data.posts[post.url]
    for (const alias of [post.url, stored?.finalUrl, stored?.canonicalUrl]) {
      const key = alias ? normalizeUrl(alias) : null
      if (key && !owner.has(key)) owner.set(key, post.id)
    }
  }
  const edges = new Map<string, SiteEdge>()
  for (const post of posts) {
    for (const link of data.posts[post.url]?.links ?? []) {
      const target = owner.get(normalizeUrl(link.url) ?? link.url)
      if (!target || target === post.id) continue
      const kind: EdgeKind = link.kind === 'crossref' ? 'crossref' : link.kind === 'comment' ? 'comment' : 'body'
      const key = `${post.id}>${target}`
      const existing = edges.get(key)
      if (!existing || EDGE_RANK[kind] > EDGE_RANK[existing.kind]) edges.set(key, { from: post.id, to: target, kind })
    }
  }
  return [...edges.values()]
}

/** File-name-safe form of an event id: the same id always gives the same page. */
export function pageSlug(id: string): string {
  const slug = id.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|[-_]+$/g, '').slice(0, 80)
  return slug || 'event'
}

/** Everything one event page shows, from a store snapshot. Pure. */
export function buildSiteEvent(data: StoreData, eventId: string, now: Date = new Date()): SiteEvent {
  const event = buildDigest(data, { eventId, now }).events[0]!
  const posts = event.posts.map((post, i) => toSitePost(post, `p${i}`))
  const edges = buildEdges(data, posts)
  const graph = layoutGraph(posts.map((p) => ({ id: p.id, depth: p.depth, day: p.day, label: shortLabel(p.authors[0] ?? p.blog) })))
  return {
    id: event.id,
    title: oneLine(event.title) || event.id,
    slug: pageSlug(event.id),
    generatedAt: now.toISOString(),
    dateRange: { from: displayDate(event.dateRange.from), to: displayDate(event.dateRange.to) },
    posts,
    edges,
    graph,
    timeline: layoutTimeline(posts),
  }
}
