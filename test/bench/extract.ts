// npm run bench:extract [-- DIR] [--predictions FILE] [--split dev|check|all] [--peers none|all] [--repeat N] [--extractor MODULE]
// Scores roundup's extractor (and its peers) on the metadata corpus; see test/bench/score.ts.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { loadCorpus, type CorpusPage, type Split } from './corpus.js'
import { createMetascraperPeer, createReadability, loadRoundup, type Extractor } from './extractors.js'
import { renderTable, summarize, type PageRun } from './report.js'
import { scorePage } from './score.js'

const USAGE = 'usage: npm run bench:extract [-- DIR] [--predictions FILE] [--split dev|check|all] [--peers none|all] [--repeat N] [--extractor MODULE]'
const DEFAULT_DIR = resolve(new URL('../../', import.meta.url).pathname, '../shared/corpus/pages')
const WARMUP_PAGES = 3

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`)
  process.exit(2)
}

function parse() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        predictions: { type: 'string' },
        split: { type: 'string', default: 'all' },
        peers: { type: 'string', default: 'all' },
        repeat: { type: 'string', default: '3' },
        extractor: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
    if (values.help) {
      console.log(USAGE)
      process.exit(0)
    }
    if (!['dev', 'check', 'all'].includes(values.split)) usage(`bad --split ${values.split}`)
    if (!['none', 'all'].includes(values.peers)) usage(`bad --peers ${values.peers}`)
    if (positionals.length > 1) usage('at most one corpus folder')
    const repeat = Number(values.repeat)
    if (!Number.isInteger(repeat) || repeat < 0 || repeat > 50) usage(`--repeat must be an integer from 0 to 50, not ${values.repeat}`)
    return {
      dir: positionals[0] ? resolve(positionals[0]) : DEFAULT_DIR,
      predictions: values.predictions ? resolve(values.predictions) : null,
      split: values.split as Split,
      peers: values.peers === 'all',
      repeat,
      extractor: values.extractor ? pathToFileURL(resolve(values.extractor)).href : undefined,
    }
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error))
  }
}

async function runOne(extractor: Extractor, page: CorpusPage): Promise<PageRun> {
  const started = performance.now()
  let prediction = null
  let error: string | null = null
  try {
    prediction = await extractor.extract(page.html, page.url)
  } catch (caught) {
    error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)
  }
  const ms = performance.now() - started
  return { name: page.name, source: page.source, bytes: page.bytes, ms, error, prediction, score: scorePage(page.expected, prediction) }
}

async function runAll(extractor: Extractor, pages: readonly CorpusPage[], repeat: number): Promise<PageRun[]> {
  // Warm up first so lazy module loading and JIT don't land on the first timed pages.
  for (const page of pages.slice(0, WARMUP_PAGES)) await runOne(extractor, page)
  const runs: PageRun[] = []
  for (const page of pages) runs.push(await runOne(extractor, page))
  if (repeat === 0) return runs
  // A crawl extracts thousands of pages in one warm process: time each page again, every
  // extractor alike, and keep the median of its repeats rather than its first, colder run.
  for (const run of runs) {
    const page = pages.find((p) => p.name === run.name)!
    const times: number[] = []
    for (let i = 0; i < repeat; i++) times.push((await runOne(extractor, page)).ms)
    times.sort((a, b) => a - b)
    run.ms = times[Math.floor(times.length / 2)]!
  }
  return runs
}

function printErrors(name: string, runs: readonly PageRun[]): void {
  const failed = runs.filter((run) => run.error !== null)
  if (!failed.length) return
  console.log(`\n${name}: ${failed.length} page(s) threw`)
  for (const run of failed.slice(0, 20)) console.log(`- ${run.name}: ${run.error}`)
  if (failed.length > 20) console.log(`- … and ${failed.length - 20} more`)
}

async function main(): Promise<void> {
  const args = parse()
  const pages = loadCorpus(args.dir, args.split)
  if (!pages.length) usage(`no pages in ${args.dir} (split ${args.split})`)
  console.log(`corpus: ${args.dir}`)
  console.log(`split: ${args.split} (${pages.length} pages from ${new Set(pages.map((p) => p.source)).size} sources)`)
  console.log(args.repeat ? `timing: median of ${args.repeat} warm runs per page, after the scored run` : 'timing: the scored run (one cold pass)')

  const extractors: Extractor[] = []
  const roundup = await loadRoundup(args.extractor)
  if (roundup instanceof Error) console.log(`roundup extractor unavailable: ${roundup.message}`)
  else extractors.push(roundup)
  if (args.peers) extractors.push(createReadability(), createMetascraperPeer())
  if (!extractors.length) usage('nothing to run: roundup is unavailable and --peers none')

  const runs = new Map<string, PageRun[]>()
  for (const extractor of extractors) {
    console.error(`running ${extractor.name} on ${pages.length} pages…`)
    runs.set(extractor.name, await runAll(extractor, pages, args.repeat))
  }
  const names = extractors.map((e) => e.name)

  console.log(`\n## All sources (${pages.length} pages)\n`)
  console.log(renderTable(names, names.map((name) => summarize(runs.get(name)!))))
  for (const source of [...new Set(pages.map((p) => p.source))].sort()) {
    const count = pages.filter((p) => p.source === source).length
    console.log(`\n## ${source} (${count} pages)\n`)
    console.log(renderTable(names, names.map((name) => summarize(runs.get(name)!.filter((run) => run.source === source)))))
  }
  for (const name of names) printErrors(name, runs.get(name)!)

  if (args.predictions) {
    const ours = runs.get('roundup')
    if (!ours) console.error('--predictions: roundup did not run, nothing written')
    else {
      const lines = ours.map((run) => JSON.stringify({ name: run.name, ...(run.prediction ?? { title: null, author: null, published: null, excerpt: null, siteName: null }) }))
      writeFileSync(args.predictions, lines.join('\n') + '\n')
      console.log(`\npredictions: ${ours.length} lines written to ${args.predictions}`)
    }
  }
}

await main()
