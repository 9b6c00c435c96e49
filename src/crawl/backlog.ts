/**
 * Pages fetched and waiting for extraction. When extraction is the bottleneck (a fast site,
 * no politeness), fetching ahead of it only piles up page bodies in memory: a new fetch
 * waits while `limit` pages are in extraction. Politeness waits happen before a page is
 * counted, so a polite crawl is never held back by this.
 */
export interface Backlog {
  /** Resolves when a fetched page would not have to wait in line for extraction. */
  admit(): Promise<void>
  /** Run `extract` counted as one page in the backlog. */
  run<T>(extract: () => Promise<T>): Promise<T>
}

export function createBacklog(limit: number): Backlog {
  let held = 0
  const waiting: Array<() => void> = []
  return {
    async admit() {
      while (held >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    },
    async run(extract) {
      held++
      try {
        return await extract()
      } finally {
        held--
        waiting.shift()?.()
      }
    },
  }
}
