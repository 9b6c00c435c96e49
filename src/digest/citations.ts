import { citationKeys } from './cite-key.js'
import { splitName, type CitationName } from './names.js'
import { oneLine, safeHref } from './safe.js'
import type { Digest } from './types.js'

/** [year, month?, day?] as the page wrote it. */
export type DateParts = [number] | [number, number] | [number, number, number]

/** One blog post as a reference manager sees it; the shared input of the BibTeX, RIS and CSL renderers. */
export interface Citation {
  key: string
  url: string
  title: string
  authors: CitationName[]
  /** The blog's name: the container of a post. */
  container: string | null
  issued: DateParts | null
  accessed: DateParts | null
  abstract: string | null
}

/** The calendar date an ISO 8601 string starts with, in the writer's own offset; null when there is none. */
export function dateParts(iso: string | null): DateParts | null {
  const match = iso ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso) : null
  if (!match) return null
  const year = Number(match[1])
  if (!match[2]) return [year]
  const month = Number(match[2])
  if (month < 1 || month > 12) return [year]
  if (!match[3]) return [year, month]
  const day = Number(match[3])
  return day >= 1 && day <= 31 ? [year, month, day] : [year, month]
}

/**
 * Every post of the digest that can be cited (it has a title and an http(s)
 * URL), once each even when several events hold it, seeds included: a
 * researcher cites the seeds too.
 */
export function toCitations(digest: Digest): Citation[] {
  const seen = new Set<string>()
  const drafts: Omit<Citation, 'key'>[] = []
  for (const event of digest.events) {
    for (const post of event.posts) {
      const url = safeHref(post.finalUrl ?? post.url)
      const title = oneLine(post.title)
      if (!url || !title || seen.has(post.url)) continue
      seen.add(post.url)
      drafts.push({
        url,
        title,
        authors: post.authors.map(splitName).filter((n): n is CitationName => n !== null),
        container: oneLine(post.siteName) || null,
        issued: dateParts(post.published),
        accessed: dateParts(post.fetchedAt),
        abstract: oneLine(post.excerpt) || null,
      })
    }
  }
  const keys = citationKeys(drafts)
  return drafts.map((draft, i) => ({ key: keys[i]!, ...draft }))
}
