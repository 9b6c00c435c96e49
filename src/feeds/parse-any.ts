import { parseFeed, type ParseFeedOptions } from './parse.js'
import { looksLikeJsonFeed, parseJsonFeed } from './json-feed.js'
import type { ParsedFeed } from './types.js'

/** Parse RSS, Atom or JSON Feed text, whichever it is; FEED_INVALID when it is none. */
export async function parseAnyFeed(text: string, url: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const feed = looksLikeJsonFeed(text) ? parseJsonFeed(text, url, options) : await parseFeed(text, url, options)
  // The parsers' strings can be V8 slices of `text`: a guid of 40 bytes would keep a whole
  // feed document alive for as long as a crawl holds the parsed feed. A copy holds only itself.
  return structuredClone(feed)
}
