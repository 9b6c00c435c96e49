import type { FrontierItem } from '../frontier/frontier.js'
import { hostKey } from '../url/normalize.js'

export interface HostQueues {
  /** Start the visit now if its host has room, else queue it behind that host's others. */
  push(item: FrontierItem): void
  /** Visits running or queued. */
  readonly pending: number
}

/**
 * At most `perHost` visits per host are handed to the fetcher at once; the rest wait here,
 * in frontier order. A host with 5,000 listed posts then costs 5,000 array slots, not 5,000
 * pending fetches, each with its promises, timers and abort listeners; other hosts' visits
 * never wait behind it.
 */
export function createHostQueues(perHost: number, run: (item: FrontierItem) => Promise<void>, onSettled: () => void): HostQueues {
  const hosts = new Map<string, { active: number; queue: FrontierItem[]; head: number }>()
  let pending = 0

  const hostOf = (url: string): string => {
    try {
      return hostKey(url)
    } catch {
      return url
    }
  }

  const start = (host: string) => {
    const state = hosts.get(host)!
    while (state.active < perHost && state.head < state.queue.length) {
      const item = state.queue[state.head]!
      state.queue[state.head++] = undefined as unknown as FrontierItem
      state.active++
      void run(item).finally(() => {
        state.active--
        pending--
        if (state.head >= state.queue.length) {
          state.queue = []
          state.head = 0
        }
        start(host)
        onSettled()
      })
    }
  }

  return {
    push(item) {
      const host = hostOf(item.url)
      let state = hosts.get(host)
      if (!state) hosts.set(host, (state = { active: 0, queue: [], head: 0 }))
      state.queue.push(item)
      pending++
      start(host)
    },
    get pending() {
      return pending
    },
  }
}
