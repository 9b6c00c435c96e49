// bench:crawl row (d): Crawlee's CheerioCrawler on the same graph, following the same links
// (the cross-reference section, which the pages mark with .xref-block for this selector).
//
// Politeness: Crawlee has no per-host limit, and sameDomainDelaySecs keys on the registrable
// domain (tldts getDomain), which is null for an IP address, so it does nothing on 127.0.0.x;
// it also times from a request's start, not its end. The polite run therefore adds what a
// Crawlee user would write: a per-host gate in preNavigationHooks (one request in flight per
// host, the next starting `delayMs` after the previous one's body was read), released in the
// request handler or the error handler, plus respectRobotsTxtFile.
import { performance } from 'node:perf_hooks'
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio'
import { writeResult } from './crawl-child.js'

export interface CrawleeConfig {
  seedUrl: string
  maxPages: number
  maxConcurrency: number
  /** 0 for no politeness. */
  delayMs: number
}

const config = JSON.parse(process.argv[2]!) as CrawleeConfig
log.setLevel(log.LEVELS.ERROR)

interface HostGate {
  busy: boolean
  lastEnd: number
  waiters: Array<() => void>
}
const gates = new Map<string, HostGate>()
const holding = new Map<string, string>()

function gateOf(host: string): HostGate {
  let gate = gates.get(host)
  if (!gate) gates.set(host, (gate = { busy: false, lastEnd: -Infinity, waiters: [] }))
  return gate
}

async function acquire(id: string, url: string): Promise<void> {
  const host = new URL(url).host
  const gate = gateOf(host)
  while (gate.busy || performance.now() < gate.lastEnd + config.delayMs) {
    if (gate.busy) await new Promise<void>((resolve) => gate.waiters.push(resolve))
    else await new Promise((resolve) => setTimeout(resolve, Math.ceil(gate.lastEnd + config.delayMs - performance.now())))
  }
  gate.busy = true
  holding.set(id, host)
}

function release(id: string): void {
  const host = holding.get(id)
  if (host === undefined) return
  holding.delete(id)
  const gate = gateOf(host)
  gate.busy = false
  gate.lastEnd = performance.now()
  gate.waiters.shift()?.()
}

let pages = 0
let failed = 0
const polite = config.delayMs > 0
const crawler = new CheerioCrawler(
  {
    maxConcurrency: config.maxConcurrency,
    maxRequestsPerCrawl: config.maxPages,
    maxRequestRetries: 3,
    respectRobotsTxtFile: polite,
    preNavigationHooks: polite ? [async ({ request }) => acquire(request.id!, request.url)] : [],
    async requestHandler({ request, enqueueLinks }) {
      release(request.id!)
      pages++
      await enqueueLinks({ selector: '.xref-block a', strategy: 'all' })
    },
    errorHandler: ({ request }) => release(request.id!),
    failedRequestHandler: ({ request }) => {
      release(request.id!)
      failed++
    },
  },
  new Configuration({ persistStorage: false, purgeOnStart: true }),
)

const started = performance.now()
await crawler.run([config.seedUrl])
const wallMs = performance.now() - started
writeResult({ pages, wallMs, notes: { failed } })
