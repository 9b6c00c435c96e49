import { RoundupError } from '../errors.js'
import { normalizeUrl } from '../url/normalize.js'
import { plainText } from './plain-text.js'
import type { FeedItem, ParsedFeed } from './types.js'
import { feedDate } from './feed-date.js'

export interface ParseJsonFeedOptions {
  /** Keep only the newest N items. @default 500 */
  maxItems?: number
  /** Refuse larger documents outright. @default 10_000_000 characters */
  maxChars?: number
  /** Turns a date text into ISO 8601 with its own offset. */
  parseDate?: (text: string) => string | null
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value)

function authorsOf(item: Json): string[] {
  const list = Array.isArray(item.authors) ? item.authors : isObject(item.author) ? [item.author] : []
  return list.map((a) => (isObject(a) ? plainText(a.name, 200) : null)).filter((n): n is string => !!n).slice(0, 20)
}

/** Is this text a JSON Feed (https://jsonfeed.org) rather than XML? Cheap: looks at the start only. */
export function looksLikeJsonFeed(text: string): boolean {
  return /^\s*\{/.test(text.replace(/^\uFEFF/, '')) && /jsonfeed\.org\/version\//.test(text.slice(0, 4096))
}

/** Parse a JSON Feed (version 1 or 1.1) into the same shape as RSS and Atom. */
export function parseJsonFeed(text: string, url: string, options: ParseJsonFeedOptions = {}): ParsedFeed {
  const { maxItems = 500, maxChars = 10_000_000 } = options
  const parseDate = options.parseDate ?? feedDate
  if (text.length > maxChars) throw new RoundupError('FEED_INVALID', `feed ${url} is larger than ${maxChars} characters`, { url })
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new RoundupError('FEED_INVALID', `feed ${url} is not valid JSON: ${(error as Error).message}`, { url }, { cause: error })
  }
  if (!isObject(doc) || typeof doc.version !== 'string' || !/jsonfeed\.org\/version\//.test(doc.version) || !Array.isArray(doc.items)) {
    throw new RoundupError('FEED_INVALID', `feed ${url} is JSON but not a JSON Feed`, { url })
  }
  const dateOf = (value: unknown) => (typeof value === 'string' && value.length < 100 ? parseDate(value) : null)
  const items: FeedItem[] = doc.items.filter(isObject).map((item) => ({
    link: typeof item.url === 'string' ? normalizeUrl(item.url, url) : null,
    guid: typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id).slice(0, 500) : null,
    title: plainText(item.title, 500),
    authors: authorsOf(item),
    published: dateOf(item.date_published),
    updated: dateOf(item.date_modified),
    categories: Array.isArray(item.tags) ? [...new Set(item.tags.map((t) => plainText(t, 100)).filter((t): t is string => !!t))].slice(0, 50) : [],
    excerpt: plainText(item.summary, 600) ?? plainText(item.content_text, 600) ?? plainText(item.content_html, 600),
    commentsFeed: null,
  }))
  const totalItems = items.length
  const time = (i: FeedItem) => Date.parse(i.published ?? i.updated ?? '') || 0
  const kept = items.length > maxItems
    ? items.map((item, index) => ({ item, index })).sort((a, b) => time(b.item) - time(a.item) || a.index - b.index).slice(0, maxItems).map((x) => x.item)
    : items
  return {
    url,
    kind: 'json',
    title: plainText(doc.title, 300),
    siteUrl: typeof doc.home_page_url === 'string' ? normalizeUrl(doc.home_page_url, url) : null,
    items: kept,
    totalItems,
    ttlMinutes: null,
  }
}
