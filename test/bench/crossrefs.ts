// npm run bench:crossrefs [-- --strict] [--extractor MODULE]
// Runs extractPage on every labelled page in test/fixtures/crossrefs/ and scores
// the URLs of its crossRefs entries at link level; see crossref-score.ts.
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { ExtractedPage } from '../../src/extract/types.js'
import { loadCrossrefCases, readCaseHtml, type CrossrefCase } from './crossref-cases.js'
import { addTallies, crossRefUrls, prf, scoreLinks, type CaseResult } from './crossref-score.js'
import { median } from './report.js'

/** The targets the extractor must meet on this set. */
const TARGET = { precision: 0.95, recall: 0.9 }

type ExtractPage = (html: string, url: string) => ExtractedPage | Promise<ExtractedPage>

async function loadExtractPage(module_?: string): Promise<ExtractPage> {
  // A computed specifier keeps this file typechecking while src/extract/index.ts is being written.
  const specifier = module_ ? pathToFileURL(resolve(module_)).href : new URL('../../src/extract/index.ts', import.meta.url).href
  const module = (await import(specifier)) as { extractPage?: ExtractPage }
  if (typeof module.extractPage !== 'function') throw new Error(`${specifier} does not export extractPage`)
  return module.extractPage
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`

interface Row {
  item: CrossrefCase
  result: CaseResult
  ms: number
  error: string | null
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { strict: { type: 'boolean', default: false }, extractor: { type: 'string' } } })
  let extractPage: ExtractPage
  try {
    extractPage = await loadExtractPage(values.extractor)
  } catch (error) {
    console.error(`roundup extractor unavailable: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }

  const cases = loadCrossrefCases()
  const rows: Row[] = []
  for (const item of cases) {
    const html = readCaseHtml(item)
    const started = performance.now()
    let found: string[] = []
    let error: string | null = null
    try {
      found = crossRefUrls((await extractPage(html, item.url)).crossRefs, item.url)
    } catch (caught) {
      error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)
    }
    rows.push({ item, result: scoreLinks(item.expected, found), ms: performance.now() - started, error })
  }

  const positives = cases.filter((c) => c.expected.length > 0).length
  console.log(`cross-reference fixtures: ${cases.length} pages (${positives} with cross-references, ${cases.length - positives} without), ${cases.reduce((n, c) => n + c.expected.length, 0)} labelled links\n`)
  console.log('| category | pages | tp | fp | fn | precision | recall | F1 |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  const categories = [...new Set(cases.map((c) => c.category))]
  for (const category of [...categories, 'all']) {
    const subset = rows.filter((row) => category === 'all' || row.item.category === category)
    const tally = addTallies(subset.map((row) => row.result))
    const score = prf(tally)
    const label = category === 'all' ? '**all**' : category
    console.log(`| ${label} | ${subset.length} | ${tally.tp} | ${tally.fp} | ${tally.fn} | ${pct(score.precision)} | ${pct(score.recall)} | ${pct(score.f1)} |`)
  }
  const negatives = rows.filter((row) => row.item.category === 'negative')
  console.log(`\nnegative pages with any false positive: ${negatives.filter((row) => row.result.fp > 0).length} of ${negatives.length}`)
  console.log(`median ms/page: ${(median(rows.map((row) => row.ms)) ?? 0).toFixed(2)}`)

  const wrong = rows.filter((row) => row.error || row.result.fn || row.result.fp)
  if (wrong.length) console.log('\n## Misses and false positives\n')
  for (const row of wrong) {
    console.log(`${row.item.file} [${row.item.category}, ${row.item.template}, "${row.item.leadIn}"]`)
    if (row.error) console.log(`  error: ${row.error}`)
    for (const url of row.result.misses) console.log(`  miss: ${url}`)
    for (const url of row.result.falsePositives) console.log(`  false positive: ${url}`)
  }

  const overall = prf(addTallies(rows.map((row) => row.result)))
  const errors = rows.filter((row) => row.error).length
  const pass = overall.precision >= TARGET.precision && overall.recall >= TARGET.recall && errors === 0
  console.log(`\ntarget precision >= ${TARGET.precision}, recall >= ${TARGET.recall}: ${pass ? 'MET' : 'NOT MET'} (precision ${overall.precision.toFixed(3)}, recall ${overall.recall.toFixed(3)}, F1 ${overall.f1.toFixed(3)}, errors ${errors})`)
  if (values.strict && !pass) process.exit(1)
}

await main()
