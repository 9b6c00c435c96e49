import type { Citation } from './citations.js'

const SKIP = new Set(['the', 'a', 'an', 'on', 'of', 'in', 'and', 'for', 'to', 'why', 'how', 'what', 'is', 'der', 'die', 'das', 'le', 'la', 'les', 'el', 'los', 'un', 'une', 'ein', 'eine'])

/** ASCII letters and digits only: keys must survive BibTeX, LaTeX and file names. */
function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

function firstWord(title: string): string {
  for (const word of title.split(/[^\p{L}\p{N}]+/u)) {
    const key = ascii(word)
    if (key.length >= 2 && !SKIP.has(key)) return key.slice(0, 20)
  }
  return ''
}

function baseKey(c: Omit<Citation, 'key'>): string {
  const first = c.authors[0]
  const who = first ? ('literal' in first ? first.literal.split(/\s+/)[0]! : first.family) : c.container ?? new URL(c.url).hostname
  const key = `${ascii(who).slice(0, 24)}${c.issued ? c.issued[0] : ''}${firstWord(c.title)}`
  return /^[a-z]/.test(key) ? key : `post${key}`
}

/** "valenzuela2009web"-style keys, unique within the export: later duplicates get a, b, c … */
export function citationKeys(citations: Omit<Citation, 'key'>[]): string[] {
  const used = new Set<string>()
  return citations.map((c) => {
    const base = baseKey(c)
    let key = base
    for (let n = 0; used.has(key); n++) key = base + suffix(n)
    used.add(key)
    return key
  })
}

/** a … z, then aa, ab …: never runs out. */
function suffix(n: number): string {
  let s = ''
  do {
    s = String.fromCharCode(97 + (n % 26)) + s
    n = Math.floor(n / 26) - 1
  } while (n >= 0)
  return s
}
