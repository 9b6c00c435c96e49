import { normalizeUrl } from '../url/normalize.js'
import { oneLine, safeHref } from './safe.js'
import type { Digest } from './types.js'

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' }

/** An XML attribute value: escaped, and without the characters XML 1.0 forbids outright. */
export function xmlAttr(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[&<>"'\t\n\r]/g, (ch) => XML_ESCAPES[ch]!)
}

interface FeedEntry {
  feedUrl: string
  title: string
}

/** Every distinct feed of the coverage's blogs, titled by blog name, in order of first appearance. */
function coverageFeeds(digest: Digest): FeedEntry[] {
  const feeds = new Map<string, FeedEntry>()
  for (const event of digest.events) {
    for (const post of event.posts) {
      const feedUrl = safeHref(post.feedUrl)
      const key = feedUrl ? normalizeUrl(feedUrl) : null
      if (!feedUrl || !key) continue
      const existing = feeds.get(key)
      const title = oneLine(post.siteName)
      if (existing) {
        // A later post may know the blog's name when the first did not.
        if (existing.title === new URL(feedUrl).hostname && title) existing.title = title
        continue
      }
      feeds.set(key, { feedUrl, title: title || new URL(feedUrl).hostname })
    }
  }
  return [...feeds.values()]
}

/** OPML 2.0 subscription list of the coverage blogs' feeds, for a feed reader. */
export function renderOpml(digest: Digest): string {
  const title = digest.events.length === 1 ? `roundup: ${oneLine(digest.events[0]!.title)}` : 'roundup: coverage feeds'
  // No htmlUrl: a blog's home is not always its host's root (TypePad, Blogspot paths), and readers take it from the feed.
  const outlines = coverageFeeds(digest).map(
    (feed) => `    <outline type="rss" text="${xmlAttr(feed.title)}" title="${xmlAttr(feed.title)}" xmlUrl="${xmlAttr(feed.feedUrl)}"/>`,
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${xmlAttr(title)}</title>`,
    `    <dateCreated>${new Date(digest.generatedAt).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n')
}
