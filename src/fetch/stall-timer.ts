import { performance } from 'node:perf_hooks'

const TICK_MS = 20
/** A timer is credited at most this many times its own length, so it fires even under permanent load. */
const MAX_CREDIT = 4

/** Time the event loop spent blocked while at least one timer was running, in ms. */
let stalled = 0
let lastSample = 0
let running = 0
let ticker: NodeJS.Timeout | null = null

function sample(): number {
  const now = performance.now()
  const gap = now - lastSample
  // A tick that comes much later than due means the loop was busy: nothing could be read then.
  if (gap > TICK_MS * 2) stalled += gap - TICK_MS
  lastSample = now
  return stalled
}

function retain(): void {
  if (running++ > 0) return
  lastSample = performance.now()
  ticker = setInterval(sample, TICK_MS)
  ticker.unref()
}

function release(): void {
  if (--running > 0 || !ticker) return
  clearInterval(ticker)
  ticker = null
}

/**
 * Call `onExpire` after `ms` of time in which the event loop was free to read the network.
 * Time the loop spent blocked by our own work (parsing a large page or a 100k-item feed)
 * is credited back, up to MAX_CREDIT times `ms`, so a server is not blamed for answers we
 * could not read, and the timer still fires under permanent load. Returns a cancel function.
 */
export function stallAwareTimeout(ms: number, onExpire: () => void): () => void {
  retain()
  const since = sample()
  let credited = 0
  let done = false
  const check = () => {
    const owed = Math.min(ms * MAX_CREDIT - credited, sample() - since - credited)
    if (owed > TICK_MS) {
      credited += owed
      timer = setTimeout(check, owed)
      return
    }
    done = true
    release()
    onExpire()
  }
  let timer = setTimeout(check, ms)
  return () => {
    if (done) return
    done = true
    clearTimeout(timer)
    release()
  }
}
