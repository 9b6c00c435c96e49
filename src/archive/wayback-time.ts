/**
 * The availability API's `timestamp` for a post: the calendar day the page gave
 * (its own offset, not UTC), as YYYYMMDD; null when the date is unknown or malformed.
 */
export function waybackDay(published: string | null | undefined): string | null {
  const match = published ? /^(\d{4})-(\d{2})-(\d{2})/.exec(published) : null
  if (!match) return null
  const [, year, month, day] = match
  return Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31 ? `${year}${month}${day}` : null
}

/**
 * A Wayback timestamp (YYYYMMDDhhmmss, or a prefix of at least the day; archive times are
 * UTC) as epoch milliseconds, or null when it is not one.
 */
export function waybackMillis(timestamp: string | null | undefined): number | null {
  if (typeof timestamp !== 'string' || !/^\d{8}(\d{2}){0,3}$/.test(timestamp)) return null
  const digits = timestamp.padEnd(14, '0')
  const part = (from: number, to: number) => Number(digits.slice(from, to))
  const [year, month, day, hour, minute, second] = [part(0, 4), part(4, 6), part(6, 8), part(8, 10), part(10, 12), part(12, 14)]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null
  const millis = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59))
  // Date.UTC rolls 31 April over into May; a real timestamp never does.
  return new Date(millis).getUTCDate() === day ? millis : null
}
