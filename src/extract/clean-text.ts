import { load } from 'cheerio/slim'

// C0/C1 controls (but not \t \n \r, which become spaces), zero-width and bidi marks, BOM, soft hyphen.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g
// JS \s covers every Unicode space (NBSP, U+2000–U+200A, U+3000…). Only runs and non-plain spaces
// are replaced: a lone ' ' already is what it would become, and text is mostly those.
const SPACES = /\s{2,}|[^\S ]/g
const MARKUP = /<\/?[a-zA-Z!][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});/

const TAG_LIKE = /<\s*\/?\s*[a-zA-Z!?][^>]*>/g
const HIDDEN = new Set(['script', 'style', 'noscript', 'template'])

/**
 * Strip markup and decode entities, for strings that arrive with HTML inside
 * (JSON-LD, meta content, an unclosed <title> that swallowed the page).
 * Script and style contents are dropped, and whatever still looks like a tag
 * afterwards is removed: stored text never carries markup.
 */
export function stripMarkup(input: string): string {
  if (!MARKUP.test(input)) return input
  let text: string
  try {
    // Tags become word breaks so "<p>a</p><p>b</p>" does not read "ab".
    const spaced = input.replace(/<(?:br|\/p|\/div|\/li|\/h\d)\b[^>]*>/gi, ' $&')
    const root = load(spaced, { xml: { xmlMode: false, decodeEntities: true } }).root()[0]
    text = root ? visibleText(root) : input
  } catch {
    text = input
  }
  return text.replace(TAG_LIKE, ' ')
}

/**
 * Text of elements as a reader sees it: like cheerio's .text(), but without
 * the contents of script, style, noscript and template (which .text() includes).
 */
export function visibleTextOf(target: unknown): string {
  if (target === null || target === undefined) return ''
  const nodes: unknown[] = typeof (target as { toArray?: unknown }).toArray === 'function' ? (target as { toArray(): unknown[] }).toArray() : [target]
  return nodes.map((node) => visibleText({ children: [node] })).join('')
}

function visibleText(root: { children: unknown[] }): string {
  const out: string[] = []
  const stack: any[] = [...root.children].reverse()
  while (stack.length) {
    const node = stack.pop()
    if (node.type === 'text') out.push(node.data)
    else if ((node.type === 'tag' || node.type === 'script' || node.type === 'style') && !HIDDEN.has(node.name)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i])
    }
  }
  return out.join('')
}

/**
 * Plain single-line text: markup stripped, entities decoded, control and
 * zero-width characters removed, white space collapsed, at most `max` characters
 * (cut on a word, with an ellipsis). Empty results are null.
 */
export function cleanText(input: unknown, max = 500): string | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null
  const text = collapseSpace(stripMarkup(String(input)))
  if (!text) return null
  return truncateText(text, max)
}

/** Remove invisible characters and collapse white space to single spaces. */
export function collapseSpace(input: string): string {
  return input.replace(INVISIBLE, '').replace(SPACES, ' ').trim()
}

/** Cut `text` to at most `max` characters on a word boundary, ending with '…'. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text
  const room = Math.max(1, max - 1)
  let cut = text.slice(0, room)
  const space = cut.lastIndexOf(' ')
  // Cut on the word unless that loses more than a third of the room (one giant word).
  if (space > room * 0.66) cut = cut.slice(0, space)
  else if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return cut.replace(/[\s,;:.\-–—(]+$/u, '') + '…'
}

/** Multi-line text: like collapseSpace, but keeps single line breaks between blocks. */
export function collapseLines(input: string): string {
  return input
    .split(/\n+/)
    .map((line) => collapseSpace(line))
    .filter(Boolean)
    .join('\n')
}

const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'em', 'i', 'kbd', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'font'])

/**
 * Text of a subtree with a space at every non-inline element boundary and
 * between sibling inline elements, so "<span>Jane Roe</span><span>9:51</span>"
 * reads "Jane Roe 9:51", not "Jane Roe9:51". Iterative.
 */
export function spacedText(root: { type: string }): string {
  const out: string[] = []
  const stack: Array<{ node: any; leave: boolean }> = [{ node: root, leave: false }]
  while (stack.length) {
    const { node, leave } = stack.pop()!
    if (node.type === 'text') {
      out.push(node.data)
      continue
    }
    if (node.type !== 'tag' && node.type !== 'root') continue
    if (node.name === 'script' || node.name === 'style') continue
    const boundary = node.type === 'tag' && (!INLINE.has(node.name) || node.name === 'span' || node.name === 'time')
    if (leave) {
      if (boundary) out.push(' ')
      continue
    }
    if (node.name === 'br' || boundary) out.push(' ')
    stack.push({ node, leave: true })
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], leave: false })
  }
  return out.join('')
}
