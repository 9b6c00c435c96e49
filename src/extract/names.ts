import { cleanText } from './clean-text.js'
import { parseDate } from './parse-date.js'

const LEAD = /^(?:(?:posted|written|published|reported|written and reported|story|words|text|reporting|photos?|interview|compiled|edited|contributed|created|submitted|reviewed|curated|updated|verfasst|geschrieben|publié|publicado|escrito|scritto)\s+(?:by|von|par|por|da|door|de|di)\b|by\b|von\b|par\b|por\b|door\b|di\b|de:|from\b|author:?|authors:?|autor(?:in)?:?|auteur:?|autore:?|text:|texte:|byline:?|posted:?|written:?|redaktion:)\s*/i
const ROLE = /\b(?:writer|reporter|editor|editors|correspondent|columnist|contributor|contributing|journalist|analyst|producer|photographer|critic|blogger|intern|fellow|director|ceo|founder|co-founder|president|professor|researcher|scientist|chief|head|manager|officer|economist|anchor|host|guest writer|guest author|special to|staff|desk|bureau|team|newsroom|redakteur(?:in)?|korrespondent(?:in)?|journaliste|periodista|redacción|redaktion|agency|agencies|wire|news service|contributors?)\b/i
const ORG_WORD = /\b(?:inc|llc|ltd|gmbh|group|news|times|post|blog|magazine|media|press|agency|university|institute|foundation|network|journal|daily|weekly|online|digital|tv|radio|associated|reuters|afp|dpa|apa|ap|the|\.com)\b/i
const GENERIC = /^(?:admin|administrator|anonymous|anon|guest|staff|editor|editors|the editors|editorial|editorial staff|editorial team|webmaster|user|unknown|team|redaktion|redazione|redacción|rédaction|author|autor|blogger|root|site admin|sysop|moderator|n\/a|none|null|undefined|content team|web team|newsroom|news desk|staff writer|staff reporter)$/i

export interface AuthorNames {
  names: string[]
  /** Every name was generic ("admin", "Staff"…): use only when nothing better exists. */
  generic: boolean
}

export function isGenericName(name: string): boolean {
  return GENERIC.test(name.trim().replace(/[.:]+$/, ''))
}

/** A plausible human or organisation name, not a URL, address, handle or date. */
export function isPlausibleName(name: string): boolean {
  if (name.length < 2 || name.length > 80) return false
  if (!/\p{L}/u.test(name)) return false
  if (/https?:|www\.|\.(?:com|org|net|de|co\.uk)\b|\/\//i.test(name)) return false
  if (/\S@\S/.test(name) || /^@/.test(name)) return false
  if (name.split(/\s+/).length > 6) return false
  if (/\d{3,}/.test(name)) return false
  return true
}

/**
 * Split a byline into individual names: "By A and B", "A, B & C",
 * "Written by A, Contributor", "A | Site" → ['A', …]. Roles, dates, URLs,
 * e-mail addresses and the site name are dropped.
 */
export function splitAuthors(raw: string, siteName?: string | null): AuthorNames {
  let text = cleanText(raw, 400) ?? ''
  if (!text) return { names: [], generic: false }
  // "A | Site", "A - Site": the site part is not a name.
  text = text.split(/\s+[|•·»]\s+/)[0]!
  // Dates and times tacked on ("on April 1, 2009 at 10:32 AM", "— 1. April 2009").
  text = text.replace(/\s+(?:on|am|le|el|il|at|um|à)\s+.*$/i, (tail) => (parseDate(tail) || /\d{1,2}:\d{2}/.test(tail) ? '' : tail))
  const date = /\s*[,–—-]?\s*(?:updated|published|posted|aktualisiert)?:?\s*(?:\d{1,2}[./]|\w+\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2}).*$/i.exec(text)
  if (date && parseDate(date[0])) text = text.slice(0, date.index)
  text = text.replace(LEAD, '').replace(LEAD, '')
  text = text.replace(/\s*\((?:[^)]*)\)\s*/g, ' ').trim()

  const parts = text
    .split(/\s*(?:,|;|\/|&|\+|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bsowie\b|\bwith\b|\bmit\b|\||\n)\s*/i)
    .map((part) => part.replace(LEAD, '').replace(/^[\s"'“”‘’.,:;–—-]+|[\s"'“”‘’,:;–—-]+$/g, '').trim())
    .filter(Boolean)

  const site = siteName ? normalizeName(siteName) : null
  const names: string[] = []
  let generic = false
  parts.forEach((part, index) => {
    if (!isPlausibleName(part)) return
    // After the first name, a segment that reads like a role or an organisation is not another author.
    if (ROLE.test(part) && !looksLikePerson(part)) return
    if (index > 0 && ORG_WORD.test(part) && !looksLikePerson(part)) return
    if (site && normalizeName(part) === site) return
    if (isGenericName(part)) {
      generic = true
      return
    }
    const name = cleanText(part, 200)
    if (name && !names.some((n) => normalizeName(n) === normalizeName(name))) names.push(name)
  })
  if (!names.length && generic) return { names: parts.filter(isGenericName).slice(0, 1), generic: true }
  return { names, generic: false }
}

/** 1–4 capitalised words, possibly with particles: "Holger Nauheimer", "Ludwig van Beethoven". */
export function looksLikePerson(text: string): boolean {
  const words = text.trim().split(/\s+/)
  if (words.length < 1 || words.length > 5) return false
  if (ORG_WORD.test(text) || ROLE.test(text)) return false
  let capitals = 0
  for (const word of words) {
    if (/^(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|al|el|ibn|y|zu|ter|ten|mc|st\.?)$/i.test(word)) continue
    if (/^[\p{Lu}][\p{L}'’.-]*$/u.test(word) || /^[\p{Lu}]\.?$/u.test(word)) capitals++
    else return false
  }
  return capitals >= 1
}

/** Comparison key: lower case, no accents, no punctuation. */
export function normalizeName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

/** Do two name lists share a person (equal, or one name contains the other: "Holger" / "Holger Nauheimer")? */
export function namesOverlap(a: string[], b: string[]): boolean {
  const bn = b.map(normalizeName).filter(Boolean)
  return a.map(normalizeName).some((x) => x && bn.some((y) => x === y || (` ${y} `).includes(` ${x} `) || (` ${x} `).includes(` ${y} `)))
}
