import { formatDate, parseDate } from '../extract/parse-date.js'

/**
 * A feed's date as ISO 8601 with the feed's own offset, so the post keeps the blogger's
 * calendar day ("Wed, 01 Apr 2009 23:30:00 -0800" stays on 1 April). Forms our parser does
 * not know fall back to the platform's reading, in UTC, rather than being lost.
 */
export function feedDate(text: string): string | null {
  const parts = parseDate(text)
  if (parts) return formatDate(parts)
  const time = Date.parse(text)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}
