import { cleanText } from './clean-text.js'
import { parseDate } from './parse-date.js'

export interface Claim {
  claimedAuthor: string | null
  claimedSite: string | null
}

const none = (): Claim => ({ claimedAuthor: null, claimedSite: null })
// Words that make a phrase a publication, not a person.
const SITE_WORD = /\b(?:blog|blogs|weblog|news|times|post|journal|magazine|mag|media|digital|group|network|online|daily|weekly|monthly|review|report|tribune|herald|gazette|chronicle|wire|tech|labs?|inc|llc|ltd|gmbh|corp|company|agency|institute|university|center|centre|council|association|society|foundation|mashup|insights?|marketing|strategies|strategy|solutions|consulting|partners|studio|press|zeitung|club|forum|podcast|radio|tv|channel|the|diary|notes|world|today|weekly|blogspot|wordpress|typepad|medium|substack)\b|\.(?:com|net|org|de|io|co)\b/i
// Brand spellings: "ZDNet", "TechCrunch", all lower case "mashable".
const BRAND = /[A-Z]{2,}[a-z]+[A-Z]?|^[a-z0-9]+$|[a-z][A-Z]/
const PARTICLE = /^(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|al|el|ibn|zu|ter|ten|st\.?|jr\.?|sr\.?|ii|iii)$/i

/** Two to four capitalised words that read as a person's name ("Jessica Valenzuela", "Ludwig van Beethoven"). */
export function isPersonLike(text: string): boolean {
  const words = text.trim().split(/\s+/)
  if (words.length < 2 || words.length > 4) return false
  if (SITE_WORD.test(text) || BRAND.test(text.replace(/\b(?:Mc|Mac|O')(?=\p{Lu})/gu, ''))) return false
  return words.every((w) => PARTICLE.test(w) || /^\p{Lu}[\p{Ll}'’-]+$|^\p{Lu}\.$|^\p{Lu}[\p{Ll}]+-\p{Lu}[\p{Ll}]+$|^Mc\p{Lu}\p{Ll}+$|^O'\p{Lu}\p{Ll}+$/u.test(w))
}

const tidy = (s: string | undefined | null) => (s ? cleanText(s.replace(/^[\s"'“”‘’«»(\[]+|[\s"'“”‘’«»)\].,;:–—-]+$/g, ''), 200) : null)

/**
 * Read who and where from a coverage entry: "Name, Blog", "Name, Org, Blog",
 * "Name (Blog)", "Name at Blog", "Blog: Title", "Title by Name", "Title – Name".
 * Guesses nothing when the entry is only a title.
 */
export function parseClaim(entryText: string, anchorText = ''): Claim {
  let text = cleanText(entryText, 400)
  if (!text) return none()
  text = text.replace(/^(?:[-–—•*·»›>]+|\d{1,2}[.)])\s*/, '')
  // A trailing date is not part of the site name: "Name, Blog (April 1, 2009)".
  text = text.replace(/\s*\(([^()]{6,40})\)\s*$/, (all, inner: string) => (parseDate(inner) ? '' : all))
  text = text.replace(/\s*[–—|-]\s*([^()–—|-]{6,40})$/, (all, inner: string) => (parseDate(inner) ? '' : all))
  const anchor = (cleanText(anchorText, 400) ?? '').replace(/^(?:[-–—•*·»›>]+)\s*/, '')
  const isAnchor = (part: string) => !!anchor && part.toLowerCase() === anchor.toLowerCase() && anchor !== text

  // "Title by Name", "Title by Name (Blog)", "Title by Name at Blog"
  const by = /^(.+?)\s+(?:by|von|par|por|di|door)\s+(.+)$/i.exec(text)
  if (by && (isPersonLike(stripSite(by[2]!).name) || isPersonLike(by[2]!))) {
    const tail = stripSite(by[2]!)
    return { claimedAuthor: tidy(tail.name), claimedSite: tidy(tail.site) }
  }

  // "Blog: Title" or "Name: Title"
  const colon = /^([^:]{2,60}):\s+(.+)$/.exec(text)
  if (colon && !/^https?$/i.test(colon[1]!)) {
    const left = colon[1]!.trim()
    const inner = parseNamed(left)
    if (inner) return inner
    return isPersonLike(left) ? { claimedAuthor: tidy(left), claimedSite: null } : { claimedAuthor: null, claimedSite: tidy(left) }
  }

  const named = parseNamed(text)
  if (named) return named

  // "Title – Name", "Name – Title", "Blog – Title"
  const dash = /^(.+?)\s+[–—|-]\s+(.+)$/.exec(text)
  if (dash) {
    const [left, right] = [dash[1]!.trim(), dash[2]!.trim()]
    if (isPersonLike(right) && !isPersonLike(left)) return { claimedAuthor: tidy(right), claimedSite: null }
    if (isPersonLike(left) && !isPersonLike(right)) return { claimedAuthor: tidy(left), claimedSite: isAnchor(right) ? null : tidy(right) }
    if (isAnchor(right) && left.length <= 60) return { claimedAuthor: null, claimedSite: tidy(left) }
    if (isAnchor(left) && right.length <= 60) return { claimedAuthor: null, claimedSite: tidy(right) }
  }
  return none()
}

/** "Name (Blog)", "Name at Blog", "Name, Org, Blog" and their mirror images. */
function parseNamed(text: string): Claim | null {
  const paren = /^([^()]{2,80}?)\s*\(([^()]{2,80})\)$/.exec(text)
  if (paren) {
    const [outside, inside] = [paren[1]!.trim(), paren[2]!.trim()]
    if (isPersonLike(inside) && !isPersonLike(outside)) return { claimedAuthor: tidy(inside), claimedSite: tidy(outside) }
    if (isPersonLike(outside) || outside.split(',').length === 1) {
      const head = outside.split(/\s*,\s*/)
      return { claimedAuthor: isPersonLike(head[0]!) ? tidy(head[0]) : null, claimedSite: tidy(inside) }
    }
  }
  const at = stripSite(text)
  if (at.site && isPersonLike(at.name)) return { claimedAuthor: tidy(at.name), claimedSite: tidy(at.site) }

  const parts = text.split(/\s*,\s*/).filter(Boolean)
  if (parts.length >= 2 && parts.every((p) => p.length <= 80)) {
    const first = parts[0]!
    const last = parts[parts.length - 1]!
    if (isPersonLike(first) || (!isPersonLike(last) && looseName(first) && !SITE_WORD.test(first))) {
      return { claimedAuthor: tidy(first), claimedSite: tidy(last) }
    }
    if (isPersonLike(last)) return { claimedAuthor: tidy(last), claimedSite: tidy(first) }
  }
  return null
}

/** A name-ish short phrase even when not perfectly capitalised ("danah boyd"). */
function looseName(text: string): boolean {
  const words = text.split(/\s+/)
  return words.length >= 2 && words.length <= 4 && words.every((w) => /^[\p{L}'’.-]+$/u.test(w))
}

/** Split "Name at Blog" / "Name @ Blog" / "Name on Blog" / "Name bei Blog". */
function stripSite(text: string): { name: string; site: string | null } {
  const m = /^(.+?)\s+(?:at|@|on|bei|chez|en|from|of)\s+(.+)$/i.exec(text.trim())
  if (m && isPersonLike(m[1]!.trim())) return { name: m[1]!.trim(), site: m[2]!.trim() }
  const paren = /^(.+?)\s*\(([^()]+)\)$/.exec(text.trim())
  if (paren) return { name: paren[1]!.trim(), site: paren[2]!.trim() }
  return { name: text.trim(), site: null }
}
