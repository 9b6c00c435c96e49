import { toCitations, type DateParts } from './citations.js'
import { fullFamily, type CitationName } from './names.js'
import type { Digest } from './types.js'

function risName(name: CitationName): string {
  // Readers split AU on commas into family and given, so a whole name must not hold one.
  if ('literal' in name) return name.literal.replace(/\s*,\s*/g, ' ')
  return [fullFamily(name), name.given ?? '', ...(name.suffix ? [name.suffix] : [])].join(', ').replace(/, $/, '')
}

/** RIS dates are YYYY/MM/DD/ with empty parts left blank. */
function risDate(parts: DateParts): string {
  const [y, m, d] = parts
  const pad = (n: number | undefined) => (n === undefined ? '' : String(n).padStart(2, '0'))
  return `${String(y).padStart(4, '0')}/${pad(m)}/${pad(d)}/`
}

/**
 * RIS, one `TY  - BLOG` record per post (Zotero: blog post, T2 = blog title).
 * Every value is one line, so crawled text cannot forge tags or records.
 */
export function renderRis(digest: Digest): string {
  const records = toCitations(digest).map((c) => {
    const lines: Array<[string, string]> = [['TY', 'BLOG'], ['TI', c.title]]
    for (const author of c.authors) lines.push(['AU', risName(author)])
    if (c.container) lines.push(['T2', c.container])
    if (c.issued) lines.push(['PY', String(c.issued[0])], ['DA', risDate(c.issued)])
    if (c.accessed) lines.push(['Y2', risDate(c.accessed)])
    lines.push(['UR', c.url])
    if (c.abstract) lines.push(['AB', c.abstract])
    lines.push(['ER', ''])
    return lines.map(([tag, value]) => `${tag}  - ${value}\r\n`).join('')
  })
  return records.join('\r\n')
}
