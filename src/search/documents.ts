import { createHash } from 'node:crypto'
import type { StoredPost } from '../store/schema.js'

/** What the index holds for one post; the id is the post's normalised URL. */
export interface SearchDocument {
  id: string
  title: string
  authors: string
  site: string
  excerpt: string
  text: string
}

export const SEARCH_FIELDS = ['title', 'authors', 'site', 'excerpt', 'text'] as const

/** A post worth indexing has some text of its own; a never-fetched URL does not. */
export function isSearchable(post: StoredPost): boolean {
  return Boolean(post.title || post.excerpt || post.text)
}

export function toSearchDocument(post: StoredPost): SearchDocument {
  return {
    id: post.url,
    title: post.title ?? '',
    authors: post.authors.join(', '),
    site: post.siteName ?? '',
    excerpt: post.excerpt ?? '',
    text: post.text ?? '',
  }
}

/**
 * A hash of exactly the indexed fields. Not fetchedAt: a 304 re-crawl
 * touches that without changing a word, while a claim or a feed can fill in
 * an author without any fetch.
 */
export function fingerprint(post: StoredPost): string {
  const doc = toSearchDocument(post)
  return createHash('sha256').update(JSON.stringify(SEARCH_FIELDS.map((f) => doc[f]))).digest('base64url').slice(0, 22)
}
