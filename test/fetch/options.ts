// Fetcher options for tests: loopback allowed, robots off unless a test turns it on, small timeouts.
import type { FetcherOptions } from '../../src/fetch/index.js'
import type { Logger, LogFields } from '../../src/log.js'

export const TEST_AGENT = 'roundup/0.1 (+https://example.test/roundup; tests)'

export function testOptions(overrides: Partial<FetcherOptions> = {}): FetcherOptions {
  return {
    userAgent: TEST_AGENT,
    concurrency: 8,
    perHost: 1,
    delayMs: 0,
    connectTimeoutMs: 1000,
    headersTimeoutMs: 1000,
    totalTimeoutMs: 2000,
    maxBodyBytes: 1_000_000,
    maxRedirects: 10,
    maxRetries: 3,
    retryBaseMs: 10,
    maxRetryAfterMs: 2000,
    allowPrivate: true,
    respectRobots: false,
    proxy: undefined,
    noProxy: '',
    ...overrides,
  }
}

/** A logger that keeps its lines, for asserting on debug output. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (level: string) => (message: string, fields?: LogFields) => {
    const rendered = Object.entries(fields ?? {}).map(([k, v]) => `${k}=${v}`).join(' ')
    lines.push(`${level}: ${message}${rendered ? ' ' + rendered : ''}`)
  }
  return { lines, error: push('error'), warn: push('warn'), info: push('info'), debug: push('debug') }
}

/** Await a promise that must reject with a RoundupError of `code`; returns the error. */
export async function rejectsWith(promise: Promise<unknown>, code: string): Promise<Error & { code: string; info: Record<string, unknown> }> {
  try {
    await promise
  } catch (error) {
    const e = error as Error & { code: string; info: Record<string, unknown> }
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`, { cause: error })
    return e
  }
  throw new Error(`expected ${code}, but it resolved`)
}
