import { formatDate, parseDate } from '../extract/parse-date.js'

/**
 * A feed's date as ISO 8601 with the feed's own offset, so the post keeps the blogger's
 * calendar day ("Wed, 01 Apr 2009 23:30:00 -0800" stays on 1 April); null for text that is
 * no date. No fallback to Date.parse: it reads "Episode 12" as December 2001, and a date
 * without a zone in the machine's own.
 */
export function feedDate(text: string): string | null {
  const parts = parseDate(text)
  return parts ? formatDate(parts) : null
}
