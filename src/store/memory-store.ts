import { emptyStore, type StoreData, type StoredEvent, type StoredFeed, type StoredPost, type StoredRobots, type StoredSite } from './schema.js'
import type { Store } from './store.js'

/** A store that lives in memory only: a test seam and a scratch space for `extract`. */
export function createMemoryStore(initial: StoreData = emptyStore()): Store {
  const data = structuredClone(initial)
  data.feeds ??= {}
  data.sites ??= {}
  return {
    location: ':memory:',
    getPost: (url) => data.posts[url],
    putPost: (post: StoredPost) => void (data.posts[post.url] = post),
    listPosts: () => Object.values(data.posts),
    getEvent: (id) => data.events[id],
    putEvent: (event: StoredEvent) => void (data.events[event.id] = event),
    deleteEvent: (id) => void delete data.events[id],
    listEvents: () => Object.values(data.events),
    getFeed: (url) => data.feeds[url],
    putFeed: (feed: StoredFeed) => void (data.feeds[feed.url] = feed),
    getSite: (url) => data.sites[url],
    putSite: (site: StoredSite) => void (data.sites[site.url] = site),
    getRobots: (url) => data.robots?.[url],
    putRobots: (robots: StoredRobots) => void ((data.robots ??= {})[robots.url] = robots),
    snapshot: () => data,
    flush: async () => {},
    close: async () => {},
  }
}
