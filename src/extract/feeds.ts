import type { CheerioAPI } from 'cheerio/slim'
import type { DomIndex } from './dom-index.js'
import type { FeedLink } from './types.js'
import { normalizeUrl } from '../url/normalize.js'
import { cleanText } from './clean-text.js'

function feedType(type: string, href: string, title: string): FeedLink['type'] | null {
  const t = type.toLowerCase().split(';')[0]!.trim()
  if (t === 'application/rss+xml' || t === 'application/rdf+xml') return 'rss'
  if (t === 'application/atom+xml') return 'atom'
  if (t === 'application/feed+json') return 'json'
  // WordPress advertises its REST API as alternate application/json; only a JSON *feed* counts.
  if (t === 'application/json') return /feed/i.test(title) || /feed/i.test(href) && !/wp-json/i.test(href) ? 'json' : null
  if (t === 'text/xml' || t === 'application/xml') return /rss|atom|feed/i.test(`${href} ${title}`) ? 'unknown' : null
  return null
}

/** `<link rel="alternate">` feeds (RSS, Atom, JSON Feed), resolved against `<base href>`, deduplicated. */
export function extractFeeds($: CheerioAPI, dom: DomIndex, baseUrl: string): FeedLink[] {
  const feeds: FeedLink[] = []
  const seen = new Set<string>()
  $(dom.select('link[rel][href]')).each((_, el) => {
    const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/)
    if (!rel.includes('alternate') && !rel.includes('feed')) return
    const href = el.attribs.href ?? ''
    const title = cleanText(el.attribs.title ?? '', 200)
    const type = feedType(el.attribs.type ?? '', href, title ?? '')
    if (!type) return
    const url = normalizeUrl(href, baseUrl)
    if (!url || seen.has(url)) return
    seen.add(url)
    feeds.push({ url, type, title })
  })
  return feeds
}
