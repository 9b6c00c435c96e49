import { RoundupError, isRoundupError } from '../errors.js'
import { isDecodeError } from './body.js'
import { shortUrl } from './short-url.js'

export interface FailureContext {
  /** The caller's signal (or close()) fired. */
  aborted: boolean
  /** Our total deadline fired. */
  timedOut: boolean
  /** Our response-headers deadline fired. */
  headersTimedOut?: boolean
  totalTimeoutMs: number
  headersTimeoutMs: number
  connectTimeoutMs: number
}

/** Socket trouble that a fresh connection may not have: worth a retry. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])

/** Map anything a request throws to one RoundupError naming the URL and the reason; the original is the cause. */
export function toFetchError(error: unknown, url: string, context: FailureContext): RoundupError {
  const at = shortUrl(url)
  const make = (code: RoundupError['code'], reason: string, retryable = false) =>
    new RoundupError(code, `GET ${at} ${reason}`, { url, retryable }, { cause: error })

  // Which signal fired tells abort from timeout better than the error undici surfaces.
  if (context.aborted) return make('FETCH_ABORTED', 'was aborted')
  if (context.headersTimedOut) return make('FETCH_TIMEOUT', `sent no response headers within ${context.headersTimeoutMs}ms`)
  if (context.timedOut) return make('FETCH_TIMEOUT', `did not finish within ${context.totalTimeoutMs}ms`)
  if (isRoundupError(error)) {
    if (error.info.url) return error
    // Errors raised below the request (the connect-time SSRF lookup) learn their URL here.
    return new RoundupError(error.code, `refused ${at}: ${error.message}`, { ...error.info, url }, { cause: error })
  }
  if (isDecodeError(error)) return make('FETCH_NETWORK', `sent a body that does not decompress (${(error as Error).message})`)
  const code = String((error as { code?: unknown } | null)?.code ?? '')
  const message = error instanceof Error ? error.message : String(error)
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return make('FETCH_TIMEOUT', `could not connect within ${context.connectTimeoutMs}ms`)
    case 'UND_ERR_HEADERS_TIMEOUT':
      return make('FETCH_TIMEOUT', `sent no response headers within ${context.headersTimeoutMs}ms`)
    case 'UND_ERR_BODY_TIMEOUT':
      return make('FETCH_TIMEOUT', 'stalled while sending the body')
    case 'ECONNREFUSED':
      return make('FETCH_NETWORK', 'failed: connection refused')
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make('FETCH_NETWORK', 'failed: host not found')
    default:
      return make('FETCH_NETWORK', `failed: ${message}${code ? ` (${code})` : ''}`, RETRYABLE_CODES.has(code))
  }
}
