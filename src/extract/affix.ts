import { normalizeName } from './names.js'

// Separators between a headline and the site name in <title> and og:title.
const SEPARATOR = /\s+[|\-–—:·•»«/~]\s+|\s+::\s+|\s*\|\s*|:\s+/g

/** Every way to cut `title` at one separator: [left, right] pairs. */
export function splitAtSeparators(title: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const m of title.matchAll(SEPARATOR)) {
    const left = title.slice(0, m.index).trim()
    const right = title.slice(m.index + m[0].length).trim()
    if (left && right) out.push([left, right])
  }
  return out
}

/** Comparison key for titles: NFKC, lower case, unified quotes and dashes, no edge punctuation. */
export function titleKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
}

/** Does `part` name the site: equal to the site name, or to the host's main label? */
export function namesSite(part: string, siteNames: string[], host: string): boolean {
  const key = normalizeName(part)
  if (!key) return false
  if (siteNames.some((s) => normalizeName(s) === key)) return true
  const compact = key.replace(/\s+/g, '')
  const labels = host.toLowerCase().replace(/^www\d?\./, '').split('.')
  return labels.some((label) => label.length >= 3 && (compact === label || compact === label.replace(/-/g, '')))
}

/**
 * Remove a site-name prefix or suffix from a title ("Post | Site", "Site: Post"),
 * when the cut-off part names the site or the rest equals another known headline.
 */
export function stripSiteAffix(title: string, siteNames: string[], host: string, headlines: string[] = []): string {
  const keys = new Set(headlines.map(titleKey).filter(Boolean))
  const cuts = splitAtSeparators(title)
  // Prefer the cut that leaves a known headline, then a cut whose other side names the site.
  for (const [left, right] of cuts) {
    if (keys.has(titleKey(left))) return left
    if (keys.has(titleKey(right))) return right
  }
  for (let i = cuts.length - 1; i >= 0; i--) {
    const [left, right] = cuts[i]!
    if (namesSite(right, siteNames, host)) return stripSiteAffix(left, siteNames, host, headlines)
  }
  for (const [left, right] of cuts) {
    if (namesSite(left, siteNames, host)) return stripSiteAffix(right, siteNames, host, headlines)
  }
  return title
}
