import type { Claim, MemberReason } from '../store/schema.js'

export interface FrontierItem {
  /** Normalised URL. */
  url: string
  depth: number
  via: string | null
  reason: MemberReason
  claim?: Claim
}

/**
 * The crawl frontier: what is still to fetch, and what was already seen.
 * In memory by default; a Redis-backed queue can implement the same shape.
 */
export interface Frontier {
  /** Adds the item unless its URL was seen before; says whether it was added. */
  push(item: FrontierItem): boolean
  /** Next item, breadth first, or undefined when empty. */
  shift(): FrontierItem | undefined
  /** Marks a URL (e.g. a redirect target) as seen without queueing it. */
  markSeen(url: string): void
  has(url: string): boolean
  readonly size: number
}

export function createMemoryFrontier(): Frontier {
  const seen = new Set<string>()
  const queue: FrontierItem[] = []
  let head = 0
  return {
    push(item) {
      if (seen.has(item.url)) return false
      seen.add(item.url)
      queue.push(item)
      return true
    },
    shift() {
      if (head >= queue.length) return undefined
      const item = queue[head]
      queue[head++] = undefined as unknown as FrontierItem
      if (head > 1024 && head * 2 > queue.length) {
        queue.splice(0, head)
        head = 0
      }
      return item
    },
    markSeen: (url) => void seen.add(url),
    has: (url) => seen.has(url),
    get size() {
      return queue.length - head
    },
  }
}
