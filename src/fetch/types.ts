import type { Dispatcher } from 'undici'
import type { RobotsMemory } from './robots.js'

/** What a fetch is for; robots.txt, feeds and JSON APIs go through the same guarded path as pages. */
export type FetchKind = 'page' | 'robots' | 'feed' | 'api'

export interface FetchRequest {
  url: string
  kind?: FetchKind
  /** Conditional request validators from an earlier fetch. */
  etag?: string | null
  lastModified?: string | null
  signal?: AbortSignal
}

export interface FetchResult {
  /** The URL asked for. */
  url: string
  /** The URL after redirects. */
  finalUrl: string
  status: number
  /** Lower-case header names. */
  headers: Record<string, string>
  contentType: string
  /** Decoded text ('' for a 304). */
  body: string
  /** The charset that decoded the body, and where it came from. */
  charset: string
  charsetSource: 'bom' | 'header' | 'meta' | 'default' | 'sniff' | 'none'
  /** Decoded byte count. */
  bytes: number
  /** Every hop followed, in order, excluding the first URL. */
  redirects: string[]
  etag: string | null
  lastModified: string | null
  notModified: boolean
  /** Attempts made (1 + retries). */
  attempts: number
  durationMs: number
}

/** The one guarded fetcher: SSRF checks, robots.txt, politeness, caps, retries. */
export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>
  /** Close connections and stop timers. */
  close(): Promise<void>
  /** Counters for reports: requests sent per host, max in flight per host observed. */
  stats(): FetcherStats
}

export interface FetcherStats {
  requests: number
  byHost: Record<string, { requests: number; maxInFlight: number }>
}

export interface FetcherOptions {
  /** Keeps robots.txt across runs (the store); without it, each run asks every host again. */
  robotsMemory?: RobotsMemory
  userAgent: string
  concurrency: number
  perHost: number
  delayMs: number
  connectTimeoutMs: number
  headersTimeoutMs: number
  totalTimeoutMs: number
  maxBodyBytes: number
  maxRedirects: number
  maxRetries: number
  retryBaseMs: number
  maxRetryAfterMs: number
  allowPrivate: boolean
  respectRobots: boolean
  proxy: string | undefined
  noProxy: string
  /** Test seam: a custom undici dispatcher (then proxy and SSRF connect checks are the caller's). */
  dispatcher?: Dispatcher
  logger?: import('../log.js').Logger
}
