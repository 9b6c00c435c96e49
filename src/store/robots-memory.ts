import type { RobotsMemory } from '../fetch/robots.js'
import type { Store } from './store.js'

/** The fetcher option that keeps robots.txt in `store` across runs, when the store can keep it. */
export function robotsMemoryOf(store: Store): { robotsMemory?: RobotsMemory } {
  if (!store.getRobots || !store.putRobots) return {}
  return { robotsMemory: { get: (host) => store.getRobots!(host), put: (robots) => store.putRobots!(robots) } }
}
