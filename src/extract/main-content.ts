import type { CheerioAPI } from 'cheerio/slim'
import type { DomIndex } from './dom-index.js'
import type { AnyNode, Element } from 'domhandler'
import { createRegionIndex, isBoilerplate, isCommentArea, isElement, tokensOf } from './regions.js'

// Platform and microformat containers of the post body, most specific first.
const BODY_SELECTORS = [
  '[itemprop~="articleBody"], [itemprop~="articlebody"]',
  '.post-body', // Blogger
  '.entry-content, .e-content', // hAtom / h-entry / WordPress
  '.entry-body', // TypePad
  '.gh-content, .post-full-content, .article-content, .post-content', // Ghost, generic
  '.available-content, .body.markup', // Substack
  '.sqs-block-content', // Squarespace
  '.article-body, .article__body, .articleBody, .story-body, .story-content, .article-text, .articletext, .entry-text, .post-text, .content-body, .post-entry, .blog-post-body, .single-post-content',
  '[data-field="body"], section[name="articleBody"]',
]

const MIN_SELECTOR_TEXT = 140

/**
 * The element holding the post's own text: a known container when one has
 * enough text, else the best-scoring container by paragraph text density.
 */
export function findMainContent($: CheerioAPI, dom: DomIndex): Element | null {
  for (const selector of BODY_SELECTORS) {
    let best: Element | null = null
    let bestLength = MIN_SELECTOR_TEXT - 1
    for (const el of dom.select(selector)) {
      if (hasAncestor(el, (a) => isCommentArea(a))) continue
      const length = textLength(el)
      if (length > bestLength) {
        best = el
        bestLength = length
      }
    }
    // Squarespace splits a post into many blocks: use their common parent.
    if (best && selector === '.sqs-block-content') return commonContainer(dom.select(selector)) ?? best
    if (best) return best
  }
  return scoreByDensity($, dom)
}

function hasAncestor(el: Element, test: (a: Element) => boolean): boolean {
  for (let at: AnyNode | null = el; at; at = at.parent) if (isElement(at) && test(at)) return true
  return false
}

/** Visible text length, iteratively. */
export function textLength(root: AnyNode): number {
  let total = 0
  const stack: AnyNode[] = [root]
  while (stack.length) {
    const node = stack.pop()!
    if (node.type === 'text') total += (node as unknown as { data: string }).data.trim().length
    else if (node.type === 'tag' || node.type === 'root') for (const child of (node as Element).children) stack.push(child)
  }
  return total
}

function commonContainer(els: Element[]): Element | null {
  if (!els.length) return null
  let candidate: AnyNode | null = els[0]!.parent
  while (candidate) {
    const c = candidate
    if (els.every((el) => contains(c, el))) return isElement(c) ? c : null
    candidate = candidate.parent
  }
  return null
}

function contains(ancestor: AnyNode, node: AnyNode): boolean {
  for (let at: AnyNode | null = node; at; at = at.parent) if (at === ancestor) return true
  return false
}

const NEGATIVE = /(?:^|[\s_-])(?:comment|sidebar|footer|menu|nav|related|share|social|widget|promo|teaser|advert|cookie|banner|header|masthead|breadcrumb)/i
const POSITIVE = /(?:^|[\s_-])(?:article|post|entry|content|story|body|main|text|blog)/i

/** Readability-style: paragraphs vote for their parent and grandparent. */
function scoreByDensity($: CheerioAPI, dom: DomIndex): Element | null {
  const scores = new Map<Element, number>()
  const regions = createRegionIndex(null)
  $(dom.select('p, pre, blockquote, td, div, section, article')).each((_, el) => {
    if (el.name === 'div' || el.name === 'section' || el.name === 'article' || el.name === 'td') {
      // Only containers that hold text directly (Blogger-era posts use <br> instead of <p>).
      if (!el.children.some((c) => c.type === 'text' && (c as unknown as { data: string }).data.trim().length > 40)) return
    }
    const container = el.name !== 'p' && el.name !== 'pre' && el.name !== 'blockquote'
    const text = container ? ownText(el) : plainText(el)
    if (text.length < 25) return
    // Readers' comments can be long and dense, but they are never the post.
    if (regions.inComments(el)) return
    const linkText = container ? ownLinkText(el) : linkTextLength(el)
    if (linkText > text.length * 0.5) return
    const score = 1 + (text.match(/[,،、，]/g)?.length ?? 0) + Math.min(Math.floor(text.length / 100), 3)
    let at: AnyNode | null = el.name === 'p' || el.name === 'pre' || el.name === 'blockquote' ? el.parent : el
    for (let level = 0; at && level < 3; level++, at = at.parent) {
      if (!isElement(at) || at.name === 'body' || at.name === 'html') break
      scores.set(at, (scores.get(at) ?? 0) + score / (level === 0 ? 1 : level * 2))
    }
  })
  let best: Element | null = null
  let bestScore = 0
  for (const [el, raw] of scores) {
    const signature = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`
    let score = raw * (1 - linkDensity(el))
    if (NEGATIVE.test(signature) || isBoilerplate(el) || isCommentArea(el)) score *= 0.3
    if (POSITIVE.test(signature) || el.name === 'article' || el.name === 'main') score *= 1.25
    if (score > bestScore) {
      best = el
      bestScore = score
    }
  }
  return best
}

const INLINE = new Set(['a', 'b', 'strong', 'i', 'em', 'u', 'span', 'font', 'small', 'big', 'abbr', 'cite', 'q', 'sub', 'sup', 'code'])

/** Text of the element itself and its inline children: a Blogger post body, not the page it contains. */
function ownText(el: Element): string {
  const out: string[] = []
  for (const child of el.children) {
    if (child.type === 'text') out.push((child as unknown as { data: string }).data)
    else if (isElement(child) && INLINE.has(child.name)) out.push(plainText(child))
  }
  return out.join('').replace(/\s+/g, ' ').trim()
}

function ownLinkText(el: Element): number {
  let total = 0
  for (const child of el.children) if (isElement(child) && child.name === 'a') total += plainText(child).length
  return total
}

function plainText(root: AnyNode): string {
  const out: string[] = []
  const stack: AnyNode[] = [root]
  while (stack.length) {
    const node = stack.pop()!
    if (node.type === 'text') out.push((node as unknown as { data: string }).data)
    else if (node.type === 'tag') {
      const children = (node as Element).children
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
    }
  }
  return out.join('').replace(/\s+/g, ' ').trim()
}

function linkTextLength(root: Element): number {
  let total = 0
  const stack: AnyNode[] = [root]
  while (stack.length) {
    const node = stack.pop()!
    if (node.type !== 'tag') continue
    const el = node as Element
    if (el.name === 'a') total += plainText(el).length
    else for (const child of el.children) stack.push(child)
  }
  return total
}

function linkDensity(el: Element): number {
  const total = textLength(el)
  return total ? Math.min(1, linkTextLength(el) / total) : 0
}

const POST_TOKEN = /^(?:post|hentry|h-entry|entry|type-post|blog-post|article|single-post|post-outer|post-container|entry-wrapper)$|^post-\d+$/

/** The post around the body: the nearest article-like ancestor (or the body's parent). */
export function postContainer(main: Element | null): Element | null {
  if (!main) return null
  let at: AnyNode | null = main.parent
  for (let depth = 0; at && depth < 6; depth++, at = at.parent) {
    if (!isElement(at) || at.name === 'body' || at.name === 'html') break
    if (at.name === 'article' || tokensOf(at).some((t) => POST_TOKEN.test(t)) || /Article|BlogPosting/.test(at.attribs.itemtype ?? '')) return at
  }
  return isElement(main.parent) && main.parent.name !== 'body' ? main.parent : main
}

