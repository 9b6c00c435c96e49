import { FIELDS, type Field, type PageScore, type Prediction } from './score.js'

/** What one extractor did on one page. */
export interface PageRun {
  name: string
  source: string
  bytes: number
  ms: number
  error: string | null
  prediction: Prediction | null
  score: PageScore
}

export interface FieldSummary {
  /** Pages whose expected value for the field is non-null. */
  n: number
  /** Share of exact matches, or mean F1 for the excerpt. */
  value: number
  /** Excerpt only: share of pages with F1 >= 0.5. */
  shareAtHalf?: number
}

export interface Summary {
  pages: number
  errors: number
  fields: Record<Field, FieldSummary>
  pagesPerSecond: number
  medianMs: number
  /** Median over pages of 80-120 KiB, null when there are none. */
  median100kMs: number | null
  n100k: number
}

/** Pages between 80 and 120 KiB stand in for "a ~100 KB page", the size the < 10 ms target is about. */
export const SIZE_BAND: readonly [number, number] = [80 * 1024, 120 * 1024]

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Aggregate per-page runs of one extractor into per-field figures and speed. */
export function summarize(runs: readonly PageRun[]): Summary {
  const fields = {} as Record<Field, FieldSummary>
  for (const field of FIELDS) {
    const values = runs.map((run) => run.score[field]).filter((v): v is number => v !== undefined)
    const n = values.length
    const value = n ? values.reduce((a, b) => a + b, 0) / n : 0
    fields[field] = field === 'excerpt' ? { n, value, shareAtHalf: n ? values.filter((v) => v >= 0.5).length / n : 0 } : { n, value }
  }
  const totalMs = runs.reduce((sum, run) => sum + run.ms, 0)
  const band = runs.filter((run) => run.bytes >= SIZE_BAND[0] && run.bytes <= SIZE_BAND[1]).map((run) => run.ms)
  return {
    pages: runs.length,
    errors: runs.filter((run) => run.error !== null).length,
    fields,
    pagesPerSecond: totalMs > 0 ? (runs.length * 1000) / totalMs : 0,
    medianMs: median(runs.map((run) => run.ms)) ?? 0,
    median100kMs: median(band),
    n100k: band.length,
  }
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`
const ms = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(2))

/**
 * A Markdown table: one row per field (with its n) plus speed rows, one
 * column per extractor. Summaries are in the column order of `names`.
 */
export function renderTable(names: readonly string[], summaries: readonly Summary[]): string {
  const first = summaries[0]
  const n = (field: Field): number => first?.fields[field].n ?? 0
  // A field with no labelled pages has no score, rather than a misleading 0%.
  const cell = (field: Field, show: (s: Summary) => string): string[] => [String(n(field)), ...summaries.map((s) => (n(field) ? show(s) : '–'))]
  const rows: string[][] = [
    ['title', ...cell('title', (s) => percent(s.fields.title.value))],
    ['author', ...cell('author', (s) => percent(s.fields.author.value))],
    ['published', ...cell('published', (s) => percent(s.fields.published.value))],
    ['excerpt F1 (mean)', ...cell('excerpt', (s) => s.fields.excerpt.value.toFixed(3))],
    ['excerpt F1 >= 0.5', ...cell('excerpt', (s) => percent(s.fields.excerpt.shareAtHalf ?? 0))],
    ['siteName', ...cell('siteName', (s) => percent(s.fields.siteName.value))],
    ['errors', String(first?.pages ?? 0), ...summaries.map((s) => String(s.errors))],
    ['pages/s', '', ...summaries.map((s) => s.pagesPerSecond.toFixed(1))],
    ['median ms/page', '', ...summaries.map((s) => ms(s.medianMs))],
    [`median ms, 80-120 KiB`, String(first?.n100k ?? 0), ...summaries.map((s) => ms(s.median100kMs))],
  ]
  const header = ['field', 'n', ...names]
  const lines = [header, header.map((_, i) => (i < 2 ? '---' : '---:')), ...rows]
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}
