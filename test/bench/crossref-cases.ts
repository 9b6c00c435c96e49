import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One labelled page of test/fixtures/crossrefs/cases.json. */
export interface CrossrefCase {
  /** HTML file next to cases.json. */
  file: string
  /** The page's own URL, handed to the extractor. */
  url: string
  /** How the section is written: lines, list, inline, multilingual; or negative (no cross-references). */
  category: 'lines' | 'list' | 'inline' | 'multilingual' | 'negative'
  /** Blog platform whose chrome surrounds the post. */
  template: string
  lang: string
  /** The lead-in (or, for negatives, the widget that must not be taken for one). */
  leadIn: string
  /** Normalised URLs that ARE cross-references; empty for negatives. */
  expected: string[]
  note?: string
}

export const CROSSREF_FIXTURES = new URL('../fixtures/crossrefs/', import.meta.url).pathname

export function loadCrossrefCases(dir = CROSSREF_FIXTURES): CrossrefCase[] {
  return JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as CrossrefCase[]
}

export function readCaseHtml(item: CrossrefCase, dir = CROSSREF_FIXTURES): string {
  return readFileSync(join(dir, item.file), 'utf8')
}
