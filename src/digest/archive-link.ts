import { displayDate, safeHref } from './safe.js'
import type { DigestPost } from './types.js'

/** What the digest says about a lost post's archived copy. */
export type ArchiveLink = { kind: 'snapshot'; href: string; day: string | null } | { kind: 'none' }

/**
 * The archived copy of a post whose live copy is lost, or 'none' when the archive was
 * asked and had none; null when there is nothing to say (never asked).
 */
export function archiveLink(post: DigestPost): ArchiveLink | null {
  if (!post.archive) return null
  const href = safeHref(post.archive.snapshotUrl)
  if (href) return { kind: 'snapshot', href, day: displayDate(post.archive.timestamp) }
  // A post we still hold (its host is down today) keeps its live link; "no copy" would only confuse.
  return post.status === 'ok' ? null : { kind: 'none' }
}
