import { createHash } from 'node:crypto'
import type { Store } from '../store/store.js'
import type { EventMember, StoredEvent } from '../store/schema.js'

export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug.slice(0, max).replace(/-+$/, '')
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 6)
}

/** Stable id from the first seed: readable from its path, unique by hash. */
export function eventIdFor(seed: string, title?: string): string {
  if (title) return slugify(title) || `event-${shortHash(title)}`
  const path = new URL(seed).pathname.replace(/\.[a-z0-9]+$/i, '')
  const last = path.split('/').filter(Boolean).pop() ?? ''
  const base = slugify(last, 40) || slugify(new URL(seed).hostname, 40)
  return `${base}-${shortHash(seed)}`
}

/**
 * The event a crawl of these seeds belongs to: one named by title, else one
 * that already holds any of the seeds, so a re-crawl updates rather than duplicates.
 */
export function findOrCreateEvent(store: Store, seeds: string[], title: string | undefined, now: string): { event: StoredEvent; created: boolean } {
  const events = store.listEvents()
  let event = title
    ? events.find((e) => e.title.toLowerCase() === title.toLowerCase() || e.id === title)
    : events.find((e) => e.seeds.some((s) => seeds.includes(s)))
  if (event) {
    const updated: StoredEvent = { ...event, seeds: [...new Set([...event.seeds, ...seeds])], updatedAt: now }
    if (title && event.titleSource !== 'user') Object.assign(updated, { title, titleSource: 'user' })
    return { event: updated, created: false }
  }
  let id = eventIdFor(seeds[0]!, title)
  for (let n = 2; store.getEvent(id); n++) id = `${eventIdFor(seeds[0]!, title)}-${n}`
  event = { id, title: title ?? seeds[0]!, titleSource: title ? 'user' : 'derived', seeds: [...seeds], posts: [], createdAt: now, updatedAt: now }
  return { event, created: true }
}

/** Add or promote a member; false when the user removed this URL from the event, which then stays out. */
export function addMember(event: StoredEvent, member: EventMember): boolean {
  if (event.removed?.includes(member.url)) return false
  let index = indexOf(event.posts)
  let at = index.get(member.url)
  if (at !== undefined && event.posts[at]?.url !== member.url) {
    // A member was replaced in place: index the array again.
    memberIndexes.delete(event.posts)
    index = indexOf(event.posts)
    at = index.get(member.url)
  }
  const existing = at === undefined ? undefined : event.posts[at]
  if (!existing) {
    index.set(member.url, event.posts.length)
    event.posts.push(member)
  } else if (member.depth < existing.depth) Object.assign(existing, { depth: member.depth, via: member.via, reason: member.reason })
  return true
}

// A crawl adds every page it stores to one event: a scan of the members per page made a
// 10,000-page crawl do 50 million comparisons. The index follows the array through addMember.
const memberIndexes = new WeakMap<EventMember[], Map<string, number>>()

function indexOf(posts: EventMember[]): Map<string, number> {
  const index = memberIndexes.get(posts)
  const last = posts[posts.length - 1]
  // Still good unless the array changed other than through addMember.
  if (index && index.size === posts.length && (!last || index.get(last.url) === posts.length - 1)) return index
  const fresh = new Map<string, number>()
  posts.forEach((p, i) => {
    if (!fresh.has(p.url)) fresh.set(p.url, i)
  })
  memberIndexes.set(posts, fresh)
  return fresh
}
