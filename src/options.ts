import type { Logger } from './log.js'
import { silentLogger } from './log.js'
import { RoundupError } from './errors.js'
import { parseHttpUrl } from './url/normalize.js'

export interface RoundupOptions {
  /** Path of the JSON store. @default 'data/roundup.json' */
  dataFile?: string
  /** Honest User-Agent with a contact URL. @default DEFAULTS.userAgent */
  userAgent?: string
  /** Requests in flight across all hosts. @default 8 */
  concurrency?: number
  /** Requests in flight to one host. @default 1 */
  perHost?: number
  /** Minimum gap between two requests to one host, in ms. @default 1000 */
  delayMs?: number
  /** Time to open a connection, in ms. @default 10000 */
  connectTimeoutMs?: number
  /** Time from request to response headers, in ms. @default 15000 */
  headersTimeoutMs?: number
  /** Deadline for a whole request including the body, in ms. @default 30000 */
  totalTimeoutMs?: number
  /** Largest decoded body, in bytes. @default 5_000_000 */
  maxBodyBytes?: number
  /** Redirect hops followed by hand. @default 10 */
  maxRedirects?: number
  /** Retries on 5xx, 429 and connection resets. @default 3 */
  maxRetries?: number
  /** Base of the exponential backoff, in ms. @default 500 */
  retryBaseMs?: number
  /** Longest Retry-After we are willing to wait, in ms; longer ones fail the URL. @default 120000 */
  maxRetryAfterMs?: number
  /** Allow loopback and private addresses (never link-local). @default false */
  allowPrivate?: boolean
  /** Proxy URL for http and https requests. @default undefined (none) */
  proxy?: string
  /** Hosts that bypass the proxy (NO_PROXY syntax). @default '' */
  noProxy?: string
  /** Obey robots.txt. @default true */
  respectRobots?: boolean
  /** How many cross-reference hops to follow from the seeds. @default 1 */
  depth?: number
  /** Stop after this many page fetches in one crawl. @default 500 */
  maxPages?: number
  /** After a crawl, look up posts that are gone or unreachable in the web archive. @default true */
  archive?: boolean
  /** The archive's availability API (Wayback `available` protocol). @default 'https://archive.org/wayback/available' */
  archiveEndpoint?: string
  /** Worker threads that extract pages in big crawls (0: all on the main thread). @default 2 */
  extractWorkers?: number
  /** Silent by default: library code never prints. */
  logger?: Logger
}

export type ResolvedOptions = Required<Omit<RoundupOptions, 'proxy'>> & { proxy: string | undefined }

export const DEFAULTS = {
  dataFile: 'data/roundup.json',
  userAgent: 'roundup/0.1 (+https://github.com/roundup-dev/roundup; crawler for related-coverage digests)',
  concurrency: 8,
  perHost: 1,
  delayMs: 1000,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  totalTimeoutMs: 30_000,
  maxBodyBytes: 5_000_000,
  maxRedirects: 10,
  maxRetries: 3,
  retryBaseMs: 500,
  maxRetryAfterMs: 120_000,
  allowPrivate: false,
  noProxy: '',
  respectRobots: true,
  depth: 1,
  maxPages: 500,
  extractWorkers: 2,
  archive: true,
  archiveEndpoint: 'https://archive.org/wayback/available',
} as const

function positive(name: string, value: number, allowZero = false): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RoundupError('OPTIONS_INVALID', `${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`)
  }
  return value
}

export function resolveOptions(options: RoundupOptions = {}): ResolvedOptions {
  const o = { ...DEFAULTS, logger: silentLogger, proxy: undefined as string | undefined, ...stripUndefined(options) }
  positive('concurrency', o.concurrency)
  positive('perHost', o.perHost)
  positive('delayMs', o.delayMs, true)
  positive('connectTimeoutMs', o.connectTimeoutMs)
  positive('headersTimeoutMs', o.headersTimeoutMs)
  positive('totalTimeoutMs', o.totalTimeoutMs)
  positive('maxBodyBytes', o.maxBodyBytes)
  positive('maxRedirects', o.maxRedirects, true)
  positive('maxRetries', o.maxRetries, true)
  positive('depth', o.depth, true)
  positive('maxPages', o.maxPages)
  positive('extractWorkers', o.extractWorkers, true)
  if (!parseHttpUrl(o.archiveEndpoint)) throw new RoundupError('OPTIONS_INVALID', `archiveEndpoint must be an http(s) URL, got ${JSON.stringify(o.archiveEndpoint)}`)
  if (!o.userAgent.trim()) throw new RoundupError('OPTIONS_INVALID', 'userAgent must not be empty')
  return o
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
