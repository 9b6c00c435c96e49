// Link-level scoring of cross-reference extraction: each expected URL found is
// a true positive, each extra URL a false positive, each expected URL missing
// a miss. Negatives contribute only false positives.
import type { CrossRefSection } from '../../src/extract/types.js'
import { normalizeUrl } from '../../src/url/normalize.js'

export interface LinkTally {
  tp: number
  fp: number
  fn: number
}

export interface CaseResult extends LinkTally {
  misses: string[]
  falsePositives: string[]
}

export interface Prf {
  precision: number
  recall: number
  f1: number
}

/** Compare the URLs an extractor found with the labelled ones (both already normalised). */
export function scoreLinks(expected: readonly string[], found: readonly string[]): CaseResult {
  const want = new Set(expected)
  const got = new Set(found)
  const misses = [...want].filter((url) => !got.has(url))
  const falsePositives = [...got].filter((url) => !want.has(url))
  return { tp: want.size - misses.length, fp: falsePositives.length, fn: misses.length, misses, falsePositives }
}

export function addTallies(tallies: readonly LinkTally[]): LinkTally {
  return tallies.reduce((sum, t) => ({ tp: sum.tp + t.tp, fp: sum.fp + t.fp, fn: sum.fn + t.fn }), { tp: 0, fp: 0, fn: 0 })
}

/**
 * Micro-averaged precision, recall and F1. With nothing found precision is 1
 * (no false claims); with nothing expected recall is 1 (nothing to miss).
 */
export function prf({ tp, fp, fn }: LinkTally): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1 }
}

/** Every entry URL of every section, normalised the way the labels are, without duplicates. */
export function crossRefUrls(sections: readonly CrossRefSection[], base: string): string[] {
  const urls = sections.flatMap((section) => section.entries.map((entry) => normalizeUrl(entry.url, base) ?? entry.url))
  return [...new Set(urls)]
}
