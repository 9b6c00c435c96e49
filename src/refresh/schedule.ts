export const HOUR = 3_600_000
export const DAY = 24 * HOUR
export const WEEK = 7 * DAY
/** No hint may push a poll further out than this: a silly <ttl> must not silence a feed for a year. */
const MAX_INTERVAL = 30 * DAY

/**
 * How often an event's feeds and posts are worth a look, by the event's age: hourly in
 * its first three days (when the write-ups appear), daily until it is four weeks old,
 * then weekly.
 */
export function eventCadence(ageMs: number): { ms: number; label: string } {
  if (ageMs < 3 * DAY) return { ms: HOUR, label: 'hourly (event under 3 days old)' }
  if (ageMs < 28 * DAY) return { ms: DAY, label: 'daily (event under 4 weeks old)' }
  return { ms: WEEK, label: 'weekly (event over 4 weeks old)' }
}

/** Cache-Control max-age in seconds, or null (no-cache and no-store say nothing about polling). */
export function cacheMaxAge(cacheControl: string | null | undefined): number | null {
  const match = /(?:^|[,\s])max-age\s*=\s*"?(\d{1,10})"?/i.exec(cacheControl ?? '')
  return match ? Number(match[1]) : null
}

export interface PollInput {
  now: number
  /** The event cadence (the shortest, when several events share the feed). */
  cadenceMs: number
  cadenceLabel?: string
  ttlMinutes?: number | null
  maxAgeSeconds?: number | null
  retryAfterSeconds?: number | null
  skipHours?: number[]
  skipDays?: string[]
  /** Publication times (ms) of the feed's items, any order. */
  itemTimes?: number[]
  /** The feed answered 404 or 410. */
  gone?: boolean
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

function fmt(ms: number): string {
  if (ms >= DAY) return `${+(ms / DAY).toFixed(1)} d`
  if (ms >= HOUR) return `${+(ms / HOUR).toFixed(1)} h`
  return `${Math.round(ms / 60_000)} min`
}

/**
 * When to poll a feed next, and why. Pure. In order:
 * 1. gone (404/410): in a week;
 * 2. the event cadence sets how often at most;
 * 3. the observed posting rate (time since the 10th-newest item, divided by the items
 *    since) slows polling of a quiet blog down to its rate, up to weekly;
 * 4. a feed that shows at least 10 items spanning less than the interval would scroll
 *    items away unseen, so the interval shrinks to that span (not under an hour);
 * 5. <ttl>, Cache-Control max-age and Retry-After are floors: never sooner than asked;
 * 6. the result leaves <skipHours> and <skipDays> (GMT) for the next allowed hour.
 */
export function nextPoll(input: PollInput): { at: number; reason: string } {
  const { now } = input
  if (input.gone) return { at: now + WEEK, reason: 'gone: checked again weekly' }
  let interval = input.cadenceMs
  const reasons = [input.cadenceLabel ?? `every ${fmt(interval)}`]

  const times = (input.itemTimes ?? []).filter((t) => Number.isFinite(t) && t <= now).sort((a, b) => b - a)
  if (times.length >= 2) {
    const recent = times.slice(0, 10)
    const rate = (now - recent[recent.length - 1]!) / recent.length
    const slowed = Math.min(rate, WEEK)
    if (slowed > interval) {
      interval = slowed
      reasons.push(`posts every ${fmt(rate)}`)
    }
    if (times.length >= 10) {
      const span = now - times[times.length - 1]!
      if (span < interval) {
        interval = Math.max(HOUR, span)
        reasons.push(`feed window ${fmt(span)}`)
      }
    }
  }

  const floors: Array<[number | null | undefined, number, string]> = [
    [input.ttlMinutes, 60_000, 'ttl'],
    [input.maxAgeSeconds, 1000, 'max-age'],
    [input.retryAfterSeconds, 1000, 'Retry-After'],
  ]
  for (const [value, unit, name] of floors) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) continue
    const floor = Math.min(value * unit, MAX_INTERVAL)
    if (floor > interval) {
      interval = floor
      reasons.push(`${name} ${fmt(floor)}`)
    }
  }

  let at = now + interval
  const skipHours = new Set(input.skipHours ?? [])
  const skipDays = new Set(input.skipDays ?? [])
  if ((skipHours.size || skipDays.size) && skipHours.size < 24 && skipDays.size < 7) {
    const skipped = (t: number) => skipHours.has(new Date(t).getUTCHours()) || skipDays.has(DAY_NAMES[new Date(t).getUTCDay()]!)
    let moved = false
    for (let step = 0; step < 24 * 7 && skipped(at); step++) {
      at = Math.floor(at / HOUR) * HOUR + HOUR
      moved = true
    }
    if (moved) reasons.push('past skipHours/skipDays')
  }
  return { at, reason: reasons.join('; ') }
}

/** When to check a post again: the cadence, unless the server asked for longer; a gone post weekly. */
export function nextCheck(input: { now: number; cadenceMs: number; maxAgeSeconds?: number | null; retryAfterSeconds?: number | null; gone?: boolean }): number {
  if (input.gone) return input.now + WEEK
  const floors = [input.maxAgeSeconds, input.retryAfterSeconds].map((s) => (typeof s === 'number' && s > 0 ? Math.min(s * 1000, MAX_INTERVAL) : 0))
  return input.now + Math.max(input.cadenceMs, ...floors)
}
