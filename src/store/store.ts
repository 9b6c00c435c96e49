import type { StoreData, StoredEvent, StoredFeed, StoredPost, StoredRobots, StoredSite } from './schema.js'

/**
 * The store behind every stage. lowdb is the embedded default
 * (createJsonStore); a PostgreSQL implementation only has to provide this.
 */
export interface Store {
  /** Where the data lives, for messages. */
  readonly location: string
  getPost(url: string): StoredPost | undefined
  putPost(post: StoredPost): void
  /**
   * Optional: change a post when it is next read or written, instead of now. For small
   * additions to many stored posts (a crawl's claims), where get-copy-put would serialise
   * each post again. False when there is no such post.
   */
  patchPost?(url: string, patch: (post: StoredPost) => StoredPost): boolean
  listPosts(): StoredPost[]
  getEvent(id: string): StoredEvent | undefined
  putEvent(event: StoredEvent): void
  deleteEvent(id: string): void
  listEvents(): StoredEvent[]
  getFeed(url: string): StoredFeed | undefined
  putFeed(feed: StoredFeed): void
  /** Feed discovery per site (origin). */
  getSite(url: string): StoredSite | undefined
  putSite(site: StoredSite): void
  /** Optional: robots.txt per host, kept across runs; a store without these fetches it every run. */
  getRobots?(url: string): StoredRobots | undefined
  putRobots?(robots: StoredRobots): void
  /**
   * Everything, for the digest: read it, do not change it. Posts may be read from the store
   * as they are asked for, so read it before changing the store or closing it.
   */
  snapshot(): StoreData
  /** Write pending changes now (batched writes otherwise happen on a timer). */
  flush(): Promise<void>
  /** Flush, release the lock and stop timers. */
  close(): Promise<void>
}
