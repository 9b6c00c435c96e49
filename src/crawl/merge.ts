import type { ExtractedPage } from '../extract/types.js'
import type { StoredPost } from '../store/schema.js'

/**
 * Copy a fresh extraction onto a stored post. A field the page no longer
 * yields keeps its stored value, so nothing that was stored is lost.
 */
export function applyExtraction(post: StoredPost, page: ExtractedPage): void {
  const keep = <T>(fresh: T | null | undefined, stored: T): T => (fresh === null || fresh === undefined || fresh === '' ? stored : fresh)
  post.canonicalUrl = keep(page.canonicalUrl, post.canonicalUrl)
  post.title = keep(page.title, post.title)
  post.published = keep(page.published, post.published)
  post.updated = keep(page.updated, post.updated)
  post.excerpt = keep(page.excerpt, post.excerpt)
  post.lang = keep(page.lang, post.lang)
  post.feedUrl = keep(page.feeds[0]?.url, post.feedUrl)
  post.text = keep(page.text, post.text)
  const sources = { ...post.sources, ...page.sources }
  if (page.authors.length) post.authors = page.authors
  else if (post.authors.length === 0) {
    const claimed = post.claims.find((c) => c.author)?.author
    if (claimed) {
      post.authors = [claimed]
      sources.author = 'crossref-claim'
    }
  }
  if (page.siteName) post.siteName = page.siteName
  else if (!post.siteName) {
    const claimed = post.claims.find((c) => c.site)?.site
    if (claimed) {
      post.siteName = claimed
      sources.siteName = 'crossref-claim'
    }
  }
  post.sources = sources
  post.candidates = page.candidates
  post.links = page.links.filter((link) => link.kind !== 'nav').map(({ url, text, kind }) => ({ url, text, kind }))
}
