import type { AnyNode, Element } from 'domhandler'

/** Lower-case class and id tokens of an element. */
export function tokensOf(el: Element): string[] {
  const raw = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase().trim()
  return raw ? raw.split(/\s+/) : []
}

const COMMENT_TOKEN = /^(?:comments?|commentlist|comment-?list|comments?[-_](?:area|block|section|wrapper|container|holder|thread|content|list|widget)|comment-thread|comment-body|comment-content|comment-author|comment-footer|respond|disqus_thread|dsq-.*|fb-comments|discussion|[a-z]+-comments|.*comments?-?(?:wrap|box)|talkback|reader-comments)$/
const BOILERPLATE_TOKEN = /^(?:(?:.*[-_])?sidebar(?:[-_].*)?|side-?bar|widget(?:[-_].*)?|.*[-_]widget|widget-area|nav|navbar|navigation|(?:.*[-_])?nav(?:igation)?(?:[-_].*)?|menu|(?:.*[-_])?menu(?:[-_].*)?|masthead|site-header|site-footer|global-header|global-footer|page-header|page-footer|header-wrapper|footer-wrapper|header|footer|breadcrumbs?|share|sharing|sharedaddy|sharethis|addthis.*|social(?:[-_].*)?|.*[-_]social|share[-_].*|.*[-_]share|shareaholic.*|related(?:[-_].*)?|.*[-_]related(?:[-_].*)?|yarpp.*|jp-relatedposts|linkwithin.*|crp_related|wp_rp.*|blogroll|linklist\d*|blogarchive\d*|archive-?list|archives?|widget_archive|tag-?cloud|tags|post-tags|post-labels|labels?\d*|categories|cat-links|tags-links|cookie.*|.*[-_]cookies?|.*consent.*|gdpr.*|newsletter.*|subscribe.*|promo.*|advert.*|ads?|ad-.*|banner|pagination|pager|post-nav(?:igation)?|nav-links|zemanta-related|zemanta-pixie|outbrain.*|taboola.*|author-bio|about-author|author-box|byline-bio)$/

export function isCommentArea(el: Element): boolean {
  return tokensOf(el).some((t) => COMMENT_TOKEN.test(t)) || el.attribs.itemprop === 'comment'
}

export function isBoilerplate(el: Element): boolean {
  const name = el.name
  if (name === 'nav' || name === 'aside') return true
  if (el.attribs.role === 'navigation' || el.attribs.role === 'banner' || el.attribs.role === 'contentinfo' || el.attribs.role === 'complementary') return true
  return tokensOf(el).some((t) => BOILERPLATE_TOKEN.test(t))
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
  const comments = new WeakMap<AnyNode, boolean>()
  const boilerplate = new WeakMap<AnyNode, boolean>()
  const lookUp = (node: AnyNode | null, memo: WeakMap<AnyNode, boolean>, test: (el: Element) => boolean): boolean => {
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
