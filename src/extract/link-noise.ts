import type { Element } from 'domhandler'

const SHARE = /(?:^|\.)(?:addthis\.com|sharethis\.com|addtoany\.com|shareaholic\.com|zemanta\.com|technorati\.com|stumbleupon\.com|digg\.com|del\.icio\.us|delicious\.com|buffer\.com|wa\.me|getpocket\.com|instapaper\.com|friendfeed\.com|posterous\.com)$/i
const SHARE_PATH = /\/(?:intent\/|share(?:r|article|-post)?(?:\.php)?\b|submit(?:link)?\b|pin\/create|email-post|post\?|bookmark(?:s)?\/add|home\?status|add\?)/i
const NOISE_TEXT = /^(?:share|share this|tweet|tweet this|like|email|e-?mail this|print|reblog|reblog this post.*|pin it|\+1|permalink|link|read more|more|more\.{3}|comments?|\d+ comments?|no comments|post a comment|leave a comment|reply|subscribe|rss|atom|feed|home|older posts?|newer posts?|next|previous|back to top|top|edit|log ?in|sign ?in|facebook|twitter|linkedin|digg|delicious|stumbleupon|reddit|google\+?|technorati|email this|bookmark|save)$/i
const FEED_PATH = /(?:\/feed\/?$|\/rss\/?$|\/atom\/?$|\.(?:rss|rdf|atom|xml)$|\/feeds\/posts\/|\/feeds\/comments\/|[?&]feed=(?:rss|atom))/i
const ARCHIVE_PATH = /\/(?:tag|tags|label|labels|category|categories|topics?|archive|archives|author|authors|search|page|user|users|profile|member)\/|\/search\/label\/|_archive\.html$|\/(?:19|20)\d{2}\/(?:\d{1,2}\/?)?$|\/(?:19|20)\d{2}\/?$/i
const COMMENT_PATH = /#(?:comments?|respond|comment-\d+|c\d+)$|\/comment\.g\b|[?&]replytocom=|\/comments?\/?(?:#|$)|showComment=/i

export type NoiseReason = 'share' | 'feed' | 'archive' | 'comment' | 'text' | 'self'

/** Why a link in a coverage list is not coverage (share button, feed, tag/archive, comment link…), or null. */
export function linkNoise(url: URL, text: string, page: URL | null, el?: Element): NoiseReason | null {
  const rel = (el?.attribs.rel ?? '').toLowerCase()
  if (/\btag\b/.test(rel) || /\bfeed\b|\balternate\b/.test(rel)) return rel.includes('tag') ? 'archive' : 'feed'
  if (SHARE.test(url.hostname) || (SHARE_PATH.test(url.pathname + url.search) && /twitter|facebook|linkedin|reddit|pinterest|tumblr|google|blogger|x\.com|digg|t\.me|whatsapp|xing|vk\.com|mix\.com/i.test(url.hostname))) return 'share'
  if (NOISE_TEXT.test(text.trim())) return 'text'
  if (FEED_PATH.test(url.pathname + url.search) && !/[?&]p=\d/.test(url.search)) return 'feed'
  if (COMMENT_PATH.test(url.pathname + url.search + url.hash)) return 'comment'
  const sameHost = !!page && stripWww(url.hostname) === stripWww(page.hostname)
  if (sameHost && ARCHIVE_PATH.test(url.pathname)) return 'archive'
  if (sameHost && url.pathname === page!.pathname && url.search === page!.search) return 'self'
  return null
}

function stripWww(host: string): string {
  return host.toLowerCase().replace(/^www\d?\./, '')
}

/** Same site as the page (ignoring www.). */
export function isSameHost(url: URL, page: URL | null): boolean {
  return !!page && stripWww(url.hostname) === stripWww(page.hostname)
}
