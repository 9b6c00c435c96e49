import { silentLogger, type Logger } from '../log.js'
import { readSidecarFile, writeSidecarFile } from '../store/sidecar-file.js'
import type { Store } from '../store/store.js'
import { compactSearchIndex, createSearchIndex, parseSearchIndex, serializeSearchIndex, syncSearchIndex, type SearchIndex, type SyncStats } from './search-index.js'

export interface IndexReport extends SyncStats {
  /** The index file, or null when the index lives in memory only. */
  file: string | null
  /** True when there was no usable index file and everything was indexed afresh. */
  rebuilt: boolean
  /** Posts in the index now. */
  documents: number
}

/** The search index kept next to a store file. */
export function searchIndexFileFor(dataFile: string): string {
  return `${dataFile}.search.json`
}

/**
 * Load the persisted index (or start one), bring it up to date with the
 * store incrementally, and save it when anything changed. The index is a
 * cache of the store: an unreadable or outdated file is rebuilt, and a
 * failed save only costs the next run a rebuild.
 */
export async function updateSearchIndex(store: Store, file: string | null, logger: Logger = silentLogger): Promise<{ state: SearchIndex; report: IndexReport }> {
  let state: SearchIndex | null = null
  if (file) {
    const text = await readSidecarFile(file).catch((error: unknown) => {
      logger.warn('search index unreadable, rebuilding', { file, error: (error as Error).message })
      return null
    })
    state = text === null ? null : parseSearchIndex(text)
    if (text !== null && !state) logger.info('search index outdated or damaged, rebuilding', { file })
  }
  const rebuilt = state === null
  state ??= createSearchIndex()
  const stats = syncSearchIndex(state, store.listPosts())
  const compacted = await compactSearchIndex(state)
  const changed = rebuilt || compacted || stats.added + stats.updated + stats.removed > 0
  if (file && changed) {
    await writeSidecarFile(file, serializeSearchIndex(state)).catch((error: unknown) => {
      logger.warn('cannot save the search index; the next search rebuilds it', { file, error: (error as Error).message })
    })
  }
  logger.debug('search index', { file, rebuilt, ...stats })
  return { state, report: { ...stats, file, rebuilt, documents: state.index.documentCount } }
}
