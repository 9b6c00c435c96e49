import type { Element } from 'domhandler'
import type { ExtractedLink, LinkKind } from './types.js'
import type { PageContext } from './context.js'
import type { DetectedSection } from './crossrefs.js'
import { normalizeUrl } from '../url/normalize.js'
import { cleanText } from './clean-text.js'
import { isInside } from './regions.js'

const RANK: Record<LinkKind, number> = { crossref: 3, body: 2, comment: 1, nav: 0 }

/**
 * Every outbound http(s) link, once per URL, classified: crossref (in a
 * detected section) > body (post body) > comment (comments area) > nav (the rest).
 */
export function extractLinks(ctx: PageContext, sections: DetectedSection[]): ExtractedLink[] {
  const $ = ctx.$
  const crossrefs = new Map<Element, { section: string; entryText: string; claimedAuthor: string | null; claimedSite: string | null }>()
  for (const section of sections) {
    for (const e of section.entries) crossrefs.set(e.el, { section: section.heading, entryText: e.entryText, claimedAuthor: e.claimedAuthor, claimedSite: e.claimedSite })
  }
  const byUrl = new Map<string, ExtractedLink>()
  $(ctx.dom.select('a[href], area[href]')).each((_, el) => {
    const url = normalizeUrl(el.attribs.href, ctx.baseUrl)
    if (!url) return
    const claim = crossrefs.get(el)
    let kind: LinkKind
    if (claim) kind = 'crossref'
    else if (ctx.regions.inComments(el)) kind = 'comment'
    else if (ctx.main && isInside(el, ctx.main) && !ctx.regions.inBoilerplate(el)) kind = 'body'
    else kind = 'nav'
    const text = cleanText($(el).text(), 500) ?? cleanText($(el).find('img').attr('alt') ?? '', 500) ?? ''
    const link: ExtractedLink = { url, text, kind }
    if (claim) Object.assign(link, claim)
    const known = byUrl.get(url)
    if (!known || RANK[kind] > RANK[known.kind]) byUrl.set(url, link)
  })
  return [...byUrl.values()]
}
