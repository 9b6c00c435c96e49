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
  return place(event, event.posts.find((p) => p.url === member.url), member)
}

/** Push `member`, or promote `existing` (the member with its URL) when `member` is shallower. */
function place(event: StoredEvent, existing: EventMember | undefined, member: EventMember): boolean {
  if (event.removed?.includes(member.url)) return false
  if (!existing) event.posts.push(member)
  else if (member.depth < existing.depth) Object.assign(existing, { depth: member.depth, via: member.via, reason: member.reason })
  return true
}

/** The event's members by URL, for a crawl that adds thousands of them. */
export interface MemberIndex {
  has(url: string): boolean
  /** addMember, by lookup. */
  add(member: EventMember): boolean
}

/**
 * A scan of the members per page made a 10,000-page crawl do 50 million comparisons. The
 * crawl owns its event, so it keeps an index: the list may change only through add() or by
 * assigning `event.posts` a new array, which is indexed again on the next call.
 */
export function indexMembers(event: StoredEvent): MemberIndex {
  let posts: EventMember[] | null = null
  let index = new Map<string, number>()
  const current = (): EventMember[] => {
    if (posts !== event.posts) {
      posts = event.posts
      index = new Map()
      posts.forEach((p, i) => {
        if (!index.has(p.url)) index.set(p.url, i)
      })
    }
    return posts
  }
  return {
    has: (url) => (current(), index.has(url)),
    add(member) {
      const list = current()
      const at = index.get(member.url)
      const placed = place(event, at === undefined ? undefined : list[at], member)
      if (placed && at === undefined) index.set(member.url, list.length - 1)
      return placed
    },
  }
}
