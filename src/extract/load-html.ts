import { load } from 'cheerio/slim'
import type { CheerioAPI } from 'cheerio/slim'

/** Deeper than any real page; beyond it htmlparser2 turns quadratic and recursive helpers overflow. */
export const MAX_DEPTH = 400

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command', 'basefont', 'frame', 'isindex'])
// Tags whose end tag is optional: an unclosed run of them must not count as nesting.
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rtc', 'rp', 'html', 'head', 'body'])
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|xmp|noscript)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][^\s/>]*)[^>]*>/gi

/**
 * Drop the tags nested deeper than `maxDepth` (their text stays), so
 * pathological nesting (100k nested divs) degrades to flat text instead of
 * a stack overflow. Returns the input itself when nothing is that deep.
 */
export function limitNesting(html: string, maxDepth = MAX_DEPTH): string {
  // Cheap exit: a page with fewer tags than the limit cannot nest beyond it.
  let count = 0
  for (let i = html.indexOf('<'); i !== -1 && count <= maxDepth; i = html.indexOf('<', i + 1)) count++
  if (count <= maxDepth) return html

  const cuts: Array<[number, number]> = []
  let depth = 0
  let links = 0
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    const name = m[3]?.toLowerCase()
    if (!name || VOID.has(name) || SELF_CLOSING_SIBLINGS.has(name) || m[0].endsWith('/>')) continue
    // Links survive the cut (they are what the crawler needs), as long as they are not the nesting themselves.
    if (name === 'a' && depth >= maxDepth) {
      if (m[2] === '/') {
        if (links > 0) links--
        else cuts.push([m.index, m.index + m[0].length])
      } else if (links < 2) links++
      else cuts.push([m.index, m.index + m[0].length])
      continue
    }
    if (m[2] === '/') {
      if (depth > maxDepth) cuts.push([m.index, m.index + m[0].length])
      if (depth > 0) depth--
    } else {
      depth++
      if (depth > maxDepth) cuts.push([m.index, m.index + m[0].length])
    }
  }
  if (!cuts.length) return html
  const parts: string[] = []
  let at = 0
  for (const [start, end] of cuts) {
    parts.push(html.slice(at, start))
    at = end
  }
  parts.push(html.slice(at))
  return parts.join(' ')
}

/** Parse with htmlparser2 (about 3x cheaper than parse5, and forgiving of malformed markup). */
export function loadHtml(html: string): CheerioAPI {
  return load(limitNesting(html), { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } })
}
