/** Stable error codes: the code is the contract, the message is for people. */
export type ErrorCode =
  | 'OPTIONS_INVALID'
  | 'URL_INVALID'
  | 'FETCH_SCHEME'
  | 'FETCH_SSRF'
  | 'FETCH_ROBOTS'
  | 'FETCH_TIMEOUT'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_STATUS'
  | 'FETCH_NETWORK'
  | 'FETCH_REDIRECTS'
  | 'FETCH_CONTENT_TYPE'
  | 'FETCH_ABORTED'
  | 'EXTRACT_FAILED'
  | 'FEED_INVALID'
  | 'STORE_CORRUPT'
  | 'STORE_IO'
  | 'STORE_LOCKED'
  | 'EVENT_NOT_FOUND'
  | 'POST_NOT_FOUND'
  | 'ARCHIVE_INVALID'
  | 'SITE_IO'
  | 'SITE_CONFLICT'

export interface ErrorInfo {
  url?: string
  status?: number
  retryable?: boolean
  /** Seconds the server asked us to wait (Retry-After). */
  retryAfter?: number
  file?: string
}

export class RoundupError extends Error {
  override name = 'RoundupError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly info: ErrorInfo = {},
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

export function isRoundupError(value: unknown): value is RoundupError {
  return value instanceof RoundupError || (value instanceof Error && value.name === 'RoundupError' && 'code' in value)
}
