/** Statuses worth another try: overload and gateway trouble, not client mistakes. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504])

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status)
}

/**
 * Retry-After as milliseconds to wait: delta-seconds or an HTTP-date.
 * Null when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // Only accept something that looks like an HTTP-date, not any string Date.parse tolerates.
  if (!/^[A-Za-z]{3},? /.test(text)) return null
  const at = Date.parse(text)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^retry)),
 * so clients that failed together do not come back together.
 */
export function backoffDelay(retry: number, baseMs: number, random: () => number = Math.random, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}
