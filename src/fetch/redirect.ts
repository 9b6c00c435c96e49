import { RoundupError } from '../errors.js'
import { describeTarget, schemeName, shortUrl } from './short-url.js'

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status)
}

export interface RedirectState {
  /** The URL first asked for, named in loop and limit errors. */
  first: string
  /** Every URL already requested in this chain. */
  seen: ReadonlySet<string>
  /** Redirects followed so far. */
  hops: number
  maxHops: number
}

/**
 * The next hop of a redirect, without fragment or credentials; refused when it leaves
 * http(s) (FETCH_SCHEME), loops or goes past maxHops (FETCH_REDIRECTS). The SSRF and robots
 * checks of the new hop run where every hop starts, in the fetcher.
 */
export function redirectTarget(from: URL, location: string, state: RedirectState): URL {
  let next: URL
  try {
    next = new URL(location, from)
  } catch {
    // Not quoted: the header is the server's text, and messages end up in the store.
    throw new RoundupError('FETCH_REDIRECTS', `GET ${shortUrl(from)} redirected to a Location that is not a URL`, { url: from.href })
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new RoundupError('FETCH_SCHEME', `refused redirect from ${shortUrl(from)} to ${describeTarget(next)}: ${schemeName(next)} is not http or https`, { url: next.href })
  }
  next.hash = ''
  next.username = ''
  next.password = ''
  if (state.seen.has(next.href)) {
    throw new RoundupError('FETCH_REDIRECTS', `GET ${shortUrl(state.first)} redirects in a loop at ${shortUrl(next)}`, { url: state.first })
  }
  if (state.hops >= state.maxHops) {
    throw new RoundupError('FETCH_REDIRECTS', `GET ${shortUrl(state.first)} took more than ${state.maxHops} redirects`, { url: state.first })
  }
  return next
}
