import type { AnyNode, Element } from 'domhandler'
import type { ExtractedLink, LinkKind } from './types.js'
import type { PageContext } from './context.js'
import type { DetectedSection } from './crossrefs.js'
import { normalizeParsed, normalizeUrl, withoutFragment } from '../url/normalize.js'
import { cleanText } from './clean-text.js'
import { isInside } from './regions.js'
import { createMemo } from './memo.js'

const RANK: Record<LinkKind, number> = { crossref: 3, body: 2, comment: 1, nav: 0 }

/**
 * Every outbound http(s) link, once per URL, classified: crossref (in a
 * detected section) > body (post body) > comment (comments area) > nav (the rest).
 */
export function extractLinks(ctx: PageContext, sections: DetectedSection[]): ExtractedLink[] {
  const crossrefs = new Map<Element, { section: string; entryText: string; claimedAuthor: string | null; claimedSite: string | null }>()
  for (const section of sections) {
    for (const e of section.entries) crossrefs.set(e.el, { section: section.heading, entryText: e.entryText, claimedAuthor: e.claimedAuthor, claimedSite: e.claimedSite })
  }
  const byUrl = new Map<string, ExtractedLink>()
  const self = normalizeUrl(ctx.url)
  const base = safeUrl(ctx.baseUrl)
  const resolved = new Map<string, string | null>()
  for (const el of ctx.dom.select('a[href], area[href]')) {
    const href = el.attribs.href ?? ''
    let url = resolved.get(href)
    if (url === undefined) {
      url = ABSOLUTE.test(href) ? resolveAbsolute(href) : resolveLink(href, base)
      resolved.set(href, url)
    }
    // Links back to this very page (skip links, share buttons stripped of their tracking query) are not outbound.
    if (!url || url === self) continue
    const claim = crossrefs.get(el)
    let kind: LinkKind
    if (claim) kind = 'crossref'
    else if (ctx.regions.inComments(el)) kind = 'comment'
    else if (ctx.main && isInside(el, ctx.main) && !ctx.regions.inBoilerplate(el) && !/\b(?:tag|category)\b/i.test(el.attribs.rel ?? '')) kind = 'body'
    else kind = 'nav'
    const text = cleanText(textContent(el), 500) ?? cleanText(imageAlt(el), 500) ?? ''
    const link: ExtractedLink = { url, text, kind }
    if (claim) Object.assign(link, claim)
    const known = byUrl.get(url)
    if (!known || RANK[kind] > RANK[known.kind]) byUrl.set(url, link)
  }
  return [...byUrl.values()]
}

// A blog repeats its sidebar, archive and blogroll on every page: an absolute link resolves
// the same whatever the page, so it is parsed once per process, not once per page. The memo
// is kept small (under 1 MB per thread): at 20,000 entries it held ~4 MB in each extraction
// worker, which a 10,000-page crawl (peak RSS target 300 MB) cannot spare.
const ABSOLUTE = /^https?:\/\//i
const resolveAbsolute = createMemo((href: string) => resolveLink(href, undefined), 4_000)

/** Text of an element's subtree, iteratively. */
export function textContent(root: AnyNode): string {
  const out: string[] = []
  const stack: AnyNode[] = [root]
  while (stack.length) {
    const node = stack.pop()!
    if (node.type === 'text') out.push((node as unknown as { data: string }).data)
    else if (node.type === 'tag' || node.type === 'script' || node.type === 'style' || node.type === 'root') {
      const children = (node as Element).children
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
    }
  }
  return out.join('')
}

function imageAlt(el: Element): string {
  const stack: AnyNode[] = [...el.children]
  while (stack.length) {
    const node = stack.pop()!
    if (node.type !== 'tag') continue
    const child = node as Element
    if (child.name === 'img') return child.attribs.alt ?? ''
    stack.push(...child.children)
  }
  return ''
}

function safeUrl(href: string): URL | undefined {
  try {
    return new URL(href)
  } catch {
    return undefined
  }
}

/**
 * normalizeUrl, with a fast path: a link without query or credentials only
 * needs resolving and its fragment dropped (pages carry a thousand links).
 */
export function resolveLink(href: string, base: URL | undefined): string | null {
  let url: URL
  try {
    url = new URL(href, base)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (!url.hostname) return null
  if (url.search || url.href.includes('?') || url.username || url.password || url.hostname.endsWith('.')) return normalizeParsed(url)
  return withoutFragment(url.href)
}
