import type { RobotsMemory } from '../fetch/robots.js'
import type { Store } from './store.js'

/** The fetcher option that keeps robots.txt in `store` across runs, when the store can keep it. */
export function robotsMemoryOf(store: Store): { robotsMemory?: RobotsMemory } {
  const { getRobots, putRobots } = store
  if (!getRobots || !putRobots) return {}
  return { robotsMemory: { get: (host) => getRobots.call(store, host), put: (robots) => putRobots.call(store, robots) } }
}
