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
  let started = false
  let lineBlock: Element | null = null
  let lineHeading = false
  let gap = true
  const openLinks: Array<{ el: Element; parts: string[] }> = []
  // Open block elements and headings, so a line knows its container without walking up.
  const blocks: Element[] = []
  let headingDepth = 0
  let emphasisDepth = 0

  const flush = (boundary: 'block' | 'br') => {
    if (started) {
      const text = collapseSpace(parts.join(''))
      let linkChars = 0
      for (const l of links) linkChars += l.text.length
      lines.push({ text, links, linkChars, block: lineBlock, gapBefore: gap, heading: lineHeading, emphasis: emphasisChars > 0 && plainChars === 0 })
      gap = boundary === 'block'
      parts = []
      links = []
      emphasisChars = 0
      plainChars = 0
      started = false
    } else if (boundary === 'block' || lines.length) {
      // "text<br><br>text": the empty line between is a paragraph break, as is a block edge.
      gap = true
    }
  }

  const nodes: AnyNode[] = [root]
  const leaving: boolean[] = [false]
  while (nodes.length && lines.length < maxLines) {
    const node = nodes.pop()!
    const leave = leaving.pop()!
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data
      if (!started) {
        // Leading white space never shows; a line starts at its first visible character.
        if (!/\S/.test(data)) continue
        started = true
        lineBlock = blocks.length ? blocks[blocks.length - 1]! : null
        lineHeading = headingDepth > 0
      }
      parts.push(data)
      for (const open of openLinks) open.parts.push(data)
      if (emphasisDepth > 0) emphasisChars += data.length
      else plainChars += data.trim().length
      continue
    }
    if (node.type !== 'tag' && node.type !== 'root') continue
    const el = node as Element
    const name = node.type === 'root' ? '' : el.name
    if (leave) {
      if (BLOCK_TAGS.has(name)) {
        flush('block')
        blocks.pop()
        if (HEADINGS.has(name)) headingDepth--
      } else if (EMPHASIS_TAGS.has(name)) emphasisDepth--
      else if (name === 'a') {
        const open = openLinks.pop()
        if (open) links.push({ el: open.el, text: collapseSpace(open.parts.join('')) })
      }
      continue
    }
    if (SKIP_TAGS.has(name) || (skip && node.type === 'tag' && node !== root && skip(el))) continue
    if (name === 'br') {
      flush('br')
      continue
    }
    if (BLOCK_TAGS.has(name)) {
      flush('block')
      blocks.push(el)
      if (HEADINGS.has(name)) headingDepth++
    } else if (EMPHASIS_TAGS.has(name)) emphasisDepth++
    else if (name === 'a') openLinks.push({ el, parts: [] })
    nodes.push(node)
    leaving.push(true)
    const children = el.children
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]!)
      leaving.push(false)
    }
  }
  flush('block')
  return lines
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
