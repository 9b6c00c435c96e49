import { oneLine } from './safe.js'

/** A person split into family and given names, or a name kept whole (organisations, handles, single names). */
export type CitationName =
  | { family: string; given: string | null; particle: string | null; suffix: string | null }
  | { literal: string }

// Lower-case name particles that belong to the family name ("Ludwig van Beethoven").
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'des', 'la', 'le', 'ter', 'ten', 'dos', 'das', 'do', 'zu', 'zum', 'zur', 'af', 'av', 'bin', 'ibn', 'al', 'el', 'st.', 'y'])
const SUFFIXES = /^(?:jr\.?|sr\.?|ii|iii|iv|v|phd|ph\.d\.|md|esq\.?)$/i
// Words that mark a group rather than a person.
const ORGANISATION = /\b(?:inc|ltd|llc|llp|gmbh|ag|plc|corp|corporation|company|co|team|staff|group|association|society|foundation|institute|university|college|school|agency|ministry|council|committee|department|network|media|news|press|magazine|journal|blog|editors?|editorial|admin|administrator|webmaster|redaktion|partners|labs?|studio|collective|project|centre|center|club)\b\.?/i

/**
 * Split an author string into family and given names where that is safe:
 * "Jessica Valenzuela", "van der Berg, Anna", "Ludwig van Beethoven",
 * "Martin Luther King, Jr.". Organisations, handles, e-mail addresses and
 * single names are kept literal, since guessing would mangle them. Pure; never throws.
 */
export function splitName(raw: string): CitationName | null {
  const name = oneLine(raw).replace(/^by\s+/i, '')
  if (!name) return null
  if (/[@\d&/:+=<>|]/.test(name) || ORGANISATION.test(name) || name.length > 80) return { literal: name }

  const commas = name.split(/\s*,\s*/)
  if (commas.length === 2 && commas[0] && commas[1]) {
    // "Family, Given" unless the part after the comma is only a suffix ("King, Jr.").
    if (SUFFIXES.test(commas[1])) return splitWords(commas[0], commas[1])
    if (commas[0].split(' ').length > 4 || commas[1].split(' ').length > 4) return { literal: name }
    // "Jessica Valenzuela, Maven Digital Mashup" is a name and an affiliation, not "Family, Given".
    const familyWords = commas[0].split(' ').filter((w) => !PARTICLES.has(w))
    if (familyWords.length >= 2 && commas[1].split(' ').length >= 2) return { literal: name }
    return withParticle(commas[0], commas[1], null)
  }
  if (commas.length === 3 && commas[0] && commas[1] && commas[2]) {
    // BibTeX's "von Last, Jr, First" or "Given Family, Jr." followed by junk: only the former is a name.
    if (SUFFIXES.test(commas[1])) return withParticle(commas[0], commas[2], commas[1])
    return { literal: name }
  }
  if (commas.length > 1) return { literal: name }
  return splitWords(name, null)
}

/** "Given [particles] Family": the last capitalised run is the family name. */
function splitWords(name: string, suffix: string | null): CitationName {
  const words = name.split(' ')
  let end = words.length
  if (!suffix && end > 2 && SUFFIXES.test(words[end - 1]!)) suffix = words[--end]!
  if (end < 2) return { literal: name }
  if (end > 5 || !words.slice(0, end).every(looksLikeNamePart)) return { literal: name }
  let start = end - 1
  while (start > 1 && PARTICLES.has(words[start - 1]!)) start--
  const particle = start < end - 1 ? words.slice(start, end - 1).join(' ') : null
  return { family: words[end - 1]!, given: words.slice(0, start).join(' '), particle, suffix }
}

/** "van der Berg" written family-first keeps its particle apart from the family name. */
function withParticle(family: string, given: string, suffix: string | null): CitationName {
  const words = family.split(' ')
  let i = 0
  while (i < words.length - 1 && PARTICLES.has(words[i]!)) i++
  return { family: words.slice(i).join(' '), given: given || null, particle: i > 0 ? words.slice(0, i).join(' ') : null, suffix }
}

function looksLikeNamePart(word: string): boolean {
  // A capital letter, an initial ("J."), or a lower-case particle; "@jess" or "ladyjane42" is a handle.
  return /^\p{Lu}/u.test(word) || PARTICLES.has(word) || /^\p{L}\.$/u.test(word)
}

/** The family name with its particle, as reference managers store it ("van der Berg"). */
export function fullFamily(name: { family: string; particle: string | null }): string {
  return name.particle ? `${name.particle} ${name.family}` : name.family
}
