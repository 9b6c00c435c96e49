import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { DEFAULTS } from '../../options.js'
import { parseHttpUrl } from '../../url/normalize.js'
import { createRoundup } from '../../roundup.js'
import type { RoundupCrawlReport } from '../../roundup.js'
import { readEnv } from '../env.js'
import { createProgress, UsageError } from '../output.js'
import { parseInteger } from '../parse.js'
import { commonOptions, networkOptions, networkSettings, type NetworkFlags } from './common.js'

interface CrawlFlags extends NetworkFlags {
  seeds?: string
  event?: string
  depth: number
  maxPages: number
  wait?: boolean
  followBody?: boolean
  workers: number
}

async function readSeeds(positionals: string[], seedsFile: string | undefined): Promise<string[]> {
  const raw = [...positionals]
  if (seedsFile) {
    let text: string
    try {
      text = await readFile(seedsFile, 'utf8')
    } catch (error) {
      throw new UsageError(`cannot read --seeds file ${seedsFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
    raw.push(...text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')))
  }
  if (!raw.length) throw new UsageError('give at least one seed URL, or --seeds FILE')
  return raw.map((seed) => {
    const url = parseHttpUrl(seed)
    if (!url) throw new UsageError(`not an http(s) URL: ${JSON.stringify(seed)}`)
    return url.href
  })
}

function printSummary(report: RoundupCrawlReport, out: NodeJS.WritableStream): void {
  const { counts } = report
  out.write(`event ${report.event.id}: "${report.event.title}" (${report.event.created ? 'new' : 'updated'}, ${report.event.posts} posts)\n`)
  out.write(`${counts.stored} stored, ${counts.skipped} skipped, ${counts.errors} failed; ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)}s\n`)
  for (const url of report.urls) {
    if (url.outcome === 'stored' || url.outcome === 'not-modified') continue
    out.write(`  ${url.outcome.padEnd(18)} ${url.url}${url.reason ? ` (${url.reason})` : ''}\n`)
  }
  const archive = report.archive
  if (archive && (archive.checked || archive.failures.length)) {
    out.write(`archive: ${archive.checked} looked up, ${archive.found} with a snapshot, ${archive.missing} without${archive.failures.length ? `, ${archive.failures.length} failed` : ''}\n`)
    for (const failure of archive.failures) out.write(`  archive-failed     ${failure.url} (${failure.message})\n`)
  }
}

export function registerCrawl(program: Command): void {
  const command = program
    .command('crawl')
    .summary('crawl seed posts and their cross-reference lists into the store')
    .description('Fetch each seed post, find its cross-reference section ("Other blog posts on the same session:"), fetch every listed post, and store them as one event.')
    .argument('[url...]', 'seed post URLs')
    .option('--seeds <file>', 'read seed URLs from a file, one per line')
    .option('--event <title>', 'name the event (default: derived from the seed)')
    .option('--depth <n>', 'cross-reference hops to follow', parseInteger('--depth'), DEFAULTS.depth)
    .option('--max-pages <n>', 'stop after this many page fetches', parseInteger('--max-pages', 1), DEFAULTS.maxPages)
    .option('--follow-body', 'snowball: also follow body links to posts about the same event (near the seed\'s date, sharing its terms)')
    .option('--wait', 'wait for another run that holds the store lock, instead of failing')
    .option('--workers <n>', 'threads that extract pages in a big crawl; 0 keeps extraction on the main thread, 1 saves ~40 MB on a 2-core machine', parseInteger('--workers'), DEFAULTS.extractWorkers)
  networkOptions(command, 'do not look up gone or unreachable posts in the web archive')
  commonOptions(command).action(async (urls: string[], flags: CrawlFlags) => {
    const env = readEnv()
    const seeds = await readSeeds(urls, flags.seeds)
    const roundup = createRoundup({ ...networkSettings(flags, env), extractWorkers: flags.workers })
    const progress = createProgress(!flags.json && !flags.quiet)
    const report = await roundup.crawl(seeds, {
      ...(flags.event ? { eventTitle: flags.event } : {}),
      depth: flags.depth,
      maxPages: flags.maxPages,
      followBody: flags.followBody === true,
      waitMs: flags.wait ? 10 * 60_000 : 0,
      onProgress: (p) => progress.update(p.done, p.queued, p.url),
    })
    progress.done()
    if (flags.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
    else if (!flags.quiet) printSummary(report, process.stdout)
  })
}
