import { RoundupError } from '../errors.js'
import type { Fetcher } from '../fetch/types.js'
import { parseAvailability, type Snapshot } from './parse-availability.js'
import { waybackDay, waybackMillis } from './wayback-time.js'

/** The availability API request for one post: `?url=<post>&timestamp=<YYYYMMDD>`. */
export function availabilityUrl(endpoint: string, postUrl: string, published: string | null): string {
  const url = new URL(endpoint)
  url.searchParams.set('url', postUrl)
  const day = waybackDay(published)
  if (day) url.searchParams.set('timestamp', day)
  else url.searchParams.delete('timestamp')
  return url.href
}

/**
 * Ask the archive for the snapshot of `postUrl` closest to its publication day, through
 * the one guarded fetcher. Null when the archive has none; throws a RoundupError when
 * the request fails or the answer cannot be read.
 */
export async function lookupSnapshot(fetcher: Fetcher, endpoint: string, postUrl: string, published: string | null): Promise<Snapshot | null> {
  const url = availabilityUrl(endpoint, postUrl, published)
  const result = await fetcher.fetch({ url, kind: 'api' })
  const day = waybackDay(published)
  // Noon UTC: the middle of the day the page named, whatever its offset was.
  const target = day ? waybackMillis(`${day}12`) : null
  const answer = parseAvailability(result.body, target)
  if ('invalid' in answer) throw new RoundupError('ARCHIVE_INVALID', `the archive at ${new URL(endpoint).host} gave an unreadable answer for ${postUrl}: ${answer.invalid}`, { url })
  return answer.snapshot
}
