import { STOP_WORDS } from './stop-words.js'
import { createMemo, detach } from '../extract/memo.js'

// Words may hold inner dots, hyphens and apostrophes ("2.0", "buy-in", "o'reilly").
const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu
// Phrases do not run across punctuation: "Tire, tower or hub" holds no "tire tower".
// A dot only ends a phrase when a space follows it, so "Web 2.0 Expo" stays whole.
const PHRASE_BREAK = /[.,;:!?](?=\s|$)|\s[-–—]\s|[()[\]{}"“”„«»…—–|/\\<>\n\r\t•·]/u

/** Lower case without diacritics, so "Änderung" and "anderung" are one term. */
export function foldTerm(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/’/g, "'")
    .replace(/'s$/, '')
}

/** A term worth keeping as (part of) a keyword: not a stop word, not a number, at least 3 characters. */
export function isContentTerm(term: string): boolean {
  return term.length >= 3 && term.length <= 40 && /\p{L}/u.test(term) && !STOP_WORDS.has(term) && !/^(?:https?|www)\b/.test(term)
}

// A store repeats the same few thousand words millions of times: fold each spelling once.
const classify = createMemo((word: string): { term: string; content: boolean } => {
  const term = detach(foldTerm(word))
  return { term, content: isContentTerm(term) }
}, 200_000)

/** Numbers may sit inside or end a phrase ("web 2.0 expo") but never stand alone or lead it. */
function isPhraseNumber(term: string): boolean {
  return /^\d+(?:\.\d+)*$/.test(term) && term.length <= 6
}

/**
 * The keyword candidates of a text: content words, and phrases of two or
 * three adjacent words ("social media", "web 2.0 expo", "change management").
 */
export function candidateTerms(text: string): string[] {
  const out: string[] = []
  for (const segment of text.split(PHRASE_BREAK)) {
    let run: string[] = []
    for (const match of segment.matchAll(WORD)) {
      const { term, content } = classify(match[0])
      if (!content && !(run.length > 0 && isPhraseNumber(term))) {
        run = []
        continue
      }
      run.push(term)
      if (run.length > 3) run.shift()
      if (content) out.push(term)
      // A phrase starts with a word and never repeats one ("very very").
      if (run.length >= 2 && !isPhraseNumber(run[run.length - 2]!) && run[run.length - 2] !== term) out.push(run.slice(-2).join(' '))
      if (run.length === 3 && !isPhraseNumber(run[0]!) && new Set(run).size === 3) out.push(run.join(' '))
    }
  }
  return out
}
