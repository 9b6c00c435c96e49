import Parser from 'rss-parser'
import { refuseUnsafeXml } from './guard.js'
import { RoundupError } from '../errors.js'
import { normalizeUrl } from '../url/normalize.js'
import type { FeedItem, ParsedFeed } from './types.js'
import { feedDate } from './feed-date.js'

export interface ParseFeedOptions {
  /** Keep only the newest N items; a feed with 100k items must not bloat the store. @default 500 */
  maxItems?: number
  /** Refuse larger documents outright. @default 10_000_000 characters */
  maxChars?: number
  /** Turns a feed's date text into ISO 8601 with its own offset. @default feedDate */
  parseDate?: (text: string) => string | null
}

type RawItem = Record<string, unknown>

const parser = new Parser({
  customFields: {
    feed: ['ttl'],
    item: ['published', 'updated', 'dc:creator', 'dc:date', ['wfw:commentRss', 'commentRss'], 'summary', ['category', 'rawCategories', { keepArray: true }]],
  },
})

function text(value: unknown, max = 2000): string | null {
  if (typeof value !== 'string') {
    if (value && typeof value === 'object' && '_' in value) return text((value as { _: unknown })._, max)
    return null
  }
  // Feed text is untrusted markup: keep plain text only.
  const plain = value
    .replace(/<[^>]*>/g, ' ')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return plain ? plain.slice(0, max) : null
}

function splitAuthors(value: string | null): string[] {
  if (!value) return []
  // RSS <author> is often "email (Name)".
  const paren = /\(([^)]+)\)\s*$/.exec(value)
  const name = paren ? paren[1]! : value
  if (/@/.test(name) && !paren) return []
  return name.split(/\s*(?:,|;|&|\band\b)\s*/).map((n) => n.trim()).filter(Boolean)
}

/** RSS categories are text; Atom's carry a term attribute, which rss-parser leaves alone. */
function categoriesOf(raw: RawItem): string[] {
  const list = Array.isArray(raw.rawCategories) ? raw.rawCategories : Array.isArray(raw.categories) ? raw.categories : []
  const names = list.map((c: unknown) => {
    if (c && typeof c === 'object' && '$' in c) {
      const attrs = (c as { $: Record<string, unknown> }).$
      return text(attrs.term ?? attrs.label, 100) ?? text(c, 100)
    }
    return text(c, 100)
  })
  return [...new Set(names.filter((c): c is string => !!c))].slice(0, 50)
}

function toItem(raw: RawItem, base: string, parseDate: (t: string) => string | null): FeedItem {
  const dateOf = (...keys: string[]) => {
    for (const key of keys) {
      const value = text(raw[key], 100)
      if (value) return parseDate(value) ?? null
    }
    return null
  }
  const link = typeof raw.link === 'string' ? normalizeUrl(raw.link, base) : null
  const excerpt = text(raw.contentSnippet, 600) ?? text(raw.summary, 600) ?? text(raw.content, 600)
  return {
    link,
    guid: text(raw.guid ?? raw.id, 500),
    title: text(raw.title, 500),
    authors: splitAuthors(text(raw['dc:creator'], 200) ?? text(raw.creator, 200) ?? text(raw.author, 200)),
    published: dateOf('published', 'pubDate', 'dc:date'),
    updated: dateOf('updated'),
    categories: categoriesOf(raw),
    excerpt,
    commentsFeed: typeof raw.commentRss === 'string' ? normalizeUrl(raw.commentRss, base) : null,
  }
}

/** Parse an RSS or Atom document that was already fetched through the guarded fetcher. */
export async function parseFeed(xml: string, url: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const { maxItems = 500, maxChars = 10_000_000 } = options
  const parseDate = options.parseDate ?? feedDate
  refuseUnsafeXml(xml, url, maxChars)
  let feed: Awaited<ReturnType<typeof parser.parseString>>
  try {
    feed = await parser.parseString(xml.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new RoundupError('FEED_INVALID', `feed ${url} is not valid RSS or Atom: ${(error as Error).message.split('\n')[0]}`, { url }, { cause: error })
  }
  const rawItems = (feed.items ?? []) as unknown as RawItem[]
  let items = rawItems.map((raw) => toItem(raw, url, parseDate))
  const totalItems = items.length
  if (items.length > maxItems) {
    const time = (i: FeedItem) => Date.parse(i.published ?? i.updated ?? '') || 0
    items = items.map((item, index) => ({ item, index })).sort((a, b) => time(b.item) - time(a.item) || a.index - b.index).slice(0, maxItems).map((x) => x.item)
  }
  const ttl = Number.parseInt(String((feed as unknown as Record<string, unknown>).ttl ?? ''), 10)
  const head = xml.slice(0, 2000)
  return {
    url,
    kind: /<feed[\s>]/.test(head) ? 'atom' : /<rss[\s>]|<rdf:RDF/i.test(head) ? 'rss' : 'unknown',
    title: text(feed.title, 300),
    siteUrl: typeof feed.link === 'string' ? normalizeUrl(feed.link, url) : null,
    items,
    totalItems,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
  }
}
