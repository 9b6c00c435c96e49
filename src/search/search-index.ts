import MiniSearch, { type Options } from 'minisearch'
import type { StoredPost } from '../store/schema.js'
import { fingerprint, isSearchable, SEARCH_FIELDS, toSearchDocument, type SearchDocument } from './documents.js'
import { processTerm, tokenize } from './terms.js'

/** Bump when fields, tokenising or term processing change: an older index file is then rebuilt. */
export const INDEX_VERSION = 1
export const INDEX_FORMAT = 'roundup-search-index'

const OPTIONS: Options<SearchDocument> = {
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  tokenize,
  processTerm,
  // Vacuuming is asynchronous; it runs before saving instead of in the background.
  autoVacuum: false,
}

export interface SearchIndex {
  index: MiniSearch<SearchDocument>
  /** Per post URL, the fingerprint of what is indexed. */
  fingerprints: Record<string, string>
}

export interface SyncStats {
  added: number
  updated: number
  removed: number
  unchanged: number
}

export function createSearchIndex(): SearchIndex {
  return { index: new MiniSearch<SearchDocument>(OPTIONS), fingerprints: {} }
}

/** The index file's text: format, version, fingerprints and minisearch's own JSON. */
export function serializeSearchIndex(state: SearchIndex): string {
  return JSON.stringify({ format: INDEX_FORMAT, version: INDEX_VERSION, fingerprints: state.fingerprints, index: state.index.toJSON() })
}

/** Load an index file's text; null when it is from another version or not an index at all, so the caller rebuilds. */
export function parseSearchIndex(text: string): SearchIndex | null {
  try {
    const data = JSON.parse(text) as { format?: unknown; version?: unknown; fingerprints?: unknown; index?: unknown }
    if (data.format !== INDEX_FORMAT || data.version !== INDEX_VERSION) return null
    if (!data.fingerprints || typeof data.fingerprints !== 'object' || !data.index || typeof data.index !== 'object') return null
    const index = MiniSearch.loadJS<SearchDocument>(data.index as Parameters<typeof MiniSearch.loadJS>[0], OPTIONS)
    const fingerprints = data.fingerprints as Record<string, string>
    // A file whose two halves disagree is not worth trusting.
    if (index.documentCount !== Object.keys(fingerprints).length) return null
    return { index, fingerprints }
  } catch {
    return null
  }
}

/**
 * Bring the index up to date with the store: add new posts, re-index the
 * ones whose indexed text changed, drop the ones that are gone, and leave
 * the rest alone. Returns what it did.
 */
export function syncSearchIndex(state: SearchIndex, posts: Iterable<StoredPost>): SyncStats {
  const stats: SyncStats = { added: 0, updated: 0, removed: 0, unchanged: 0 }
  const seen = new Set<string>()
  for (const post of posts) {
    if (!isSearchable(post)) continue
    seen.add(post.url)
    const print = fingerprint(post)
    const known = state.fingerprints[post.url]
    if (known === print) {
      stats.unchanged++
      continue
    }
    if (known !== undefined) {
      state.index.discard(post.url)
      stats.updated++
    } else {
      stats.added++
    }
    state.index.add(toSearchDocument(post))
    state.fingerprints[post.url] = print
  }
  for (const url of Object.keys(state.fingerprints)) {
    if (seen.has(url)) continue
    state.index.discard(url)
    delete state.fingerprints[url]
    stats.removed++
  }
  return stats
}

/** Clean out discarded documents once they make up a fair share of the index. */
export async function compactSearchIndex(state: SearchIndex): Promise<boolean> {
  if (state.index.dirtCount === 0 || state.index.dirtFactor < 0.1) return false
  await state.index.vacuum({ batchSize: 10_000, batchWait: 0 })
  return true
}
