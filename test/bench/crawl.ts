// npm run bench:crawl [-- --hosts 40 --posts 50 --latency 20 --delay 200 --concurrency 16 --only a,b,c,c0,d,dp,e]
// Crawls a synthetic blogosphere served from a child process on 127.0.0.x with: (a) raw undici,
// (b) raw undici + cheerio, (c) roundup without politeness, (d) Crawlee without and with
// politeness, (e) roundup with politeness; each crawler in its own process. Row c0 (only when
// asked for) is (c) with extraction cut down to what the crawl needs to follow the lists. Prints pages/s, wall
// time and peak RSS per row, the ratios the targets are set on, and what the server saw.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startBlogosphere, type RunningBlogosphere } from './blogosphere-process.js'
import type { ServerStats } from './blogosphere-server.js'
import { buildBench, buildLinksOnly } from './crawl-build.js'
import { runChild, type SpawnedResult } from './crawl-child.js'
import { renderCrawlReport, type CrawlRow } from './crawl-report.js'
import { createBlogosphere } from './blogosphere.js'
import { linkFollowingFloorMs } from './crawl-floor.js'

const USAGE = 'usage: npm run bench:crawl [-- --hosts N --posts N --latency MS --delay MS --concurrency N --links N --only a,b,c,c0,d,dp,e]'

function options() {
  try {
    const { values } = parseArgs({
      options: {
        hosts: { type: 'string', default: '40' },
        posts: { type: 'string', default: '50' },
        latency: { type: 'string', default: '20' },
        delay: { type: 'string', default: '200' },
        concurrency: { type: 'string', default: '16' },
        'crawlee-polite-concurrency': { type: 'string' },
        links: { type: 'string', default: '5' },
        only: { type: 'string', default: 'a,b,c,d,dp,e' },
        help: { type: 'boolean', short: 'h' },
      },
    })
    if (values.help) {
      console.log(USAGE)
      process.exit(0)
    }
    const int = (name: keyof typeof values, min: number) => {
      const value = Number(values[name])
      if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}`)
      return value
    }
    const hosts = int('hosts', 1)
    if (hosts > 2000) throw new Error('--hosts must be at most 2000')
    return {
      hosts, posts: int('posts', 1), latencyMs: int('latency', 0), delayMs: int('delay', 1), concurrency: int('concurrency', 1), links: int('links', 1),
      crawleePoliteConcurrency: values['crawlee-polite-concurrency'] === undefined ? hosts : int('crawlee-polite-concurrency', 1),
      only: new Set(values.only!.split(',').map((s) => s.trim())),
    }
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
}

async function measure(site: RunningBlogosphere, run: () => Promise<SpawnedResult>): Promise<{ result: SpawnedResult; server: ServerStats }> {
  await site.reset()
  const result = await run()
  return { result, server: await site.stats() }
}

async function main(): Promise<void> {
  const o = options()
  const pagesTotal = o.hosts * o.posts
  process.stderr.write(`bench:crawl: ${o.hosts} hosts × ${o.posts} posts = ${pagesTotal} pages, ${o.latencyMs} ms latency; starting the blogosphere…\n`)
  const worldOptions = { hosts: o.hosts, posts: o.posts, links: o.links }
  const [compiled, site] = await Promise.all([buildBench(), startBlogosphere({ ...worldOptions, latencyMs: o.latencyMs })])
  // The blogosphere stands in for servers on other machines: a crawler busy on both cores
  // must not delay its clock, or the server logs responses ending late and gaps too short.
  const run = (script: string, args: string[], build = compiled) => runChild(script, args, { compiled: build, nice: 10 })
  const dir = await mkdtemp(join(tmpdir(), 'roundup-bench-crawl-'))
  const rows: CrawlRow[] = []
  const raw = { ...worldOptions, origins: site.origins, concurrency: o.concurrency }
  const roundupArgs = (name: string, flags: string[]) => [
    'crawl', site.seedUrl, '--allow-private', '--depth', String(pagesTotal), '--max-pages', String(pagesTotal),
    '--concurrency', String(o.concurrency), '--no-archive', '--db', join(dir, `${name}.json`), '--json', ...flags,
  ]
  const step = async (key: string, row: Omit<CrawlRow, 'result' | 'server'>, run: () => Promise<SpawnedResult>) => {
    if (!o.only.has(key)) return
    process.stderr.write(`bench:crawl: ${row.label}…\n`)
    const { result, server } = await measure(site, run)
    rows.push({ ...row, result, server })
  }
  try {
    await step('a', { key: 'a', label: '(a) raw undici fetch', polite: false }, () => run('./crawl-raw.ts', [JSON.stringify({ ...raw, parse: false })]))
    await step('b', { key: 'b', label: '(b) raw fetch + cheerio (htmlparser2)', polite: false }, () => run('./crawl-raw.ts', [JSON.stringify({ ...raw, parse: true })]))
    await step('c', { key: 'c', label: `(c) roundup --delay 0 --per-host 8`, polite: false }, () =>
      run('./crawl-roundup.ts', roundupArgs('c', ['--delay', '0', '--per-host', '8'])))
    await step('c0', { key: 'c0', label: '(c0) roundup as (c), links-only extraction', polite: false }, async () =>
      run('./crawl-roundup.ts', roundupArgs('c0', ['--delay', '0', '--per-host', '8']), await buildLinksOnly(compiled)))
    const crawlee = { seedUrl: site.seedUrl, maxPages: pagesTotal }
    await step('d', { key: 'd', label: '(d) Crawlee CheerioCrawler, no politeness', polite: false }, () =>
      run('./crawl-crawlee.ts', [JSON.stringify({ ...crawlee, maxConcurrency: o.concurrency, delayMs: 0 })]))
    await step('dp', { key: 'd-polite', label: `(d) Crawlee, per-host gate ${o.delayMs} ms + robots`, polite: true }, () =>
      run('./crawl-crawlee.ts', [JSON.stringify({ ...crawlee, maxConcurrency: o.crawleePoliteConcurrency, delayMs: o.delayMs })]))
    await step('e', { key: 'e', label: `(e) roundup --delay ${o.delayMs}`, polite: true }, () =>
      run('./crawl-roundup.ts', roundupArgs('e', ['--delay', String(o.delayMs), '--per-host', '1'])))
  } finally {
    await site.close()
    await rm(dir, { recursive: true, force: true })
  }
  const floorMs = linkFollowingFloorMs(createBlogosphere(worldOptions), { latencyMs: o.latencyMs, delayMs: o.delayMs })
  process.stdout.write(renderCrawlReport(rows, { ...o, pagesTotal, pageBytes: site.pageBytes, floorMs }))
}

await main()
