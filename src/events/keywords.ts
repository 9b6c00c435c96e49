import type { StoreData, StoredPost } from '../store/schema.js'
import { candidateTerms } from './terms.js'

export interface KeywordOptions {
  /** Keywords per event. @default 8 */
  max?: number
  /**
   * Posts outside the events that document frequency is counted over, at most: an evenly
   * spaced sample when the store holds more. Counting terms in every post of a 10,000-post
   * store took 13 s of a digest of one 20-post event; 2,000 posts estimate how common a word
   * is just as well. Stores this small or smaller get exactly the full count. @default 2000
   */
  sample?: number
}

/** A title says what a post is about more densely than its body does. */
const TITLE_WEIGHT = 3
/** A post's topic shows in its first pages; reading on costs time on every digest and changes little. */
const TEXT_LIMIT = 10_000
/** Phrases are rarer than words but say more ("change management"): weight per extra word. */
const PHRASE_WEIGHT = 1.3

type TermCounts = Map<string, number>

function countTerms(post: StoredPost): TermCounts {
  const counts: TermCounts = new Map()
  const add = (text: string | null, weight: number) => {
    if (!text) return
    for (const term of candidateTerms(text)) counts.set(term, (counts.get(term) ?? 0) + weight)
  }
  add(post.title, TITLE_WEIGHT)
  add(post.excerpt, 1)
  add((post.text ?? '').slice(0, TEXT_LIMIT), 1)
  return counts
}

/**
 * Keywords per event by tf-idf: each post (title, excerpt and body text) is a
 * document; a term scores by its sub-linear frequency summed over the event's
 * posts, weighted by its inverse document frequency over the store's posts (the
 * events' own, and the others or a sample of them). Pure: the store snapshot in,
 * `{ eventId: keywords }` out. Posts are read by key, one at a time, and only
 * those counted: a store that reads posts from disk on demand is not read whole.
 */
export function eventKeywords(data: StoreData, options: KeywordOptions & { eventIds?: string[] } = {}): Record<string, string[]> {
  const max = options.max ?? 8
  const ids = (options.eventIds ?? Object.keys(data.events)).filter((id) => data.events[id])
  const members = new Set(ids.flatMap((id) => data.events[id]!.posts.map((m) => m.url)))
  const counts = new Map<string, TermCounts>()
  const df = new Map<string, number>()
  const count = (url: string) => {
    // Own keys only: a member URL such as "constructor" must not read Object.prototype's.
    const post = Object.hasOwn(data.posts, url) ? data.posts[url] : undefined
    if (!post) return
    const terms = countTerms(post)
    if (terms.size === 0) return
    counts.set(url, terms)
    for (const term of terms.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  }
  for (const url of members) count(url)
  const others = Object.keys(data.posts).filter((url) => !members.has(url))
  const sample = Math.min(others.length, Math.max(0, options.sample ?? 2000))
  for (let k = 0; k < sample; k++) count(others[Math.floor((k * others.length) / sample)]!)
  const total = counts.size
  const result: Record<string, string[]> = {}
  for (const id of ids) {
    const docs = data.events[id]!.posts.map((m) => counts.get(m.url)).filter((c): c is TermCounts => c !== undefined)
    result[id] = topTerms(docs, df, total, max)
  }
  return result
}

function topTerms(docs: TermCounts[], df: Map<string, number>, total: number, max: number): string[] {
  const score = new Map<string, number>()
  const spread = new Map<string, number>()
  for (const doc of docs) {
    for (const [term, tf] of doc) {
      score.set(term, (score.get(term) ?? 0) + 1 + Math.log(tf))
      spread.set(term, (spread.get(term) ?? 0) + 1)
    }
  }
  // One post's pet word is not the event's: with three posts or more, a keyword must appear in two.
  const minSpread = docs.length >= 3 ? 2 : 1
  const ranked = [...score]
    .filter(([term]) => spread.get(term)! >= minSpread)
    .map(([term, tf]) => [term, tf * Math.log(1 + total / df.get(term)!) * PHRASE_WEIGHT ** (term.split(' ').length - 1)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))

  const picked: string[] = []
  for (const [term] of ranked) {
    if (picked.length >= max) break
    if (picked.some((p) => contains(p, term) || overlaps(p, term))) continue
    // A phrase replaces the words and shorter phrases of it already picked, taking the best rank among them.
    const at = picked.findIndex((p) => contains(term, p))
    if (at < 0) {
      picked.push(term)
      continue
    }
    const kept = picked.filter((p, i) => i < at || !contains(term, p))
    kept.splice(at, 0, term)
    picked.splice(0, picked.length, ...kept)
  }
  return picked
}

/** Two phrases that share a word but neither holds the other ("social media marketing", "media marketing fails") say the same twice. */
function overlaps(a: string, b: string): boolean {
  if (!a.includes(' ') || !b.includes(' ') || contains(a, b) || contains(b, a)) return false
  const words = new Set(a.split(' '))
  return b.split(' ').some((w) => words.has(w))
}

function contains(phrase: string, part: string): boolean {
  return ` ${phrase} `.includes(` ${part} `)
}
