import type { PostChange, StoredPost } from '../store/schema.js'

/** History kept per post: enough to see a pattern, bounded so a flapping page cannot grow the store. */
const MAX_HISTORY = 50

function same(a: string | null, b: string | null): boolean {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()
  return norm(a) === norm(b)
}

/**
 * The changes between two versions of a stored post that a researcher cares about:
 * a new title or excerpt, a status that became or stopped being gone, a new final URL.
 * A field that went from something to nothing is not a change: the stored value stays.
 */
export function diffPost(before: StoredPost, after: StoredPost, at: string): PostChange[] {
  const changes: PostChange[] = []
  for (const field of ['title', 'excerpt'] as const) {
    if (before[field] && after[field] && !same(before[field], after[field])) changes.push({ at, field, from: before[field], to: after[field] })
  }
  const wasGone = before.status === 'gone'
  const isGone = after.status === 'gone'
  if (wasGone !== isGone && (isGone || before.fetchedAt)) changes.push({ at, field: 'status', from: before.status, to: after.status })
  if (after.finalUrl && before.finalUrl && after.finalUrl !== before.finalUrl) changes.push({ at, field: 'finalUrl', from: before.finalUrl, to: after.finalUrl })
  return changes
}

export function appendHistory(post: StoredPost, changes: PostChange[]): void {
  if (!changes.length) return
  post.history = [...(post.history ?? []), ...changes].slice(-MAX_HISTORY)
}
