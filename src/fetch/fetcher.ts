import { setMaxListeners } from 'node:events'
import { performance } from 'node:perf_hooks'
import { RoundupError, isRoundupError } from '../errors.js'
import { silentLogger } from '../log.js'
import { hostKey } from '../url/normalize.js'
import { decodeBody } from './charset.js'
import { sendOnce } from './client.js'
import type { Exchange } from './client.js'
import { createDispatchers } from './dispatchers.js'
import type { Route } from './dispatchers.js'
import { toFetchError } from './fetch-error.js'
import { createHostScheduler } from './politeness.js'
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry.js'
import { isRedirect, redirectTarget } from './redirect.js'
import { createRobotsGate } from './robots.js'
import { headerForMessage } from './header-text.js'
import { shortUrl } from './short-url.js'
import { sleep } from './sleep.js'
import { refuseBody } from './sniff.js'
import { checkResolvedHost, checkTarget, literalAddress } from './ssrf.js'
import type { FetchKind, FetchRequest, FetchResult, Fetcher, FetcherOptions } from './types.js'

const ACCEPT: Record<FetchKind, string> = {
  page: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1',
  feed: 'application/atom+xml,application/rss+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.1',
  robots: 'text/plain,*/*;q=0.1',
  api: 'application/json,*/*;q=0.1',
}
/** RFC 9309: follow at least five redirects for robots.txt, and parse at least 500 KiB of it. */
const ROBOTS_MAX_REDIRECTS = 5
const ROBOTS_MAX_BYTES = 500 * 1024

/** A stored validator we can send back: printable ASCII only, so a stored value cannot inject headers. */
function validator(value: string | null | undefined): string | null {
  return value && /^[\x20-\x7e\t]+$/.test(value) ? value.trim() : null
}

function requestHeaders(userAgent: string, kind: FetchKind, request: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': userAgent, accept: ACCEPT[kind], 'accept-encoding': 'gzip, deflate, br' }
  const etag = validator(request.etag)
  const lastModified = validator(request.lastModified)
  if (etag) headers['if-none-match'] = etag
  if (lastModified) headers['if-modified-since'] = lastModified
  return headers
}

/**
 * The one guarded path to the network. For every hop of every request, in order:
 * 1. scheme and literal-IP check; 2. (proxied) resolve the name and check it;
 * 3. robots.txt; 4. host slot, host delay, then a global slot; 5. the exchange, with the
 * connect-time address check, timeouts and the decoded-size cap; 6. retries; 7. redirects,
 * each new hop starting again at 1.
 */
export function createFetcher(options: FetcherOptions): Fetcher {
  if (!options.userAgent.trim() || /[\r\n\0]/.test(options.userAgent)) {
    throw new RoundupError('OPTIONS_INVALID', 'userAgent must be one non-empty line')
  }
  const logger = options.logger ?? silentLogger
  const closing = new AbortController()
  // Every queued request listens on it until it settles: a crawl queues hundreds, which is no leak.
  setMaxListeners(0, closing.signal)
  const scheduler = createHostScheduler(options)
  const dispatchers = createDispatchers(options)
  const robots = createRobotsGate({
    userAgent: options.userAgent,
    // Shared by every page on the host, so only close() may abort it, not one caller.
    fetchRobots: (url) => fetchGuarded({ url, kind: 'robots' }, closing.signal),
    setCrawlDelay: (host, ms) => scheduler.setHostDelay(host, ms),
    maxCrawlDelayMs: options.maxRetryAfterMs,
    logger,
    ...(options.robotsMemory ? { memory: options.robotsMemory } : {}),
  })

  const asFetchError = (error: unknown, url: string, signal: AbortSignal): RoundupError =>
    signal.aborted
      ? new RoundupError('FETCH_ABORTED', `GET ${shortUrl(url)} was aborted`, { url }, { cause: error })
      : isRoundupError(error)
        ? error
        : toFetchError(error, url, { aborted: false, timedOut: false, ...options })

  /** One hop, retried on overload and socket errors; every attempt waits for its host again. */
  async function sendWithRetries(url: URL, kind: FetchKind, headers: Record<string, string>, route: Route, signal: AbortSignal) {
    const host = hostKey(url)
    const robotsKind = kind === 'robots'
    for (let retry = 0; ; retry++) {
      const started = performance.now()
      let exchange: Exchange
      try {
        exchange = await scheduler.run(
          host,
          () =>
            sendOnce({
              url,
              kind,
              headers,
              dispatcher: route.dispatcher,
              headersTimeoutMs: options.headersTimeoutMs,
              totalTimeoutMs: options.totalTimeoutMs,
              connectTimeoutMs: options.connectTimeoutMs,
              maxBodyBytes: robotsKind ? Math.min(ROBOTS_MAX_BYTES, options.maxBodyBytes) : options.maxBodyBytes,
              overflow: robotsKind ? 'truncate' : 'error',
              signal,
            }),
          signal,
        )
      } catch (error) {
        const failure = asFetchError(error, url.href, signal)
        if (failure.code !== 'FETCH_NETWORK' || !failure.info.retryable || retry >= options.maxRetries) throw failure
        const wait = backoffDelay(retry, options.retryBaseMs)
        logger.debug('fetch failed', { url: url.href, error: failure.message, retryIn: wait, attempt: retry + 1 })
        await sleep(wait, signal)
        continue
      }
      const { status } = exchange
      const done = () => {
        logger.debug(`fetch ${status}`, { url: url.href, ms: Math.round(performance.now() - started), bytes: exchange.body.length })
        return { exchange, attempts: retry + 1 }
      }
      if (!isRetryableStatus(status)) return done()
      const retryAfter = parseRetryAfter(exchange.headers['retry-after'])
      if (retryAfter !== null && retryAfter > options.maxRetryAfterMs) {
        throw new RoundupError(
          'FETCH_STATUS',
          `GET ${shortUrl(url)} returned ${status} with Retry-After ${Math.round(retryAfter / 1000)}s, longer than the ${Math.round(options.maxRetryAfterMs / 1000)}s we wait`,
          { url: url.href, status, retryable: true, retryAfter: retryAfter / 1000 },
        )
      }
      // Retry-After speaks for the whole host, so every request to it waits, not just this one.
      if (retryAfter !== null) scheduler.deferHost(host, retryAfter)
      if (retry >= options.maxRetries) return done()
      const wait = retryAfter ?? backoffDelay(retry, options.retryBaseMs)
      logger.debug(`fetch ${status}`, { url: url.href, retryIn: wait, attempt: retry + 1 })
      if (retryAfter === null) await sleep(wait, signal)
    }
  }

  async function fetchGuarded(request: FetchRequest, signal: AbortSignal): Promise<FetchResult> {
    const started = performance.now()
    const kind = request.kind ?? 'page'
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      throw new RoundupError('URL_INVALID', `not a URL: ${JSON.stringify(shortUrl(String(request.url)))}`, { url: String(request.url) })
    }
    url.hash = ''
    url.username = ''
    url.password = ''
    const headers = requestHeaders(options.userAgent, kind, request)
    const maxHops = kind === 'robots' ? ROBOTS_MAX_REDIRECTS : options.maxRedirects
    const redirects: string[] = []
    const seen = new Set([url.href])
    let attempts = 0
    for (;;) {
      const refused = checkTarget(url, options.allowPrivate)
      if (refused) throw refused
      const route = dispatchers.routeFor(url)
      if (route.proxied && literalAddress(url) === null) {
        const refusedName = await checkResolvedHost(url.hostname, options.allowPrivate)
        if (refusedName) throw new RoundupError('FETCH_SSRF', `refused ${shortUrl(url)}: ${refusedName.message}`, { url: url.href })
      }
      if (kind !== 'robots' && options.respectRobots) await robots.check(url, signal)
      const hop = await sendWithRetries(url, kind, headers, route, signal)
      attempts += hop.attempts
      const { status, headers: responseHeaders, body } = hop.exchange
      if (isRedirect(status) && responseHeaders.location) {
        url = redirectTarget(url, responseHeaders.location, { first: request.url, seen, hops: redirects.length, maxHops })
        seen.add(url.href)
        redirects.push(url.href)
        continue
      }
      const contentType = responseHeaders['content-type'] ?? ''
      const base = {
        url: request.url,
        finalUrl: url.href,
        status,
        headers: responseHeaders,
        contentType,
        redirects,
        etag: responseHeaders.etag ?? null,
        lastModified: responseHeaders['last-modified'] ?? null,
        attempts,
        durationMs: Math.round(performance.now() - started),
      }
      if (status === 304) return { ...base, body: '', charset: '', charsetSource: 'none', bytes: 0, notModified: true }
      if (status < 200 || status >= 300) {
        const retryAfter = parseRetryAfter(responseHeaders['retry-after'])
        throw new RoundupError('FETCH_STATUS', `GET ${shortUrl(url)} returned ${status}`, {
          url: url.href,
          status,
          retryable: isRetryableStatus(status),
          ...(retryAfter !== null ? { retryAfter: retryAfter / 1000 } : {}),
        })
      }
      const refusedBody = refuseBody(kind, contentType, body)
      if (refusedBody) {
        throw new RoundupError('FETCH_CONTENT_TYPE', `GET ${shortUrl(url)} returned ${refusedBody} (labelled ${contentType ? headerForMessage(contentType) : 'with no type'})`, { url: url.href })
      }
      const decoded = decodeBody(body, contentType || null, kind)
      return { ...base, body: decoded.text, charset: decoded.charset, charsetSource: decoded.source, bytes: body.length, notModified: false }
    }
  }

  return {
    async fetch(request) {
      if (closing.signal.aborted) {
        throw new RoundupError('FETCH_ABORTED', `GET ${shortUrl(String(request.url))} was aborted: the fetcher is closed`, { url: String(request.url) })
      }
      const signal = request.signal ? AbortSignal.any([request.signal, closing.signal]) : closing.signal
      try {
        return await fetchGuarded(request, signal)
      } catch (error) {
        throw asFetchError(error, String(request.url), signal)
      }
    },
    stats: () => scheduler.stats(),
    async close() {
      if (!closing.signal.aborted) closing.abort(new RoundupError('FETCH_ABORTED', 'the fetcher is closed'))
      await dispatchers.close()
    },
  }
}
