import type { AnyNode, Element } from 'domhandler'
import { createMemo } from './memo.js'

/** Lower-case class and id tokens of an element. */
export function tokensOf(el: Element): string[] {
  let tokens = tokenCache.get(el)
  if (!tokens) {
    const raw = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase().trim()
    tokens = raw ? raw.split(/\s+/) : []
    tokenCache.set(el, tokens)
  }
  return tokens
}
const tokenCache = new WeakMap<Element, string[]>()
// Class tokens repeat across a page (and across pages): test each distinct token once.
export const COMMENT_BIT = 1
export const BOILERPLATE_BIT = 2
export const CAPTION_BIT = 4
export const WIDGET_BIT = 8

const verdict = createMemo((token: string): number =>
  (COMMENT_TOKEN.test(token) ? COMMENT_BIT : 0) | (BOILERPLATE_TOKEN.test(token) ? BOILERPLATE_BIT : 0) |
  (CAPTION_TOKEN.test(token) ? CAPTION_BIT : 0) | (WIDGET_TOKEN.test(token) ? WIDGET_BIT : 0))

// Figure captions, photo credits, screen-reader-only text: not the post's prose.
const CAPTION_TOKEN = /^(?:wp-caption-text|caption|.*[-_]caption|caption[-_].*|figcaption|credit|credits|.*[-_]credits?|image-credit|photo-credit|zemanta.*|wp-caption-dd|media-credit|img-credit|imagecredit|copyright|sr-only|screen-reader-text|visually-hidden|hidden|print-only|skip-link)$/
// Same-blog widgets (YARPP, Jetpack, LinkWithin…) and auto-generated lists.
const WIDGET_TOKEN = /(?:^|[-_])(?:yarpp|jp-relatedposts|jp-related|linkwithin|related-posts|relatedposts|related_posts|crp_related|wp_rp|rp4wp|zemanta-related|zem-|outbrain|taboola|ob-widget|similar-posts|more-from|recirc|pd-post|nrelate)/
const COMMENT_TOKEN = /^(?:comments?|commentlist|comment-?list|comments?[-_](?:area|block|section|wrapper|container|holder|thread|content|list|widget)|comment-thread|comment-body|comment-content|comment-author|comment-footer|respond|disqus_thread|dsq-.*|fb-comments|discussion|[a-z]+-comments|.*comments?-?(?:wrap|box)|talkback|reader-comments)$/
const BOILERPLATE_TOKEN = /^(?:(?:.*[-_])?sidebar(?:[-_].*)?|side-?bar|widget(?:[-_].*)?|.*[-_]widget|widget-area|nav|navbar|navigation|(?:.*[-_])?nav(?:igation)?(?:[-_].*)?|menu|(?:.*[-_])?menu(?:[-_].*)?|masthead|site-header|site-footer|global-header|global-footer|page-header|page-footer|header-wrapper|footer-wrapper|header|footer|breadcrumbs?|share|sharing|sharedaddy|sharethis|addthis.*|social(?:[-_].*)?|.*[-_]social|share[-_].*|.*[-_]share|shareaholic.*|related(?:[-_].*)?|.*[-_]related(?:[-_].*)?|yarpp.*|jp-relatedposts|linkwithin.*|crp_related|wp_rp.*|blogroll|linklist\d*|blogarchive\d*|archive-?list|archives?|widget_archive|tag-?cloud|tags|post-tags|post-labels|labels?\d*|categories|cat-links|tags-links|cookie.*|.*[-_]cookies?|.*consent.*|gdpr.*|newsletter.*|subscribe.*|promo.*|advert.*|ads?|ad-.*|banner|pagination|pager|post-nav(?:igation)?|nav-links|zemanta-related|zemanta-pixie|outbrain.*|taboola.*|author-bio|about-author|author-box|byline-bio)$/

// Many elements share one class attribute ("menu-item menu-item-type-post"): classify each distinct value once.
const classFlags = createMemo((value: string): number => {
  let flags = 0
  for (const t of value.toLowerCase().split(/\s+/)) if (t) flags |= verdict(t)
  return flags
})

/** Comment/boilerplate/caption/widget bits of one element, from its class, id, tag and role. */
export function regionFlags(el: Element): number {
  const attribs = el.attribs
  let flags = 0
  if (attribs.class) flags |= classFlags(attribs.class)
  if (attribs.id) flags |= verdict(attribs.id.toLowerCase())
  if (attribs.itemprop === 'comment') flags |= COMMENT_BIT
  const name = el.name
  const role = attribs.role
  if (name === 'nav' || name === 'aside' || role === 'navigation' || role === 'banner' || role === 'contentinfo' || role === 'complementary') flags |= BOILERPLATE_BIT
  return flags
}

export function isCommentArea(el: Element): boolean {
  return (regionFlags(el) & COMMENT_BIT) !== 0
}

export function isBoilerplate(el: Element): boolean {
  return (regionFlags(el) & BOILERPLATE_BIT) !== 0
}

export function hasCaptionToken(el: Element): boolean {
  return (regionFlags(el) & CAPTION_BIT) !== 0
}

export function isWidget(el: Element): boolean {
  return (regionFlags(el) & WIDGET_BIT) !== 0
}

export function isElement(node: AnyNode | null | undefined): node is Element {
  return !!node && (node.type === 'tag' || node.type === 'script' || node.type === 'style')
}

/** The nearest ancestor-or-self of `node` that passes `test`, stopping before `stop`. */
export function closest(node: AnyNode, test: (el: Element) => boolean, stop?: AnyNode | null): Element | null {
  for (let at: AnyNode | null = node; at && at !== stop; at = at.parent) {
    if (isElement(at) && test(at)) return at
  }
  return null
}

/** The first element below `root` (not `root` itself), in document order, that passes `test`. */
export function firstDescendant(root: Element, test: (el: Element) => boolean): Element | undefined {
  const stack: AnyNode[] = []
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!)
  while (stack.length) {
    const node = stack.pop()!
    if (!isElement(node)) continue
    if (test(node)) return node
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return undefined
}

/** The attribute's white-space separated list holds `token` (as `[attr~=token]` and `.class` match: case-sensitive). */
export function hasToken(el: Element, attribute: string, token: string): boolean {
  const value = el.attribs[attribute]
  return !!value && value.split(/\s+/).includes(token)
}

/** True when `node` is `ancestor` or inside it. */
export function isInside(node: AnyNode, ancestor: AnyNode | null): boolean {
  if (!ancestor) return false
  for (let at: AnyNode | null = node; at; at = at.parent) if (at === ancestor) return true
  return false
}

/** Where an element sits on the page, memoised per element. */
export interface RegionIndex {
  inComments(node: AnyNode): boolean
  /** Inside navigation, sidebars, share bars, related-post widgets… (never the main content's own ancestors). */
  inBoilerplate(node: AnyNode): boolean
}

export function createRegionIndex(main: Element | null): RegionIndex {
  const mainAncestors = new Set<AnyNode>()
  for (let at: AnyNode | null = main; at; at = at.parent) mainAncestors.add(at)
  // Plain maps: they die with the page, and V8 marks weak maps at extra cost.
  const comments = new Map<AnyNode, boolean>()
  const boilerplate = new Map<AnyNode, boolean>()
  const lookUp = (node: AnyNode | null, memo: Map<AnyNode, boolean>, test: (el: Element) => boolean): boolean => {
    const path: AnyNode[] = []
    let result = false
    for (let at = node; at; at = at.parent) {
      const known = memo.get(at)
      if (known !== undefined) {
        result = known
        break
      }
      // The containers of the post itself (Blogger wraps the post in a "widget") are never boilerplate.
      if (mainAncestors.has(at) || (isElement(at) && (at.name === 'body' || at.name === 'html'))) break
      path.push(at)
      if (isElement(at) && test(at)) {
        result = true
        break
      }
    }
    for (const visited of path) memo.set(visited, result)
    return result
  }
  return {
    inComments: (node) => lookUp(node, comments, isCommentArea),
    inBoilerplate: (node) => lookUp(node, boilerplate, isBoilerplate),
  }
}

/** Figure captions, photo credits and screen-reader-only text are not the post's prose. */
export function isCaption(el: Element): boolean {
  if (el.name === 'figcaption' || el.name === 'figure') return true
  if (el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true') return true
  if (/display\s*:\s*none/i.test(el.attribs.style ?? '')) return true
  return hasCaptionToken(el)
}

