import { request } from 'undici'
import type { Dispatcher } from 'undici'
import { RoundupError } from '../errors.js'
import { parseContentEncoding, readBody } from './body.js'
import { toFetchError } from './fetch-error.js'
import { shortUrl } from './short-url.js'
import { refuseContentType } from './sniff.js'
import { stallAwareTimeout } from './stall-timer.js'
import type { FetchKind } from './types.js'

export interface Exchange {
  status: number
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>
  /** Decoded (decompressed) body for 2xx; empty otherwise. */
  body: Buffer
}

export interface SendOptions {
  url: URL
  kind: FetchKind
  headers: Record<string, string>
  dispatcher: Dispatcher
  headersTimeoutMs: number
  totalTimeoutMs: number
  connectTimeoutMs: number
  maxBodyBytes: number
  overflow: 'error' | 'truncate'
  signal: AbortSignal
}

/** undici's own timeouts are set this many times longer than ours, as a backstop. */
export const BACKSTOP = 3

/** Bodies of redirects and errors are read this far to keep the connection, then dropped. */
const DISCARD_LIMIT = 64 * 1024

/** Drop a body we will not read; undici reports the destroy as an error nobody needs. */
function discard(body: { on(event: 'error', listener: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => {})
  body.destroy()
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

/**
 * One HTTP exchange, no redirects or retries: send, check the headers, read the body
 * within the caps. The total deadline covers the body too: undici's bodyTimeout only
 * bounds the gap between chunks, which a trickling server never exceeds.
 */
export async function sendOnce(options: SendOptions): Promise<Exchange> {
  const { url, kind } = options
  const href = url.href
  const deadline = new AbortController()
  const headersDeadline = new AbortController()
  // Our own timers, not undici's, so time spent blocked by our parsing is not charged to the
  // server. Both count from the request, connection included (connect has its own limit too).
  const cancelDeadline = stallAwareTimeout(options.totalTimeoutMs, () => deadline.abort(new Error('total deadline')))
  const cancelHeadersDeadline = stallAwareTimeout(options.headersTimeoutMs, () => headersDeadline.abort(new Error('headers deadline')))
  const signal = AbortSignal.any([options.signal, deadline.signal, headersDeadline.signal])
  try {
    const response = await request(url, {
      method: 'GET',
      dispatcher: options.dispatcher,
      headers: options.headers,
      signal,
      // Backstops only: the stall-aware deadlines above fire first.
      headersTimeout: options.headersTimeoutMs * BACKSTOP,
      bodyTimeout: options.totalTimeoutMs * BACKSTOP,
    })
    cancelHeadersDeadline()
    const headers = flattenHeaders(response.headers)
    const status = response.statusCode
    if (status < 200 || status >= 300) {
      await response.body.dump({ limit: DISCARD_LIMIT }).catch(() => {})
      return { status, headers, body: Buffer.alloc(0) }
    }
    const refused = refuseContentType(kind, headers['content-type'])
    if (refused) {
      discard(response.body)
      throw new RoundupError('FETCH_CONTENT_TYPE', `GET ${shortUrl(href)} returned ${refused}`, { url: href })
    }
    const codings = parseContentEncoding(headers['content-encoding'], href)
    const declared = Number(headers['content-length'])
    if (options.overflow === 'error' && declared > options.maxBodyBytes) {
      discard(response.body)
      throw new RoundupError('FETCH_TOO_LARGE', `GET ${shortUrl(href)} announced ${declared} bytes, more than ${options.maxBodyBytes}`, { url: href })
    }
    const { bytes } = await readBody(response.body, codings, href, { maxBytes: options.maxBodyBytes, overflow: options.overflow, signal })
    return { status, headers, body: bytes }
  } catch (error) {
    throw toFetchError(error, href, {
      aborted: options.signal.aborted,
      timedOut: deadline.signal.aborted,
      headersTimedOut: headersDeadline.signal.aborted,
      totalTimeoutMs: options.totalTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
    })
  } finally {
    cancelDeadline()
    cancelHeadersDeadline()
  }
}
