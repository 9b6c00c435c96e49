import { parseFeed, type ParseFeedOptions } from './parse.js'
import { looksLikeJsonFeed, parseJsonFeed } from './json-feed.js'
import type { ParsedFeed } from './types.js'

/** Parse RSS, Atom or JSON Feed text, whichever it is; FEED_INVALID when it is none. */
export async function parseAnyFeed(text: string, url: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  return looksLikeJsonFeed(text) ? parseJsonFeed(text, url, options) : parseFeed(text, url, options)
}
