import { RoundupError } from '../errors.js'
import type { StoredEvent } from '../store/schema.js'
import type { Store } from '../store/store.js'
import { requireEvent } from './require-event.js'

export interface MergeResult {
  event: StoredEvent
  /** Posts of the merged-in event that were not in the target yet. */
  movedPosts: number
  movedSeeds: number
  deleted: string
}

/**
 * Merge event `fromId` into `intoId`: its posts and seeds move over (a post
 * in both keeps its shortest path from a seed), and `fromId` is deleted.
 * A URL the user removed from either event stays removed unless the target
 * still holds it. The target keeps its id and title.
 */
export function mergeEvents(store: Store, intoId: string, fromId: string, now: Date = new Date()): MergeResult {
  if (intoId === fromId) throw new RoundupError('OPTIONS_INVALID', `cannot merge event "${intoId}" into itself`)
  const into = structuredClone(requireEvent(store, intoId))
  const from = requireEvent(store, fromId)
  const removed = new Set(into.removed ?? [])

  let movedPosts = 0
  for (const member of from.posts) {
    if (removed.has(member.url)) continue
    const existing = into.posts.find((p) => p.url === member.url)
    if (!existing) {
      into.posts.push(structuredClone(member))
      movedPosts++
    } else if (member.depth < existing.depth) {
      Object.assign(existing, { depth: member.depth, via: member.via, reason: member.reason })
    }
  }
  const seeds = new Set(into.seeds)
  const movedSeeds = from.seeds.filter((s) => !seeds.has(s)).length
  into.seeds = [...into.seeds, ...from.seeds.filter((s) => !seeds.has(s))]

  const members = new Set(into.posts.map((p) => p.url))
  const allRemoved = [...removed, ...(from.removed ?? [])].filter((url) => !members.has(url))
  if (allRemoved.length) into.removed = [...new Set(allRemoved)]
  if (from.judged) into.judged = { ...structuredClone(from.judged), ...into.judged }
  if (from.createdAt < into.createdAt) into.createdAt = from.createdAt
  into.updatedAt = now.toISOString()

  store.putEvent(into)
  store.deleteEvent(fromId)
  return { event: into, movedPosts, movedSeeds, deleted: fromId }
}
