import type { FeedLink } from '../extract/types.js'
import { normalizeUrl, parseHttpUrl } from '../url/normalize.js'
import type { FeedItem } from './types.js'

/** How a site's feeds were found, in the order the steps run. */
export type DiscoveryMethod = 'post-link' | 'home-link' | 'convention' | 'none'

export interface FeedVerdict {
  ok: boolean
  /** `stored`, or the outcome that refused it (`error:http-404`, `error:feed-invalid`, …). */
  outcome: string
  /** The failure says nothing about the URL (5xx, timeout, network): ask again later rather than move on. */
  transient?: boolean
}

export interface DiscoverDeps {
  /** Fetch `url` and parse it as a feed (RSS, Atom or JSON Feed); never throws. */
  verify(url: string): Promise<FeedVerdict>
  /** The `<link rel="alternate">` feeds of the site's home page, resolved against its `<base>`; [] when it has none or fails. */
  homeFeeds(homeUrl: string): Promise<FeedLink[]>
}

export interface Discovery {
  /** Verified feed URLs, best first. */
  feeds: string[]
  method: DiscoveryMethod
  /** Every candidate tried, with its outcome. */
  tried: Array<{ url: string; outcome: string }>
  /** Discovery stopped at a transient failure of a linked feed: nothing is known yet. */
  transient?: boolean
}

/**
 * Where blog platforms put a site's main feed when no page links to it:
 * Blogger, WordPress, then the names static-site generators and others use.
 */
export const CONVENTIONAL_FEED_PATHS = ['/feeds/posts/default', '/feed/', '/rss.xml', '/atom.xml', '/index.xml'] as const

/** A per-post comment feed is not the site's feed. */
export function isCommentFeedLink(link: Pick<FeedLink, 'url' | 'title'>): boolean {
  return /\bcomments?\b/i.test(link.title ?? '') || /\/comments?\/(?:feed|default|atom\.xml|rss\.xml|rss)\/?$/i.test(link.url) || /\/feeds\/\d+\/comments\//.test(link.url)
}

/**
 * Find a site's feeds, like Miniflux's finder, one step at a time; the first step
 * that yields a feed that parses wins, and every candidate is verified by parsing it:
 * 1. `<link rel="alternate">` feeds of the site's stored posts (several blogs can share
 *    a host, so each distinct one is verified);
 * 2. the home page's `<link rel="alternate">` feeds (the first that parses: the others
 *    are usually the same feed in another format);
 * 3. platform conventions at the site root (the first that parses). A server that answers
 *    every path with its home page fails the parse, so redirects need no special care.
 */
export async function discoverFeeds(siteUrl: string, linked: FeedLink[], deps: DiscoverDeps): Promise<Discovery> {
  const tried: Discovery['tried'] = []
  const seen = new Set<string>()
  let transient = false
  const attempt = async (url: string): Promise<boolean> => {
    if (seen.has(url)) return false
    seen.add(url)
    const verdict = await deps.verify(url)
    tried.push({ url, outcome: verdict.outcome })
    if (verdict.transient) transient = true
    return verdict.ok
  }
  const usable = (links: FeedLink[]) => links.filter((link) => !isCommentFeedLink(link)).map((link) => normalizeUrl(link.url)).filter((u): u is string => !!u)

  const fromPosts: string[] = []
  for (const url of [...new Set(usable(linked))].slice(0, 5)) if (await attempt(url)) fromPosts.push(url)
  if (fromPosts.length) return { feeds: fromPosts, method: 'post-link', tried }
  // A linked feed that is down today is still the feed: guessing others now would only mislead.
  if (transient) return { feeds: [], method: 'none', tried, transient }

  const home = normalizeUrl('/', siteUrl)
  if (home) {
    for (const url of usable(await deps.homeFeeds(home)).slice(0, 5)) if (await attempt(url)) return { feeds: [url], method: 'home-link', tried }
  }

  for (const path of CONVENTIONAL_FEED_PATHS) {
    const url = normalizeUrl(path, siteUrl)
    if (url && (await attempt(url))) return { feeds: [url], method: 'convention', tried }
  }
  return { feeds: [], method: 'none', tried }
}

const BLOGGER_POST_ID = /^tag:blogger\.com,1999:blog-\d+\.post-(\d+)$/

/**
 * A post's own comment feed, from what its blog's feed entry and its page say:
 * 1. the entry's `wfw:commentRss` (WordPress and most RSS blogs);
 * 2. Blogger's per-post feed `/feeds/<postId>/comments/default`, the post id read from the entry's id;
 * 3. a comment-feed link on the page itself (TypePad's `…/comments/atom.xml`).
 */
export function findCommentFeed(item: FeedItem | undefined, blogFeedUrl: string | null, pageLinks: Array<{ url: string }>): string | null {
  if (item?.commentsFeed) return item.commentsFeed
  const bloggerId = item?.guid ? BLOGGER_POST_ID.exec(item.guid.trim())?.[1] : undefined
  if (bloggerId && blogFeedUrl) return normalizeUrl(`/feeds/${bloggerId}/comments/default`, blogFeedUrl)
  const onPage = pageLinks.find((link) => /\/comments\/(?:atom\.xml|rss\.xml|feed\/?)$/i.test(parseHttpUrl(link.url)?.pathname ?? ''))
  return onPage ? normalizeUrl(onPage.url) : null
}
