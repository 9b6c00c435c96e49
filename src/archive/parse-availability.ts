import { parseHttpUrl } from '../url/normalize.js'
import { waybackMillis } from './wayback-time.js'

export interface Snapshot {
  url: string
  /** When it was taken, ISO 8601 UTC. */
  timestamp: string
}

/** What the availability API said: a snapshot, none (`snapshot: null`), or an answer we cannot read. */
export type AvailabilityAnswer = { snapshot: Snapshot | null } | { invalid: string }

interface Candidate {
  url: string
  millis: number
}

function candidatesIn(value: unknown): Candidate[] {
  const list = Array.isArray(value) ? value : [value]
  const out: Candidate[] = []
  for (const item of list) {
    if (!item || typeof item !== 'object') continue
    const { url, timestamp, available, status } = item as Record<string, unknown>
    if (available === false) continue
    // A capture of an error page or a redirect is not a copy of the post.
    if (status !== undefined && status !== null && !/^2\d\d$/.test(String(status))) continue
    const href = typeof url === 'string' ? parseHttpUrl(url)?.href : undefined
    const millis = waybackMillis(typeof timestamp === 'string' ? timestamp : typeof timestamp === 'number' ? String(timestamp) : null)
    if (href && millis !== null) out.push({ url: href, millis })
  }
  return out
}

/**
 * Read an availability API answer (`{"archived_snapshots":{"closest":{…}}}`) and pick
 * the usable snapshot closest to `targetMillis` (the latest when there is no target;
 * on a tie, the later one, which is likelier to hold the finished post). Pure; never throws.
 */
export function parseAvailability(text: string, targetMillis: number | null): AvailabilityAnswer {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { invalid: 'the answer is not JSON' }
  }
  const snapshots = json && typeof json === 'object' ? (json as Record<string, unknown>).archived_snapshots : undefined
  if (!snapshots || typeof snapshots !== 'object' || Array.isArray(snapshots)) {
    return { invalid: 'the answer has no "archived_snapshots" object' }
  }
  const candidates = Object.values(snapshots).flatMap(candidatesIn)
  let best: Candidate | null = null
  for (const candidate of candidates) {
    if (!best) best = candidate
    else if (targetMillis === null) best = candidate.millis > best.millis ? candidate : best
    else {
      const distance = Math.abs(candidate.millis - targetMillis)
      const bestDistance = Math.abs(best.millis - targetMillis)
      if (distance < bestDistance || (distance === bestDistance && candidate.millis > best.millis)) best = candidate
    }
  }
  return { snapshot: best ? { url: best.url, timestamp: new Date(best.millis).toISOString() } : null }
}
