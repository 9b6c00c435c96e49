import robotsModule from 'robots-parser'
import { RoundupError, isRoundupError } from '../errors.js'
import type { Logger } from '../log.js'
import { hostKey } from '../url/normalize.js'
import { raceAbort } from './race-abort.js'
import { shortUrl } from './short-url.js'

// The typings declare an ES default export; the CommonJS package exports the function itself.
const robotsParser = robotsModule as unknown as typeof robotsModule.default
type Robot = ReturnType<typeof robotsParser>

/** The product token robots.txt groups are matched on: `roundup` in `roundup/0.1 (+https://…)`. */
export function productToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0]?.toLowerCase() ?? '*'
}

/** Whether `robotsTxt` lets `agent` (a User-Agent or bare product token) fetch `url`. Pure. */
export function isAllowed(robotsTxt: string, url: string, agent: string): boolean {
  let robotsUrl: string
  try {
    robotsUrl = new URL('/robots.txt', url).href
  } catch {
    return false
  }
  return robotsParser(robotsUrl, robotsTxt).isAllowed(url, productToken(agent)) ?? true
}

type Policy =
  | { kind: 'rules'; robot: Robot }
  | { kind: 'allow' }
  | { kind: 'deny'; reason: string; cause?: Error }
  /** The host itself is refused (it resolves to a private address): the page gets the same error. */
  | { kind: 'refused'; error: RoundupError }

/** A host's robots.txt as an earlier run fetched it (the store's StoredRobots). */
export interface RememberedRobots {
  url: string
  kind: 'rules' | 'allow'
  body: string
  fetchedAt: string
}

/** Where robots.txt outlives one run: the store. */
export interface RobotsMemory {
  get(host: string): RememberedRobots | undefined
  put(robots: RememberedRobots): void
}

/** RFC 9309 §2.4: a cached robots.txt should not be used for more than 24 hours. */
export const ROBOTS_MAX_AGE_MS = 24 * 3600_000
/** Bigger files are fetched every run rather than copied into every store write. */
const REMEMBER_MAX_CHARS = 64 * 1024

export interface RobotsGateOptions {
  userAgent: string
  /** Fetch robots.txt through the guarded path; throws RoundupError for non-2xx and failures. */
  fetchRobots(robotsUrl: string): Promise<{ body: string }>
  /** Called with a Crawl-delay (ms) for our agent. */
  setCrawlDelay(host: string, ms: number): void
  /** A Crawl-delay longer than this refuses the host instead of stalling the run. */
  maxCrawlDelayMs: number
  logger: Logger
  /** Keep each host's answer across runs, for up to a day. */
  memory?: RobotsMemory
  now?: () => number
}

export interface RobotsGate {
  /** Resolve when robots.txt allows `url`; throw FETCH_ROBOTS when it does not. */
  check(url: URL, signal?: AbortSignal): Promise<void>
}

/**
 * robots.txt per RFC 9309, fetched once per host (scheme, host and port) and kept for the
 * gate's life; with a memory, also across runs for up to a day, so an hourly cron job asks
 * each host once a day. An unavailable file (5xx, timeout) is never remembered.
 */
export function createRobotsGate(options: RobotsGateOptions): RobotsGate {
  const token = productToken(options.userAgent)
  const cache = new Map<string, Promise<Policy>>()

  const now = options.now ?? Date.now
  const remember = (host: string, kind: RememberedRobots['kind'], body: string) => {
    if (body.length <= REMEMBER_MAX_CHARS) options.memory?.put({ url: host, kind, body, fetchedAt: new Date(now()).toISOString() })
  }

  const fromRules = (host: string, robotsUrl: string, body: string): Policy => {
    const robot = robotsParser(robotsUrl, body)
    const delay = robot.getCrawlDelay(token)
    if (typeof delay === 'number' && Number.isFinite(delay) && delay > 0) {
      const ms = delay * 1000
      if (ms > options.maxCrawlDelayMs) return { kind: 'deny', reason: `asks for a Crawl-delay of ${delay}s, longer than we wait` }
      options.setCrawlDelay(host, ms)
    }
    options.logger.debug('robots', { url: robotsUrl, result: 'rules', crawlDelay: delay })
    return { kind: 'rules', robot }
  }

  const load = async (host: string): Promise<Policy> => {
    const robotsUrl = `${host}/robots.txt`
    const known = options.memory?.get(host)
    const age = known ? now() - Date.parse(known.fetchedAt) : NaN
    if (known && age >= 0 && age < ROBOTS_MAX_AGE_MS) {
      options.logger.debug('robots', { url: robotsUrl, result: 'remembered', fetchedAt: known.fetchedAt })
      return known.kind === 'allow' ? { kind: 'allow' } : fromRules(host, robotsUrl, known.body)
    }
    try {
      const { body } = await options.fetchRobots(robotsUrl)
      remember(host, 'rules', body)
      return fromRules(host, robotsUrl, body)
    } catch (error) {
      if (!isRoundupError(error)) return { kind: 'deny', reason: `is unreadable (${String(error)})` }
      if (error.code === 'FETCH_ABORTED') throw error
      const status = error.info.status ?? 0
      // 1. 4xx (but 429, which is overload): no robots.txt, so everything is allowed (RFC 9309 §2.3.1.3).
      // 2. More than five redirects: the RFC lets us treat the file as unavailable, so allowed too.
      if ((error.code === 'FETCH_STATUS' && status >= 400 && status < 500 && status !== 429) || error.code === 'FETCH_REDIRECTS') {
        options.logger.debug('robots', { url: robotsUrl, result: 'allow-all', reason: error.code, status })
        remember(host, 'allow', '')
        return { kind: 'allow' }
      }
      // 3. The host itself is refused: report that, not a robots problem.
      if (error.code === 'FETCH_SSRF' && error.info.url && sameHost(error.info.url, host)) return { kind: 'refused', error }
      // 4. 5xx, unreachable, timeout: assume complete disallow for this run (§2.3.1.4), and ask again next run.
      options.logger.debug('robots', { url: robotsUrl, result: 'disallow-all', reason: error.message })
      return { kind: 'deny', reason: `is unavailable (${error.message})`, cause: error }
    }
  }

  const policyFor = (host: string): Promise<Policy> => {
    let pending = cache.get(host)
    if (!pending) {
      pending = load(host)
      cache.set(host, pending)
      // An aborted load says nothing about the host; let the next caller try again.
      pending.catch(() => cache.delete(host))
    }
    return pending
  }

  return {
    async check(url, signal) {
      const host = hostKey(url)
      const pending = policyFor(host)
      const policy = await (signal ? raceAbort(pending, signal) : pending)
      switch (policy.kind) {
        case 'allow':
          return
        case 'refused':
          throw new RoundupError('FETCH_SSRF', `refused ${shortUrl(url)}: ${policy.error.message.replace(/^refused \S+: /, '')}`, { url: url.href }, { cause: policy.error })
        case 'deny':
          throw new RoundupError('FETCH_ROBOTS', `refused ${shortUrl(url)}: ${host}/robots.txt ${policy.reason}`, { url: url.href }, policy.cause ? { cause: policy.cause } : undefined)
        case 'rules':
          if (policy.robot.isAllowed(url.href, token) === false) {
            throw new RoundupError('FETCH_ROBOTS', `refused ${shortUrl(url)}: disallowed by ${host}/robots.txt`, { url: url.href })
          }
      }
    },
  }
}

function sameHost(url: string, host: string): boolean {
  try {
    return hostKey(url) === host
  } catch {
    return false
  }
}
