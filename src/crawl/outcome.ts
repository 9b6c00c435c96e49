import { isRoundupError } from '../errors.js'
import type { Outcome, PostStatus } from '../store/schema.js'

/** Map a failure to the stable outcome string recorded per URL. */
export function outcomeForError(error: unknown): { outcome: Outcome; reason: string; httpStatus: number | null } {
  if (!isRoundupError(error)) {
    return { outcome: 'error:internal', reason: error instanceof Error ? error.message : String(error), httpStatus: null }
  }
  const reason = error.message
  const httpStatus = error.info.status ?? null
  switch (error.code) {
    case 'FETCH_SCHEME': return { outcome: 'skipped:scheme', reason, httpStatus }
    case 'FETCH_SSRF': return { outcome: 'skipped:ssrf', reason, httpStatus }
    case 'FETCH_ROBOTS': {
      // robots.txt unreachable means "disallow" (RFC 9309), but the user needs to hear that the host is down.
      const cause = error.cause
      if (isRoundupError(cause) && (cause.code === 'FETCH_NETWORK' || cause.code === 'FETCH_TIMEOUT')) {
        return { outcome: cause.code === 'FETCH_NETWORK' ? 'error:network' : 'error:timeout', reason, httpStatus }
      }
      return { outcome: 'skipped:robots', reason, httpStatus }
    }
    case 'FETCH_TIMEOUT': return { outcome: 'error:timeout', reason, httpStatus }
    case 'FETCH_TOO_LARGE': return { outcome: 'error:too-large', reason, httpStatus }
    case 'FETCH_STATUS': return { outcome: `error:http-${httpStatus ?? 'unknown'}`, reason, httpStatus }
    case 'FETCH_REDIRECTS': return { outcome: 'error:redirects', reason, httpStatus }
    case 'FETCH_CONTENT_TYPE': return { outcome: 'error:not-html', reason, httpStatus }
    case 'FETCH_NETWORK': return { outcome: 'error:network', reason, httpStatus }
    case 'FETCH_ABORTED': return { outcome: 'error:aborted', reason, httpStatus }
    case 'EXTRACT_FAILED': return { outcome: 'error:extract', reason, httpStatus }
    default: return { outcome: `error:${error.code.toLowerCase().replace(/_/g, '-')}`, reason, httpStatus }
  }
}

/** The post status an outcome implies, given whether we ever had the post's content. */
export function statusForOutcome(outcome: Outcome, hadContent: boolean): PostStatus {
  if (outcome === 'stored' || outcome === 'not-modified') return 'ok'
  if (outcome === 'error:http-404' || outcome === 'error:http-410') return 'gone'
  if (hadContent) return 'ok'
  return outcome.startsWith('skipped:') ? 'skipped' : 'error'
}
