// Runs crawls through the real createRoundup() in a process of its own, so the test can read
// that process's peak RSS and every address it dialled. Usage: node --import tsx crawl-runner.ts '<jobs JSON>'
// Prints one JSON document on stdout: the reports, the rendered digests, the dialled hosts and maxRSS.
import net from 'node:net'
import { createRoundup, type CrawlCallOptions } from '../../src/roundup.js'
import type { RoundupOptions } from '../../src/options.js'
import type { CrawlReport } from '../../src/crawl/crawl.js'

export interface RunnerJob {
  name: string
  seeds: string[]
  options: Omit<RoundupOptions, 'logger'>
  call: Pick<CrawlCallOptions, 'depth' | 'maxPages'>
}

export interface RunnerJobResult {
  name: string
  report: CrawlReport
  md: string
  html: string
  json: string
  wallMs: number
}

export interface RunnerOutput {
  jobs: RunnerJobResult[]
  /** Every host handed to net.connect, in order. */
  dialled: string[]
  /** Hosts the guard below refused to dial: must stay empty. */
  blocked: string[]
  /** process.resourceUsage().maxRSS, in KiB. */
  maxRssKb: number
}

const dialled: string[] = []
const blocked: string[] = []

// Safety net, not the thing under test: nothing but 127.0.0.0/8 may be dialled from this
// process. Anything else is recorded and sent to a closed loopback port instead.
const connect = net.connect
const guarded = function (this: unknown, ...args: unknown[]) {
  const options = args[0]
  if (options && typeof options === 'object') {
    const host = String((options as { host?: unknown }).host ?? 'localhost')
    dialled.push(host)
    if (!/^127\.\d+\.\d+\.\d+$/.test(host)) {
      blocked.push(host)
      args[0] = { ...(options as object), host: '127.0.0.1', port: 1, lookup: undefined }
    }
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args)
}
net.connect = guarded as typeof net.connect
net.createConnection = guarded as typeof net.createConnection

const jobs = JSON.parse(process.argv[2] ?? '[]') as Array<RunnerJob & { dataFile: string }>
const results: RunnerJobResult[] = []
for (const job of jobs) {
  const started = performance.now()
  const roundup = createRoundup({ ...job.options, dataFile: job.dataFile })
  const report = await roundup.crawl(job.seeds, job.call)
  const wallMs = Math.round(performance.now() - started)
  const [md, html, json] = await Promise.all([
    roundup.digest({ format: 'md', withSeeds: true }),
    roundup.digest({ format: 'html', withSeeds: true }),
    roundup.digest({ format: 'json' }),
  ])
  results.push({ name: job.name, report, md, html, json, wallMs })
}
const output: RunnerOutput = { jobs: results, dialled, blocked, maxRssKb: process.resourceUsage().maxRSS }
process.stdout.write(JSON.stringify(output))
