import { contentWords } from '../crawl/relevance.js'

/**
 * `--match-terms`: a weighted title/keyword match decides whether a feed item that does
 * not link to the event is still coverage of it.
 *
 * The event's profile: the content words of each stored post's title and feed
 * categories (and of a title the user gave the event). A word's weight is the share of
 * those posts that use it; only words used by at least two posts count (by all of them
 * when there is only one), the 15 heaviest kept.
 *
 * A candidate scores, for each profile word, its full weight when its title has the word
 * and a quarter of it when only its excerpt, categories or text do; the sum is divided
 * by the sum of the five heaviest weights and capped at 1. It matches when the score is
 * at least TERMS_THRESHOLD (0.5) with two or more distinct words, one of them in its title.
 */
export const TERMS_THRESHOLD = 0.5
const TITLE_WEIGHT = 1
const BODY_WEIGHT = 0.25
const MAX_TERMS = 15

export interface TermProfile {
  /** Word → weight in (0, 1]. */
  weights: Map<string, number>
  /** Sum of the five heaviest weights: what a perfect title scores. */
  norm: number
}

export interface TermDoc {
  title: string | null
  categories?: string[]
}

export function buildTermProfile(docs: TermDoc[], eventTitle?: string | null): TermProfile {
  const all = eventTitle ? [...docs, { title: eventTitle }] : docs
  const counts = new Map<string, number>()
  for (const doc of all) {
    for (const word of contentWords(`${doc.title ?? ''} ${(doc.categories ?? []).join(' ')}`)) counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  const minDocs = all.length > 1 ? 2 : 1
  const ranked = [...counts].filter(([, n]) => n >= minDocs).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_TERMS)
  const weights = new Map(ranked.map(([word, n]) => [word, n / Math.max(1, all.length)]))
  const norm = [...weights.values()].slice(0, 5).reduce((sum, w) => sum + w, 0)
  return { weights, norm }
}

export interface TermMatch {
  matched: boolean
  score: number
  /** Profile words found, title words first. */
  words: string[]
  reason: string
}

export function matchTerms(candidate: { title: string | null; excerpt?: string | null; categories?: string[]; text?: string | null }, profile: TermProfile): TermMatch {
  if (!profile.weights.size || profile.norm <= 0) return { matched: false, score: 0, words: [], reason: 'the event has no terms to match' }
  const title = contentWords(candidate.title)
  const body = contentWords(`${candidate.excerpt ?? ''} ${(candidate.categories ?? []).join(' ')} ${(candidate.text ?? '').slice(0, 3000)}`)
  let sum = 0
  const inTitle: string[] = []
  const inBody: string[] = []
  for (const [word, weight] of profile.weights) {
    if (title.has(word)) {
      sum += weight * TITLE_WEIGHT
      inTitle.push(word)
    } else if (body.has(word)) {
      sum += weight * BODY_WEIGHT
      inBody.push(word)
    }
  }
  const score = Math.min(1, sum / profile.norm)
  const words = [...inTitle, ...inBody]
  const matched = score >= TERMS_THRESHOLD && words.length >= 2 && inTitle.length >= 1
  const shown = `${score.toFixed(2)} ${matched ? '≥' : '<'} ${TERMS_THRESHOLD}`
  return {
    matched,
    score,
    words,
    reason: words.length ? `shares the terms ${words.slice(0, 6).join(', ')} (score ${shown})` : `shares no terms with the event (score ${shown})`,
  }
}
