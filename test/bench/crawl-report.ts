// The bench:crawl table: one row per crawler, then the ratios the targets in issue 6 are set on.
import { availableParallelism, loadavg } from 'node:os'
import type { ServerStats } from './blogosphere-server.js'
import type { SpawnedResult } from './crawl-child.js'

export interface CrawlRow {
  key: string
  label: string
  polite: boolean
  result: SpawnedResult
  server: ServerStats
}

export interface CrawlSetup {
  hosts: number
  posts: number
  latencyMs: number
  delayMs: number
  concurrency: number
  pagesTotal: number
  pageBytes: number
  /** The fastest finish of an ideal crawler that finds pages by following links (crawl-floor.ts), in ms. */
  floorMs: number
}

const rate = (row: CrawlRow) => row.result.pages / (row.result.wallMs / 1000)
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–')

function politeness(row: CrawlRow, delayMs: number): string {
  const { maxInFlightPerHost, minGapMs, minGapPair } = row.server
  if (!row.polite) return `${maxInFlightPerHost} in flight/host`
  const ok = maxInFlightPerHost <= 1 && minGapMs >= delayMs
  return `${maxInFlightPerHost} in flight/host, min gap ${fixed(minGapMs, 1)} ms${minGapPair ? ` (${minGapPair})` : ''} ${ok ? 'ok' : 'VIOLATED'}`
}

export function renderCrawlReport(rows: CrawlRow[], setup: CrawlSetup): string {
  const lines: string[] = []
  lines.push(`bench:crawl: ${setup.hosts} hosts × ${setup.posts} posts = ${setup.pagesTotal} pages (${fixed(setup.pageBytes / setup.pagesTotal / 1024, 0)} KB average), ` +
    `${setup.latencyMs} ms latency, concurrency ${setup.concurrency}, polite delay ${setup.delayMs} ms; ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  lines.push('')
  lines.push('| run | pages | wall s | pages/s | peak RSS MB | CPU s | requests (page/feed/robots/other) | server saw |')
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |')
  for (const row of rows) {
    const r = row.result
    const q = row.server.requests
    lines.push(`| ${row.label} | ${r.pages} | ${fixed(r.wallMs / 1000, 2)} | ${fixed(rate(row), 0)} | ${r.peakRssMb} | ${fixed(r.cpuMs / 1000, 1)} | ${q.page}/${q.feed}/${q.robots}/${q.other} | ${politeness(row, setup.delayMs)} |`)
  }
  const get = (key: string) => rows.find((row) => row.key === key)
  const ratio = (a: CrawlRow | undefined, b: CrawlRow | undefined) => (a && b ? rate(a) / rate(b) : NaN)
  const bound = setup.posts * setup.delayMs
  const c = get('c')
  const e = get('e')
  lines.push('')
  lines.push(`roundup (c) / raw+parse (b): ${fixed(ratio(c, get('b')), 2)}   (target >= 0.8)`)
  const c0 = get('c0')
  if (c0) lines.push(`  with links-only extraction (c0) / (b): ${fixed(ratio(c0, get('b')), 2)}   (no title, author, date, excerpt or text: the most a cheaper extractor could gain)`)
  lines.push(`roundup (c) / Crawlee (d):   ${fixed(ratio(c, get('d')), 2)}   (target >= 2)`)
  lines.push(`roundup (e) / Crawlee polite: ${fixed(ratio(e, get('d-polite')), 2)}   (target > 1)`)
  if (e) {
    lines.push(`polite time / bound: ${fixed(e.result.wallMs / bound, 3)}   (bound = ${setup.posts} pages × ${setup.delayMs} ms = ${fixed(bound / 1000, 1)} s; target <= 1.15)`)
    lines.push(`  a crawler that finds posts by following the lists, with no CPU cost, robots.txt first and the ${setup.latencyMs} ms response time, ` +
      `cannot beat ${fixed(setup.floorMs / 1000, 2)} s (${fixed(setup.floorMs / bound, 3)} × bound); roundup takes ${fixed(e.result.wallMs / setup.floorMs, 3)} × that`)
  }
  for (const row of rows) {
    const host = row.server.lastHost
    if (!row.polite || !host) continue
    lines.push(`  ${row.label}: the last host to finish started at ${fixed(host.startMs / 1000, 2)} s, ended at ${fixed(host.endMs / 1000, 2)} s after ${host.requests} requests; ` +
      `gaps median ${fixed(host.medianGapMs, 0)} ms, longest ${fixed(host.maxGapMs, 0)} ms`)
  }
  const dp = get('d-polite')
  if (dp) lines.push(`Crawlee polite time / bound: ${fixed(dp.result.wallMs / bound, 2)}`)
  for (const row of rows) {
    if (row.server.repeatedPages || row.server.distinctPages !== setup.pagesTotal || row.server.notFound) {
      lines.push(`note: ${row.label}: ${row.server.distinctPages}/${setup.pagesTotal} distinct pages served, ${row.server.repeatedPages} fetched more than once, ${row.server.notFound} not found`)
    }
  }
  return lines.join('\n') + '\n'
}
