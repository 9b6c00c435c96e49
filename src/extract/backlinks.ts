import { loadHtml } from './load-html.js'
import { normalizeUrl } from '../url/normalize.js'

export interface PageBacklink {
  url: string
  kind: 'pingback' | 'trackback'
  /** The linking post's title or blog name as the page shows it. */
  text: string | null
}

/**
 * Where platforms list the pages that link to a post, and what each calls it:
 * WordPress marks pingbacks and trackbacks in its comment list (`li.pingback`,
 * `li.trackback`); Blogger has "Links to this post" (`#backlinks-container`);
 * TypePad and Movable Type list trackbacks (`.trackback-content`, `#trackbacks`).
 */
const CONTAINERS: Array<[string, PageBacklink['kind']]> = [
  ['li.pingback, .comment.pingback, article.pingback', 'pingback'],
  ['#backlinks-container dt, #backlinks-container li, .post-backlinks, .blog-backlinks li, #backlinks-list dt', 'pingback'],
  ['li.trackback, .comment.trackback, .trackback-content, #trackbacks .trackback, .trackbacks .trackback-content', 'trackback'],
]

/** Not a source: Blogger's "Create a Link", trackback ping URLs, feeds. */
const NOT_A_SOURCE = /(?:post-create\.g|\/trackback\/?$|\/trackback\/\d|mt-tb\.cgi|\/feed\/?$|#comment)/i

/** Pingbacks and trackbacks listed on a post's page, each with the linking page's URL. Pure; never throws. */
export function findBacklinks(html: string, pageUrl: string): PageBacklink[] {
  // Most pages have none; skip the parse for them.
  if (!/pingback|trackback|backlink/i.test(html)) return []
  const self = normalizeUrl(pageUrl)
  const found = new Map<string, PageBacklink>()
  try {
    const $ = loadHtml(html)
    for (const [selector, kind] of CONTAINERS) {
      $(selector).each((_, element) => {
        if (found.size >= 100) return false
        const anchors = $(element).find('a[href]').toArray()
        for (const anchor of anchors) {
          const url = normalizeUrl($(anchor).attr('href'), pageUrl)
          if (!url || url === self || NOT_A_SOURCE.test(url)) continue
          if (!found.has(url)) found.set(url, { url, kind, text: $(anchor).text().replace(/\s+/g, ' ').trim().slice(0, 300) || null })
          break
        }
        return undefined
      })
    }
  } catch {
    return [...found.values()]
  }
  return [...found.values()]
}
