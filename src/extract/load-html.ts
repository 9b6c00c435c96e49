import { load } from 'cheerio/slim'
import type { CheerioAPI } from 'cheerio/slim'
import { DomHandler } from 'domhandler'
import type { Document } from 'domhandler'
import { Parser } from 'htmlparser2'

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
  if (!nestsDeeperThan(html, maxDepth)) return html

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

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'xmp', 'noscript'])

/** A quick scan (no regex per tag) that only answers whether tags nest deeper than `limit`. */
function nestsDeeperThan(html: string, limit: number): boolean {
  const length = html.length
  let depth = 0
  let i = html.indexOf('<')
  while (i !== -1 && i < length - 1) {
    const next = html.charCodeAt(i + 1)
    if (next === 33) {
      // <!-- comment --> or <!DOCTYPE>
      const end = html.startsWith('<!--', i) ? html.indexOf('-->', i + 4) : html.indexOf('>', i + 2)
      if (end === -1) return false
      i = html.indexOf('<', end + 1)
      continue
    }
    const closing = next === 47
    const start = closing ? i + 2 : i + 1
    const first = html.charCodeAt(start)
    let end = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) ? start + 1 : start
    while (end > start && end < length && isNameChar(html.charCodeAt(end))) end++
    if (end === start) {
      i = html.indexOf('<', i + 1)
      continue
    }
    const gt = html.indexOf('>', end)
    if (gt === -1) return false
    const name = html.slice(start, end).toLowerCase()
    if (!closing && RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, 'gi')
      close.lastIndex = gt + 1
      const m = close.exec(html)
      if (!m) return false
      i = html.indexOf('<', m.index + m[0].length)
      continue
    }
    if (!VOID.has(name) && !SELF_CLOSING_SIBLINGS.has(name) && html.charCodeAt(gt - 1) !== 47) {
      if (closing) {
        if (depth > 0) depth--
      } else if (++depth > limit) return true
    }
    i = html.indexOf('<', gt + 1)
  }
  return false
}

function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 58 || code === 95
}

// Start indices give the DOM index its document order for free.
const OPTIONS = { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, withStartIndices: true }

/** Thrown by DepthGuard: `at` is where, in the markup, the tree got too deep. */
class TooDeep {
  constructor(readonly at: number) {}
}

/** Builds the tree as htmlparser2's own handler does, and gives up as soon as it nests past `limit`. */
class DepthGuard extends DomHandler {
  #at: { startIndex: number } | null = null

  constructor(private readonly limit: number) {
    super(undefined, OPTIONS)
  }

  override onparserinit(parser: { startIndex: number; endIndex: number }): void {
    super.onparserinit(parser)
    this.#at = parser
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs)
    // tagStack[0] is the document itself.
    if (this.tagStack.length > this.limit + 1) throw new TooDeep(this.#at?.startIndex ?? 0)
  }
}

/** Parse, giving up past `limit` levels (Infinity: never). */
function parse(html: string, limit: number): Document {
  const handler = new DepthGuard(limit)
  new Parser(handler, OPTIONS).end(html)
  return handler.root
}

/**
 * Parse with htmlparser2 (about 3x cheaper than parse5, and forgiving of malformed markup).
 * The depth is watched while the tree is built, rather than by a scan of the markup first:
 * only a page that does nest past MAX_DEPTH is flattened (limitNesting) and parsed again.
 */
export function loadHtml(html: string): CheerioAPI {
  let document: Document
  try {
    document = parse(html, MAX_DEPTH)
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error
    const flat = limitNesting(html)
    try {
      // limitNesting does not count the tags that close themselves (p, li, tr, td), so what
      // it keeps can nest deeper than MAX_DEPTH: a table keeps three elements per level.
      document = parse(flat, 4 * MAX_DEPTH)
    } catch (again) {
      if (!(again instanceof TooDeep)) throw again
      // limitNesting reads some markup otherwise than htmlparser2 does (`<div/>` opens a div in
      // HTML), and an unguarded parse of 100k levels takes minutes: past the point where the
      // tree got too deep, keep only the text.
      document = parse(flat.slice(0, again.at) + flat.slice(again.at).replace(/<[^>]*>/g, ' '), Infinity)
    }
  }
  return load(document, { xml: OPTIONS })
}
