import { toCitations, type DateParts } from './citations.js'
import type { CitationName } from './names.js'
import type { Digest } from './types.js'

// Braces are written as commands, never as \{ \}: BibTeX counts every brace, escaped or not, so a lone one would end the field.
const TEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '$': '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  '_': '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  // In TeX's default font encoding these print as ¡ ¿ and a dash.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
}

/** Text as (bib)LaTeX reads it back verbatim: special characters become commands. UTF-8 stays as is. */
export function escapeBibtex(text: string): string {
  return text
    .replace(/[\\{}$&%#_^~<>|]/g, (ch) => TEX_ESCAPES[ch]!)
    // Break TeX's ligatures: -- and --- are dashes, `` '' ,, are curly quotes, ?` and !` are ¿ and ¡.
    .replace(/([-`',])(?=\1)/g, '$1{}')
    .replace(/([?!])(?=`)/g, '$1{}')
}

/** A part of a name that holds "and" or a comma is braced, or BibTeX would split the name there. */
function namePart(text: string): string {
  const escaped = escapeBibtex(text)
  return /(?:^|\s)and(?:\s|$)|,/i.test(text) ? `{${escaped}}` : escaped
}

function bibName(name: CitationName): string {
  // An organisation in braces is one family name, never split into first and last.
  if ('literal' in name) return `{${escapeBibtex(name.literal)}}`
  const family = [name.particle ? escapeBibtex(name.particle) : null, namePart(name.family)].filter(Boolean).join(' ')
  const parts = [family, ...(name.suffix ? [namePart(name.suffix)] : []), ...(name.given ? [namePart(name.given)] : [])]
  // "von Last, Jr, First" needs the given slot even when it is empty.
  if (name.suffix && !name.given) parts.push('')
  return parts.join(', ')
}

function bibDate(parts: DateParts): string {
  return parts.map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-')
}

/** URLs are verbatim in biblatex; only what would unbalance the field is percent-encoded. */
function bibUrl(url: string): string {
  return url.replace(/[{}\\\s]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))
}

/**
 * biblatex `@online` entries. The blog name goes in both `journaltitle`
 * (Zotero's BibTeX import reads it as the website title) and `organization`
 * (biblatex's own field for who published an online source).
 */
export function renderBibtex(digest: Digest): string {
  const entries = toCitations(digest).map((c) => {
    const fields: Array<[string, string]> = []
    if (c.authors.length) fields.push(['author', c.authors.map(bibName).join(' and ')])
    // Double braces keep the title's capitals as written.
    fields.push(['title', `{${escapeBibtex(c.title)}}`])
    if (c.container) fields.push(['journaltitle', escapeBibtex(c.container)], ['organization', escapeBibtex(c.container)])
    if (c.issued) fields.push(['date', bibDate(c.issued)])
    fields.push(['url', bibUrl(c.url)])
    if (c.accessed) fields.push(['urldate', bibDate(c.accessed)])
    if (c.abstract) fields.push(['abstract', escapeBibtex(c.abstract)])
    const body = fields.map(([name, value]) => `  ${name} = {${value}},`).join('\n')
    return `@online{${c.key},\n${body}\n}\n`
  })
  return entries.join('\n')
}
