import { performance } from 'node:perf_hooks'
import pLimit from 'p-limit'
import type { LimitFunction } from 'p-limit'
import type { FetcherStats } from './types.js'
import { raceAbort } from './race-abort.js'
import { sleep } from './sleep.js'

export interface HostScheduler {
  /** Run one request to `host` once the host allows it and a global slot is free. */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>
  /** No request to `host` starts within the next `ms` (Retry-After). */
  deferHost(host: string, ms: number): void
  /** Raise the host's minimum gap (Crawl-delay); never below the configured delay. */
  setHostDelay(host: string, ms: number): void
  stats(): FetcherStats
}

export interface SchedulerOptions {
  concurrency: number
  perHost: number
  delayMs: number
}

interface HostState {
  limit: LimitFunction
  /** performance.now() before which no request may start. */
  notBefore: number
  delayMs: number
  /** performance.now() when the last request finished. */
  lastFinished: number
  inFlight: number
  maxInFlight: number
  requests: number
}

/**
 * We see a response end when its last bytes arrive; a busy server may log its end a few ms
 * later (2 ms was not always enough on a loaded machine), and must still never see a gap
 * shorter than the delay. 2% of the delay, at least 4 ms.
 */
function gapMarginMs(delayMs: number): number {
  return delayMs > 0 ? Math.max(4, Math.ceil(delayMs * 0.02)) : 0
}

/**
 * Per-host politeness under a global limit. A task first takes its host's slot and waits
 * out the host's delay, and only then queues for a global slot: a task waiting on its own
 * host never holds a global slot, so one slow host cannot idle the others.
 */
export function createHostScheduler(options: SchedulerOptions): HostScheduler {
  const global = pLimit(options.concurrency)
  const hosts = new Map<string, HostState>()
  let requests = 0

  const stateOf = (host: string): HostState => {
    let state = hosts.get(host)
    if (!state) {
      state = { limit: pLimit(options.perHost), notBefore: 0, delayMs: options.delayMs, lastFinished: -Infinity, inFlight: 0, maxInFlight: 0, requests: 0 }
      hosts.set(host, state)
    }
    return state
  }

  const run = <T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    const state = stateOf(host)
    const job = state.limit(async () => {
      // The wait can be pushed further while we sleep (Retry-After from a sibling request).
      for (let wait = state.notBefore - performance.now(); wait > 0; wait = state.notBefore - performance.now()) {
        await sleep(Math.ceil(wait), signal)
      }
      return global(async () => {
        signal?.throwIfAborted()
        state.inFlight++
        state.requests++
        requests++
        state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
        try {
          return await task()
        } finally {
          state.inFlight--
          // The gap runs from when this request finished, body included.
          state.lastFinished = performance.now()
          state.notBefore = Math.max(state.notBefore, state.lastFinished + state.delayMs + gapMarginMs(state.delayMs))
        }
      })
    })
    if (!signal) return job
    // An aborted caller leaves at once; its queued job still runs later, sees the abort and stops.
    job.catch(() => {})
    return raceAbort(job, signal)
  }

  return {
    run,
    deferHost(host, ms) {
      const state = stateOf(host)
      state.notBefore = Math.max(state.notBefore, performance.now() + ms)
    },
    setHostDelay(host, ms) {
      const state = stateOf(host)
      state.delayMs = Math.max(options.delayMs, ms)
      // Applies from the request that brought the news (robots.txt itself), not only the next one.
      state.notBefore = Math.max(state.notBefore, state.lastFinished + state.delayMs + gapMarginMs(state.delayMs))
    },
    stats() {
      const byHost: FetcherStats['byHost'] = {}
      for (const [host, state] of hosts) if (state.requests) byHost[host] = { requests: state.requests, maxInFlight: state.maxInFlight }
      return { requests, byHost }
    },
  }
}
