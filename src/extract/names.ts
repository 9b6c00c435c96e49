import { cleanText } from './clean-text.js'
import { parseDate } from './parse-date.js'

const LEAD = /^(?:(?:posted|written|published|reported|written and reported|story|words|text|reporting|photos?|interview|compiled|edited|contributed|created|submitted|reviewed|curated|updated|verfasst|geschrieben|publié|publicado|escrito|scritto)\s+(?:by|von|par|por|da|door|de|di)\b|by\b|von\b|par\b|por\b|door\b|di\b|de:|from\b|author:?|authors:?|autor(?:in)?:?|auteur:?|autore:?|text:|texte:|byline:?|posted:?|written:?|redaktion:)\s*/i
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
  if (/https?:|www\.|\/\/|\.(?:com|org|net|edu|gov|info|io|co|de|fr|es|it|nl|at|ch|uk|nz|au|ca|cz|pl|ru|jp|kr|cn|in|br)\b/i.test(name)) return false
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
  // Korean, Japanese and Chinese bylines put the job after the name: "신현주 기자", "山田太郎記者".
  text = text.replace(/\s*(?:기자|특파원|논설위원|선임기자|記者|记者|特派員|特派员|編集委員|撮影|通讯员|報導)(?=$|[\s,、,])/gu, '')

  const parts = text
    .split(/\s*(?:,|;|\/|&|\+|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bsowie\b|\bwith\b|\bmit\b|\||\n)\s*/i)
    .map((part) => part.replace(LEAD, '').replace(/^[\s"'“”‘’.,:;–—-]+|[\s"'“”‘’,:;–—-]+$/g, '').trim())
    .filter(Boolean)

  const site = siteName ? normalizeName(siteName) : null
  const names: string[] = []
  let generic = false
  parts.forEach((part, index) => {
    if (!isPlausibleName(part)) return
    if (isGenericName(part)) {
      generic = true
      return
    }
    // A segment that reads like a job, or (after the first name) like an organisation, is not another author.
    if (isRole(part)) return
    if (index > 0 && ORG_WORD.test(part) && !looksLikePerson(part)) return
    if (site && normalizeName(part) === site) return
    // "Ben Silverman Games Editor", "André Klein Redakteur": a job title run on without a comma.
    const name = cleanText(trimRole(part), 200)
    if (name && !names.some((n) => normalizeName(n) === normalizeName(name))) names.push(name)
  })
  if (!names.length && generic) return { names: parts.filter(isGenericName).slice(0, 1), generic: true }
  return { names, generic: false }
}

const ROLE_PHRASE = new RegExp(
  String.raw`^(?:(?:senior|chief|deputy|managing|executive|associate|contributing|staff|special|political|foreign|tech|technology|science|business|sports?|health|news|digital|guest|freelance|national|international|investigative|general|assistant|lead|principal|head|former|online|editorial|regional|local|social media|video|data|opinion|culture|travel|food|music|film|books|economics|legal|medical|white house|washington|europe|asia|africa|middle east)\s+)*` +
    String.raw`(?:writer|reporter|editor(?:-at-large)?|correspondent|columnist|contributor|journalist|analyst|producer|photographer|critic|blogger|intern|fellow|director|ceo|founder|co-?founder|president|professor|researcher|scientist|manager|officer|economist|anchor|host|staff|desk|team|bureau|newsroom|redakteur(?:in)?|korrespondent(?:in)?|journaliste|periodista|redactor(?:a)?|autor(?:in)?|author)s?` +
    String.raw`(?:\s+(?:at|for|of|with|in|bei|für).*)?$`,
  'i',
)

const ROLE_NOUN = /^(?:writer|reporter|editor|correspondent|columnist|contributor|journalist|analyst|producer|photographer|critic|blogger|redakteur(?:in)?|korrespondent(?:in)?|journaliste|periodista|redactor(?:a)?)s?$/i

const ROLE_MODIFIER = /^(?:senior|chief|deputy|managing|executive|associate|contributing|staff|special|political|foreign|tech|technology|science|sports?|health|digital|guest|freelance|national|international|investigative|general|assistant|lead|principal|head|former|online|editorial|regional|local|video|data|opinion|culture|travel|food|music|film|books|economics|legal|medical|games|gaming|entertainment|fashion|style|markets|money|weather|photo|features|metro|city|world|politics|education|sport|wirtschafts|politik|kultur)$/i

/** Drop a job title run on without a comma: "Ben Silverman Games Editor" → "Ben Silverman". */
function trimRole(name: string): string {
  const words = name.split(/\s+/)
  const n = words.length
  if (n < 3 || !ROLE_NOUN.test(words[n - 1]!)) return name
  // "News Correspondent" names an outlet ("Jewish Business News Correspondent"): keep it all.
  if (ORG_WORD.test(words[n - 2]!)) return name
  if (n >= 4 && ROLE_MODIFIER.test(words[n - 2]!)) return words.slice(0, n - 2).join(' ')
  return words.slice(0, n - 1).join(' ')
}

/** "Staff Writer", "Senior Editor at Example News", "Special to the Times": a job, not a person. */
export function isRole(text: string): boolean {
  const t = text.trim()
  return ROLE_PHRASE.test(t) || /^special to\b/i.test(t)
}

/** 1–4 capitalised words, possibly with particles: "Holger Nauheimer", "Ludwig van Beethoven". */
export function looksLikePerson(text: string): boolean {
  const words = text.trim().split(/\s+/)
  if (words.length < 1 || words.length > 5) return false
  if (ORG_WORD.test(text) || isRole(text)) return false
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
  return a.map(normalizeName).some((x) => x && bn.some((y) => x === y || tokensWithin(x, y) || tokensWithin(y, x)))
}

/** Every word of `short` is a word of `long`: "andre klein" within "andre oliver klein". */
function tokensWithin(short: string, long: string): boolean {
  const words = new Set(long.split(' '))
  return short.split(' ').every((w) => words.has(w))
}
