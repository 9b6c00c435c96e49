import { RoundupError } from '../errors.js'
import { eventKeywords } from '../events/keywords.js'
import type { StoreData, StoredEvent, StoredPost } from '../store/schema.js'
import { normalizeUrl } from '../url/normalize.js'
import type { Digest, DigestEvent, DigestPost } from './types.js'

/** Build the digest of one event (or all) from a store snapshot. Pure. */
export function buildDigest(data: StoreData, options: { eventId?: string; now?: Date } = {}): Digest {
  let events = Object.values(data.events)
  if (options.eventId !== undefined) {
    const event = data.events[options.eventId]
    if (!event) {
      const known = events.map((e) => e.id).join(', ') || 'none yet'
      throw new RoundupError('EVENT_NOT_FOUND', `no event "${options.eventId}" in the store (known: ${known}); run "roundup events" to list them`)
    }
    events = [event]
  }
  events.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const keywords = eventKeywords(data, { eventIds: events.map((e) => e.id) })
  return {
    format: 'roundup-digest',
    version: 1,
    generatedAt: (options.now ?? new Date()).toISOString(),
    events: events.map((event) => buildEvent(event, data.posts, keywords[event.id] ?? [])),
  }
}

function buildEvent(event: StoredEvent, store: Record<string, StoredPost>, keywords: string[]): DigestEvent {
  // Each member's post read once: a store snapshot may read posts from disk on every access.
  const posts: Record<string, StoredPost> = {}
  for (const member of event.posts) {
    const post = Object.hasOwn(store, member.url) ? store[member.url] : undefined
    if (post) posts[member.url] = post
  }
  const members = event.posts.filter((m) => posts[m.url])
  // Every URL a member answers to, so links to a redirect target or canonical URL still count.
  const owner = new Map<string, string>()
  for (const member of members) {
    const post = posts[member.url]!
    for (const alias of [post.url, post.finalUrl, post.canonicalUrl]) {
      const key = alias ? normalizeUrl(alias) : null
      if (key && !owner.has(key)) owner.set(key, post.url)
    }
  }
  const linksTo = new Map<string, Set<string>>()
  const linkedFrom = new Map<string, Set<string>>()
  for (const member of members) {
    for (const link of posts[member.url]!.links) {
      const target = owner.get(link.url)
      if (!target || target === member.url) continue
      if (!linksTo.has(member.url)) linksTo.set(member.url, new Set())
      linksTo.get(member.url)!.add(target)
      if (!linkedFrom.has(target)) linkedFrom.set(target, new Set())
      linkedFrom.get(target)!.add(member.url)
    }
  }
  const viaOf = new Map(members.map((m) => [m.url, m.via]))
  const digestPosts: DigestPost[] = members.map((member) => {
    const post = posts[member.url]!
    return {
      url: post.url,
      finalUrl: post.finalUrl,
      title: post.title,
      author: post.authors.length ? post.authors.join(', ') : null,
      authors: [...post.authors],
      siteName: post.siteName,
      published: post.published,
      excerpt: post.excerpt,
      feedUrl: post.feedUrl,
      fetchedAt: post.fetchedAt,
      status: post.status,
      outcome: post.outcome,
      reason: post.reason,
      httpStatus: post.httpStatus,
      isSeed: event.seeds.includes(post.url),
      depth: member.depth,
      via: member.via,
      reachedBy: member.reason,
      path: pathFromSeed(member.url, viaOf),
      listedAs: post.claims[0]?.entryText ?? null,
      linksTo: [...(linksTo.get(post.url) ?? [])].sort(),
      linkedFrom: [...(linkedFrom.get(post.url) ?? [])].sort(),
      sources: Object.fromEntries(Object.entries(post.sources).filter(([, source]) => typeof source === 'string')) as Record<string, string>,
      archive: post.archive ? { snapshotUrl: post.archive.snapshotUrl, timestamp: post.archive.timestamp, checkedAt: post.archive.checkedAt } : null,
      discoveredAt: member.discoveredAt ?? member.addedAt,
      matchedBy: member.matchedBy ?? null,
      discoveryReason: member.discoveryReason ?? null,
      changes: (post.history ?? []).map(({ at, field, from, to }) => ({ at, field, from, to })),
      comments: (post.comments ?? []).map(({ kind, author, published, text, link }) => ({ kind, author, published, text, link })),
      incoming: (post.incoming ?? []).map(({ url, kind, via }) => ({ url, kind, via })),
    }
  })
  digestPosts.sort(comparePosts)
  const dates = digestPosts.map((p) => p.published).filter((d): d is string => !!d).sort()
  return {
    id: event.id,
    title: event.title,
    seeds: [...event.seeds],
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
    dateRange: { from: dates[0] ?? null, to: dates[dates.length - 1] ?? null },
    keywords,
    posts: digestPosts,
  }
}

/** Follow `via` back to a seed; a cycle or a missing link ends the walk. */
function pathFromSeed(url: string, viaOf: Map<string, string | null>): string[] {
  const path = [url]
  let current = viaOf.get(url) ?? null
  while (current && !path.includes(current) && path.length < 64) {
    path.unshift(current)
    current = viaOf.get(current) ?? null
  }
  return path
}

/** Seeds first, then by publication date, undated last, then by URL for a stable order. */
function comparePosts(a: DigestPost, b: DigestPost): number {
  if (a.isSeed !== b.isSeed) return a.isSeed ? -1 : 1
  if (a.published && b.published && a.published !== b.published) {
    // The calendar day as each page wrote it decides first; the instant only breaks ties.
    const dayA = a.published.slice(0, 10)
    const dayB = b.published.slice(0, 10)
    if (dayA !== dayB) return dayA < dayB ? -1 : 1
    const diff = (Date.parse(a.published) || 0) - (Date.parse(b.published) || 0)
    if (diff !== 0) return diff
  }
  if (!a.published !== !b.published) return a.published ? -1 : 1
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0
}
