// The fastest any polite crawler could finish the blogosphere if it found posts the way
// roundup must, by following cross-reference lists from the seed. The bound
// (posts per host × delay) assumes every host busy from the first moment; a crawler that
// discovers pages cannot be, and this says by how much on a given world.
import type { Blogosphere } from './blogosphere.js'

export interface FloorOptions {
  /** Server time per response (ms). */
  latencyMs: number
  /** Least gap from one response's end to the next request to the same host (ms). */
  delayMs: number
}

/**
 * Simulates an ideal crawler: no CPU cost, links known the moment a page arrives, robots.txt
 * first on each host, one request per host at a time, pages of a host in the order found,
 * and the feed fetched for free. Returns when its last response ends (ms).
 */
export function linkFollowingFloorMs(world: Blogosphere, options: FloorOptions): number {
  const { latencyMs, delayMs } = options
  const hostCount = world.hosts.length
  const queues: number[][] = world.hosts.map(() => [])
  const freeAt = new Array<number>(hostCount).fill(0)
  const started = new Array<boolean>(hostCount).fill(false)
  const busy = new Array<boolean>(hostCount).fill(false)
  const known = new Set<number>()
  // A min-heap of [time, kind, value]: kind 0 finds a post, kind 1 frees a host.
  const heap: Array<[number, number, number]> = []
  const push = (item: [number, number, number]) => {
    heap.push(item)
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1
      if (!before(heap[i]!, heap[parent]!)) break
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }
  const pop = (): [number, number, number] => {
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length) {
      heap[0] = last
      for (let i = 0; ; ) {
        const l = 2 * i + 1
        const r = l + 1
        let best = i
        if (l < heap.length && before(heap[l]!, heap[best]!)) best = l
        if (r < heap.length && before(heap[r]!, heap[best]!)) best = r
        if (best === i) break
        ;[heap[i], heap[best]] = [heap[best]!, heap[i]!]
        i = best
      }
    }
    return top
  }
  const find = (post: number, at: number) => {
    if (known.has(post)) return
    known.add(post)
    push([at, 0, post])
  }
  const startHost = (host: number, at: number) => {
    if (busy[host] || !queues[host]!.length) return
    busy[host] = true
    push([Math.max(at, freeAt[host]!), 1, host])
  }

  let end = 0
  find(world.seed, 0)
  while (heap.length) {
    const [at, kind, value] = pop()
    if (kind === 0) {
      const host = world.posts[value]!.host
      if (!started[host]) {
        // robots.txt comes first, and the delay runs from its end.
        started[host] = true
        freeAt[host] = at + latencyMs + delayMs
        end = Math.max(end, at + latencyMs)
      }
      queues[host]!.push(value)
      startHost(host, at)
      continue
    }
    const host = value
    busy[host] = false
    const post = queues[host]!.shift()
    if (post === undefined) continue
    const done = at + latencyMs
    end = Math.max(end, done)
    freeAt[host] = done + delayMs
    for (const next of world.posts[post]!.crossrefs) find(next, done)
    startHost(host, done)
  }
  return end
}

function before(a: [number, number, number], b: [number, number, number]): boolean {
  return a[0] !== b[0] ? a[0] < b[0] : a[1] < b[1]
}
