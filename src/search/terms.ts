// Index and snippets cut text the same way, so every highlighted word is one the index matched.
const SEPARATOR = /[^\p{L}\p{N}\p{M}]+/u
const WORD = /[\p{L}\p{N}\p{M}]+/gu

/** Split text into raw words (anything but letters, digits and combining marks separates). */
export function tokenize(text: string): string[] {
  return text.split(SEPARATOR)
}

/** Lower case without diacritics: "Änderung" finds "anderung" and the other way round. */
export function processTerm(term: string): string | null {
  const folded = term.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/ß/g, 'ss')
  return folded.length > 0 && folded.length <= 60 ? folded : null
}

export interface WordSpan {
  term: string
  start: number
  end: number
}

/** Every word of `text` with its processed term and its [start, end) offsets. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = []
  for (const match of text.matchAll(WORD)) {
    const term = processTerm(match[0])
    if (term) spans.push({ term, start: match.index, end: match.index + match[0].length })
  }
  return spans
}
