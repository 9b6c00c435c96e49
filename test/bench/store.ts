// npm run bench:store [-- --sizes 1000,10000,100000]
// The JSON store at several sizes, each in its own process: a simulated crawl into an empty
// store (bytes written, rewrites, peak RSS), the cost of one batch of 100 changes on the
// finished file, its size, and how long it takes to load.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildBench } from './crawl-build.js'
import { runChild } from './crawl-child.js'
import type { BatchPhase, CrawlPhase, LoadPhase } from './store-run.js'

const USAGE = 'usage: npm run bench:store [-- --sizes 1000,10000,100000]'

function sizes(): number[] {
  try {
    const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000,100000' }, help: { type: 'boolean', short: 'h' } } })
    if (values.help) {
      console.log(USAGE)
      process.exit(0)
    }
    const list = values.sizes!.split(',').map(Number)
    if (!list.length || list.some((n) => !Number.isInteger(n) || n < 10)) throw new Error('--sizes takes integers >= 10, comma-separated')
    return list
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 * 10 ? 1 : 0)
const sec = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1)
const orError = <T extends object>(value: T | { error: string }, show: (v: T) => string) => ('error' in value ? 'fails' : show(value))

const runs: Array<{ crawl: CrawlPhase; batch: BatchPhase; load: LoadPhase }> = []
const compiled = await buildBench()
for (const n of sizes()) {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-bench-store-'))
  const file = join(dir, 'roundup.json')
  try {
    const phase = async <T>(name: string) => (await runChild('./store-run.ts', [name, String(n), file], { timeoutMs: 60 * 60_000, compiled })) as unknown as T
    process.stderr.write(`bench:store: ${n} posts: simulated crawl…\n`)
    const crawl = await phase<CrawlPhase>('crawl')
    process.stderr.write(`bench:store: ${n} posts: batches and loads…\n`)
    runs.push({ crawl, batch: await phase<BatchPhase>('batch'), load: await phase<LoadPhase>('load') })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const lines: string[] = []
const first = runs[0]?.crawl
lines.push(`bench:store: average post ${((first?.averagePostBytes ?? 0) / 1024).toFixed(1)} KB serialised; each crawled page = 1 new post + 2 claim updates on earlier posts`)
lines.push('')
lines.push('| posts | file MB | crawl: changes | rewrites | MB written | written / file | flushing every 50 changes would write | crawl s | crawl peak RSS MB | open for writing s | batch of 100: first write s | later batches s | batch peak RSS MB | read-only load s | load peak RSS MB |')
lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const { crawl: c, batch: b, load: l } of runs) {
  lines.push(`| ${c.posts} | ${mb(c.fileBytes)} | ${c.puts} | ${c.rewrites} | ${mb(c.bytesWritten)} | ${(c.bytesWritten / c.fileBytes).toFixed(1)}× | ${mb(c.every50Bytes)} MB (${(c.every50Bytes / c.fileBytes).toFixed(0)}×) | ${sec(c.ms)} | ${c.peakRssMb} | ` +
    `${orError(b, (v) => sec(v.openMs))} | ${orError(b, (v) => sec(v.firstWriteMs))} | ${orError(b, (v) => sec(v.medianWriteMs))} | ${orError(b, (v) => String(v.peakRssMb))} | ${orError(l, (v) => sec(v.ms))} | ${orError(l, (v) => String(v.peakRssMb))} |`)
}
for (const { crawl: c, batch: b, load: l } of runs) {
  const errors = new Set([b, l].filter((v): v is { error: string } => 'error' in v).map((v) => v.error))
  for (const error of errors) lines.push(`${c.posts} posts: opening the ${mb(c.fileBytes)} MB file fails: ${error}`)
}
process.stdout.write(lines.join('\n') + '\n')
