import Parser from 'rss-parser'
import { RoundupError } from '../errors.js'
import { normalizeUrl, parseHttpUrl } from '../url/normalize.js'
import { refuseUnsafeXml } from './guard.js'
import { plainText } from './plain-text.js'
import { feedDate } from './feed-date.js'

/** One comment from a post's comment feed. */
export interface FeedComment {
  /** guid/id, else link, else a digest of author, date and text: the key that keeps comments unique. */
  id: string
  /** WordPress puts pingbacks and trackbacks in the same feed; they read "[…] excerpt […]". */
  kind: 'comment' | 'pingback'
  author: string | null
  published: string | null
  /** Plain text, at most 1000 characters. */
  text: string
  /** The comment's own permalink. */
  link: string | null
  /** http(s) links inside the comment's text, normalised: incoming cross-references. */
  links: string[]
}

export interface ParsedComments {
  url: string
  /** Newest first, capped. */
  comments: FeedComment[]
  totalComments: number
}

export interface ParseCommentsOptions {
  /** Keep only the newest N comments. @default 200 */
  maxComments?: number
  /** @default 5_000_000 characters */
  maxChars?: number
  parseDate?: (text: string) => string | null
}

type RawItem = Record<string, unknown>

const parser = new Parser({
  customFields: { item: ['published', 'updated', 'dc:creator', 'dc:date', 'description', ['author', 'authorRaw']] },
})

function authorOf(raw: RawItem): string | null {
  const atom = raw.authorRaw
  if (atom && typeof atom === 'object' && 'name' in atom) {
    const name = (atom as { name: unknown }).name
    return plainText(Array.isArray(name) ? name[0] : name, 200)
  }
  return plainText(raw['dc:creator'], 200) ?? plainText(raw.creator, 200) ?? plainText(raw.author, 200)
}

/** Every http(s) href in a piece of comment markup, resolved against the comment feed. */
function linksIn(html: string, base: string): string[] {
  const links = new Set<string>()
  for (const match of html.matchAll(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const url = normalizeUrl((match[1] ?? match[2] ?? match[3] ?? '').replace(/&amp;/g, '&'), base)
    if (url) links.add(url)
    if (links.size >= 20) break
  }
  // Bare URLs in plain-text comments count too.
  if (!/<a\b/i.test(html)) {
    for (const match of html.matchAll(/\bhttps?:\/\/[^\s<>"')\]]+/gi)) {
      const url = normalizeUrl(match[0].replace(/[.,;:!?]+$/, ''))
      if (url) links.add(url)
      if (links.size >= 20) break
    }
  }
  return [...links]
}

function contentOf(raw: RawItem): string {
  for (const key of ['content:encoded', 'content', 'description', 'summary']) {
    const value = raw[key]
    if (typeof value === 'string' && value.trim()) return value
    if (value && typeof value === 'object' && '_' in value && typeof (value as { _: unknown })._ === 'string') return (value as { _: string })._
  }
  return ''
}

/**
 * Parse a comment feed (RSS or Atom, as WordPress, Blogger and TypePad serve them) into
 * comments with their author, date, text, link and the links inside them.
 */
export async function parseCommentFeed(xml: string, url: string, options: ParseCommentsOptions = {}): Promise<ParsedComments> {
  const { maxComments = 200, maxChars = 5_000_000 } = options
  const parseDate = options.parseDate ?? feedDate
  refuseUnsafeXml(xml, url, maxChars)
  let feed: Awaited<ReturnType<typeof parser.parseString>>
  try {
    feed = await parser.parseString(xml.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new RoundupError('FEED_INVALID', `comment feed ${url} is not valid RSS or Atom: ${(error as Error).message.split('\n')[0]}`, { url }, { cause: error })
  }
  const comments: FeedComment[] = []
  for (const raw of (feed.items ?? []) as unknown as RawItem[]) {
    const html = contentOf(raw)
    const text = plainText(html, 1000) ?? plainText(raw.title, 1000) ?? ''
    // The permalink keeps its fragment (#comment-93): it is what tells the comments apart.
    const link = typeof raw.link === 'string' ? parseHttpUrl(raw.link, url)?.href ?? null : null
    let published: string | null = null
    for (const key of ['published', 'pubDate', 'dc:date', 'updated']) {
      const value = plainText(raw[key], 100)
      if (value && (published = parseDate(value))) break
    }
    const author = authorOf(raw)
    const guid = plainText(raw.guid ?? raw.id, 500)
    const id = guid ?? link ?? `${author ?? ''}|${published ?? ''}|${text.slice(0, 80)}`
    // Links to the comment itself or to the commented post are not references.
    const own = new Set([link, normalizeUrl(link)].filter(Boolean))
    const links = linksIn(html, url).filter((l) => !own.has(l))
    comments.push({ id, kind: /^\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)/.test(text) ? 'pingback' : 'comment', author, published, text, link, links })
  }
  const totalComments = comments.length
  const time = (c: FeedComment) => Date.parse(c.published ?? '') || 0
  comments.sort((a, b) => time(b) - time(a))
  return { url, comments: comments.slice(0, maxComments), totalComments }
}
