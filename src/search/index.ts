import { RoundupError } from '../errors.js'
import { requireEvent } from '../events/require-event.js'
import type { Logger } from '../log.js'
import type { Store } from '../store/store.js'
import { searchIndex, type SearchOptions, type SearchOutcome } from './query.js'
import { updateSearchIndex, type IndexReport } from './update-index.js'

export interface SearchStoreOptions extends SearchOptions {
  /** Where the index is kept (see searchIndexFileFor); null keeps it in memory for this call only. */
  indexFile: string | null
  logger?: Logger
}

export interface SearchReport extends SearchOutcome {
  query: string
  eventId: string | null
  index: IndexReport
}

const MAX_QUERY = 500

/** Search the store's posts: update the persisted index incrementally, then query it. */
export async function searchStore(store: Store, query: string, options: SearchStoreOptions): Promise<SearchReport> {
  const clean = query.replace(/\s+/g, ' ').trim()
  if (!clean) throw new RoundupError('OPTIONS_INVALID', 'the search query is empty')
  if (clean.length > MAX_QUERY) throw new RoundupError('OPTIONS_INVALID', `the search query is ${clean.length} characters long; keep it under ${MAX_QUERY}`)
  if (options.eventId !== undefined) requireEvent(store, options.eventId)
  const { state, report } = await updateSearchIndex(store, options.indexFile, options.logger)
  const outcome = searchIndex(state, store.snapshot(), clean, options)
  return { query: clean, eventId: options.eventId ?? null, ...outcome, index: report }
}

export { searchIndex, type SearchHit, type SearchOptions, type SearchOutcome } from './query.js'
export { searchIndexFileFor, updateSearchIndex, type IndexReport } from './update-index.js'
export { makeSnippet, type Snippet } from './snippet.js'
export { syncSearchIndex, createSearchIndex, type SearchIndex, type SyncStats } from './search-index.js'
