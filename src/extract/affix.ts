import { normalizeName } from './names.js'
import { createMemo } from './memo.js'

// Separators between a headline and the site name in <title> and og:title.
const SEPARATOR = /\s+[|\-–—:·•»«/~]\s+|\s+(?:::|--)\s+|\s*[|｜]\s*|:\s+/g

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
export const titleKey = createMemo(computeKey, 5000)

function computeKey(text: string): string {
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
 * Remove a site-name prefix or suffix from a title ("Post | Site", "Site: Post"):
 * a suffix goes when the rest is another known headline ("Post -- Site" next to
 * an h1 "Post") or when it names the site; a prefix only when it names the site
 * (a kicker like "Kenia: …" is part of the headline).
 */
export function stripSiteAffix(title: string, siteNames: string[], host: string, headlines: string[] = []): string {
  const key = titleKey(title)
  // 1. Another source's headline plus a tail: "Headline-정치ㅣ한국일보", "Headline, Site, 26.04.2024".
  let best = ''
  for (const headline of headlines) {
    // A shortened copy ("Headline about Sheldon Adelson's...") is not the headline.
    if (/(?:\.\.\.|…)\s*$/.test(headline)) continue
    const h = titleKey(headline)
    const tail = key.length - h.length
    if (h.length >= 8 && tail > 0 && tail <= Math.min(80, key.length / 2) && key.startsWith(h) && h.length > best.length) {
      // The tail must start with a separator ("Post - Site", "Post, Site, date", "Post-정치ㅣ…"), not a next word.
      if (/^\s*[\p{P}\p{S}ㅣ]/u.test(key.slice(h.length))) best = h
    }
  }
  if (best) {
    const cut = cutAtKey(title, best.length)
    if (cut) return cut
  }
  const cuts = splitAtSeparators(title)
  // 2. A tail that names the site.
  for (let i = cuts.length - 1; i >= 0; i--) {
    const [left, right] = cuts[i]!
    if (namesSite(right, siteNames, host)) return stripSiteAffix(left, siteNames, host, headlines)
  }
  // 3. A head that names the site ("Blog Name: Post").
  for (const [left, right] of cuts) {
    if (namesSite(left, siteNames, host)) return stripSiteAffix(right, siteNames, host, headlines)
  }
  return title
}

/** The prefix of `title` whose titleKey has `length` characters. */
function cutAtKey(title: string, length: number): string | null {
  for (let end = Math.min(title.length, length + 40); end > 0; end--) {
    const prefix = title.slice(0, end)
    if (titleKey(prefix).length === length) return prefix.replace(/[\s\p{P}\p{S}]+$/u, (tail) => (/[?!.…"'”’)]/.test(tail[0] ?? '') ? tail.replace(/[\s\-–—|,:;]+$/, '') : ''))
  }
  return null
}
