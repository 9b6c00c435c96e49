import { RoundupError } from '../errors.js'
import type { StoredEvent } from '../store/schema.js'
import type { Store } from '../store/store.js'
import { normalizeUrl } from '../url/normalize.js'
import { requireEvent } from './require-event.js'

export interface RemoveResult {
  /** The URL as given, normalised. */
  url: string
  /** Events the post was removed from now. */
  removedFrom: string[]
  /** Events that had it removed already. */
  alreadyRemoved: string[]
}

/** Every URL a post answers to: the listed one, where it redirected, its canonical URL. */
function aliasesOf(store: Store, url: string): string[] {
  const post = store.getPost(url)
  const all = [url, post?.finalUrl, post?.canonicalUrl].map((u) => (u ? normalizeUrl(u) : null))
  return [...new Set(all.filter((u): u is string => u !== null))]
}

/**
 * Take a post out of one event (or of every event holding it) and remember
 * the removal, so later crawls and refreshes do not add it back. The URL
 * may be the listed one, the redirect target or the canonical URL. A seed
 * stays a seed (re-crawls still start from it) but is no longer listed.
 */
export function removePost(store: Store, input: string, options: { eventId?: string; now?: Date } = {}): RemoveResult {
  const url = normalizeUrl(input)
  if (!url) throw new RoundupError('URL_INVALID', `not an http(s) URL: ${input}`)
  const events = options.eventId !== undefined ? [requireEvent(store, options.eventId)] : store.listEvents()
  const now = (options.now ?? new Date()).toISOString()
  const result: RemoveResult = { url, removedFrom: [], alreadyRemoved: [] }

  for (const stored of events) {
    const matches = stored.posts.filter((m) => aliasesOf(store, m.url).includes(url))
    if (matches.length === 0) {
      if (stored.removed?.includes(url)) result.alreadyRemoved.push(stored.id)
      continue
    }
    const event: StoredEvent = structuredClone(stored)
    const gone = new Set(matches.map((m) => m.url))
    event.posts = event.posts.filter((m) => !gone.has(m.url))
    const removed = new Set(event.removed ?? [])
    for (const member of matches) for (const alias of aliasesOf(store, member.url)) removed.add(alias)
    removed.add(url)
    event.removed = [...removed]
    event.updatedAt = now
    store.putEvent(event)
    result.removedFrom.push(event.id)
  }

  if (result.removedFrom.length === 0 && result.alreadyRemoved.length === 0) {
    const where = options.eventId !== undefined ? `event "${options.eventId}"` : 'any event'
    throw new RoundupError('POST_NOT_FOUND', `no post ${url} in ${where}; "roundup digest --format json" lists the posts and their URLs`, { url })
  }
  return result
}
