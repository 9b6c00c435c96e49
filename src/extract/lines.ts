import type { AnyNode, Element } from 'domhandler'
import { collapseSpace } from './clean-text.js'

/** One visual line of text: what lies between two block boundaries or `<br>`s. */
export interface Line {
  text: string
  /** Links on the line, with their plain anchor text. */
  links: Array<{ el: Element; text: string }>
  /** Characters of `text` that are link text. */
  linkChars: number
  /** Nearest block-level ancestor of the line's first node. */
  block: Element | null
  /** A paragraph boundary (block edge or blank line) comes before this line. */
  gapBefore: boolean
  /** Inside h1–h6. */
  heading: boolean
  /** All of the line's text is inside strong/b/em/i/u. */
  emphasis: boolean
}

export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot',
  'tr', 'td', 'th', 'ul', 'caption', 'option', 'body', 'html', 'legend', 'title',
])
export const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'select', 'textarea', 'button', 'input', 'head', 'math', 'canvas', 'video', 'audio', 'map'])
const EMPHASIS_TAGS = new Set(['strong', 'b', 'em', 'i', 'u'])
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/**
 * Split `root` into lines, in document order. `skip` prunes whole subtrees
 * (comments, sidebars…). Iterative, so deep trees cannot overflow the stack.
 */
export function collectLines(root: AnyNode, skip?: (el: Element) => boolean, maxLines = 20000): Line[] {
  const lines: Line[] = []
  let parts: string[] = []
  let emphasisChars = 0
  let plainChars = 0
  let links: Line['links'] = []
  let first: AnyNode | null = null
  let gap = true
  let blankRun = 0
  const openLinks: Array<{ el: Element; parts: string[] }> = []

  const flush = (boundary: 'block' | 'br') => {
    const text = collapseSpace(parts.join(''))
    if (text) {
      const block = nearestBlock(first)
      lines.push({
        text,
        links,
        linkChars: links.reduce((n, l) => n + l.text.length, 0),
        block,
        gapBefore: gap,
        heading: !!ancestorIn(first, HEADINGS),
        emphasis: emphasisChars > 0 && plainChars === 0,
      })
      gap = false
      blankRun = 0
    } else if (boundary === 'br') {
      // "text<br><br>text": the empty line between is a paragraph break.
      blankRun++
      if (blankRun >= 1 && lines.length) gap = true
    }
    if (boundary === 'block') gap = true
    parts = []
    links = []
    emphasisChars = 0
    plainChars = 0
    first = null
  }

  type Frame = { node: AnyNode; leave: boolean }
  const stack: Frame[] = [{ node: root, leave: false }]
  let emphasisDepth = 0
  while (stack.length && lines.length < maxLines) {
    const { node, leave } = stack.pop()!
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data
      if (!first && data.trim()) first = node
      parts.push(data)
      for (const open of openLinks) open.parts.push(data)
      const visible = data.replace(/\s+/g, '').length
      if (emphasisDepth > 0) emphasisChars += visible
      else plainChars += visible
      continue
    }
    if (node.type !== 'tag' && node.type !== 'root') continue
    const el = node as Element
    const name = node.type === 'root' ? '' : el.name
    if (leave) {
      if (BLOCK_TAGS.has(name)) flush('block')
      else if (EMPHASIS_TAGS.has(name)) emphasisDepth--
      else if (name === 'a') {
        const open = openLinks.pop()
        if (open) {
          const text = collapseSpace(open.parts.join(''))
          links.push({ el: open.el, text })
        }
      }
      continue
    }
    if (SKIP_TAGS.has(name) || (skip && node.type === 'tag' && skip(el))) continue
    if (name === 'br') {
      flush('br')
      continue
    }
    if (BLOCK_TAGS.has(name)) flush('block')
    else if (EMPHASIS_TAGS.has(name)) emphasisDepth++
    else if (name === 'a') openLinks.push({ el, parts: [] })
    stack.push({ node, leave: true })
    const children = (node as Element).children
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leave: false })
  }
  flush('block')
  return lines
}

function nearestBlock(node: AnyNode | null): Element | null {
  for (let at = node?.parent ?? null; at; at = at.parent) {
    if (at.type === 'tag' && BLOCK_TAGS.has((at as Element).name)) return at as Element
  }
  return null
}

function ancestorIn(node: AnyNode | null, names: Set<string>): Element | null {
  for (let at = node?.parent ?? null; at; at = at.parent) {
    if (at.type === 'tag' && names.has((at as Element).name)) return at as Element
  }
  return null
}

/** Group lines into paragraphs at their gaps. */
export function toParagraphs(lines: Line[]): Line[][] {
  const paragraphs: Line[][] = []
  for (const line of lines) {
    const last = paragraphs[paragraphs.length - 1]
    if (!last || line.gapBefore) paragraphs.push([line])
    else last.push(line)
  }
  return paragraphs
}
