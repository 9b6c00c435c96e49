import { wordSpans } from './terms.js'

export interface Snippet {
  /** Plain text on one line; an ellipsis marks each cut. */
  text: string
  /** [start, end) offsets into `text` (UTF-16 code units, as JavaScript counts) of each matched word. */
  highlights: Array<{ start: number; end: number }>
}

/** Plain text on one line: controls, line breaks and bidi overrides become spaces. */
export function flatten(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim()
}

/**
 * The stretch of `source` (at most `width` characters, cut at spaces) with
 * the most distinct matched terms, then the most matches; null when no word
 * of it matches. Pure.
 */
export function makeSnippet(source: string, terms: ReadonlySet<string>, width = 200): Snippet | null {
  const text = flatten(source)
  const hits = wordSpans(text).filter((span) => terms.has(span.term))
  if (hits.length === 0) return null

  let best = { from: 0, distinct: 0, count: 0 }
  for (let i = 0; i < hits.length; i++) {
    const limit = hits[i]!.start + width
    const inWindow = []
    for (let j = i; j < hits.length && hits[j]!.end <= limit; j++) inWindow.push(hits[j]!)
    const distinct = new Set(inWindow.map((h) => h.term)).size
    if (distinct > best.distinct || (distinct === best.distinct && inWindow.length > best.count)) best = { from: i, distinct, count: inWindow.length }
  }

  // Some context before the first hit, then cut at word boundaries.
  const first = hits[best.from]!
  let start = Math.max(0, first.start - Math.floor(width / 4))
  let end = Math.min(text.length, start + width)
  if (end - start < width) start = Math.max(0, end - width)
  if (start > 0) {
    const space = text.indexOf(' ', start)
    start = space >= 0 && space < first.start ? space + 1 : first.start
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end)
    if (space > first.end) end = space
  }
  const prefix = start > 0 ? '… ' : ''
  const body = text.slice(start, end)
  const highlights = hits
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => ({ start: h.start - start + prefix.length, end: h.end - start + prefix.length }))
  return { text: prefix + body + (end < text.length ? ' …' : ''), highlights }
}

/** The start of `source`, cut at a space, with nothing highlighted. */
export function leadSnippet(source: string, width = 200): Snippet {
  const text = flatten(source)
  if (text.length <= width) return { text, highlights: [] }
  const space = text.lastIndexOf(' ', width)
  return { text: text.slice(0, space > 0 ? space : width) + ' …', highlights: [] }
}
