import type { FeedItem } from './types.js'
import type { StoredPost } from '../store/schema.js'
import { normalizeUrl } from '../url/normalize.js'
import { truncateText } from '../extract/clean-text.js'
import { EXCERPT_MAX } from '../extract/excerpt.js'

/** Item position by link and normalised guid, built once per feed: a feed's 100 posts need not each scan its 100 items. */
const itemIndex = new WeakMap<FeedItem[], Map<string, number>>()

function indexOf(items: FeedItem[]): Map<string, number> {
  let index = itemIndex.get(items)
  if (!index) {
    index = new Map()
    for (const [at, item] of items.entries()) {
      for (const key of [item.link, item.guid ? normalizeUrl(item.guid) : null]) if (key && !index.has(key)) index.set(key, at)
    }
    itemIndex.set(items, index)
  }
  return index
}

/** The first item, in feed order, that is this post: same normalised link (post URL, final URL or canonical URL) or guid. */
export function findFeedItem(items: FeedItem[], post: Pick<StoredPost, 'url' | 'finalUrl' | 'canonicalUrl'>): FeedItem | undefined {
  const index = indexOf(items)
  let first = Infinity
  for (const url of [post.url, post.finalUrl, post.canonicalUrl]) {
    const at = url ? index.get(normalizeUrl(url) ?? '') : undefined
    if (at !== undefined && at < first) first = at
  }
  return items[first]
}

/**
 * Fill what the page left out from the post's feed entry: author, date, categories,
 * and the excerpt when the page had none. The page's own values win; the feed's are
 * kept as candidates beside them. Used by the crawl and by refresh alike. Says whether
 * the post changed at all (a field filled or a candidate added), so the caller knows to save it.
 */
export function applyFeedItem(post: StoredPost, item: FeedItem): boolean {
  let filled = false
  const addCandidate = (field: string, value: string | null) => {
    if (!value) return
    const list = (post.candidates[field] ??= [])
    if (list.some((c) => c.value === value && c.source === 'feed')) return
    list.push({ value, source: 'feed', rule: 'feed item' })
    filled = true
  }
  if (item.authors.length) addCandidate('author', item.authors.join(', '))
  addCandidate('published', item.published)
  addCandidate('excerpt', item.excerpt)
  if (item.authors.length && (post.authors.length === 0 || post.sources.author === 'crossref-claim')) {
    post.authors = [...item.authors]
    post.sources.author = 'feed'
    filled = true
  }
  if (!post.published && item.published) {
    post.published = item.published
    post.sources.published = 'feed'
    filled = true
  }
  if (!post.updated && item.updated) {
    post.updated = item.updated
    filled = true
  }
  if (item.categories.length && !(post.categories ?? []).length) {
    post.categories = [...item.categories]
    filled = true
  }
  if (!post.excerpt && item.excerpt) {
    post.excerpt = truncateText(item.excerpt, EXCERPT_MAX)
    post.sources.excerpt = 'feed'
    filled = true
  }
  return filled
}
