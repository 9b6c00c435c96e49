import type { DigestPost } from './types.js'

/** Why a post has no live link, in words, or null when it is fine. */
export function unavailableNote(post: DigestPost): string | null {
  if (post.status === 'ok') return null
  if (post.status === 'gone') return `unavailable (HTTP ${post.httpStatus ?? 'gone'})`
  const outcome = post.outcome
  if (outcome === 'skipped:robots') return 'not fetched: robots.txt disallows it'
  if (outcome === 'skipped:ssrf') return 'not fetched: private or local address'
  if (outcome.startsWith('skipped:')) return `not fetched (${outcome.slice(8)})`
  if (outcome.startsWith('error:http-')) return `unavailable (HTTP ${outcome.slice(11)})`
  return `could not be fetched (${outcome.replace(/^error:/, '')})`
}
