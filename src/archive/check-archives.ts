import { isRoundupError } from '../errors.js'
import type { Fetcher } from '../fetch/types.js'
import { silentLogger, type Logger } from '../log.js'
import type { StoredPost } from '../store/schema.js'
import type { Store } from '../store/store.js'
import { lookupSnapshot } from './lookup-snapshot.js'

/** A miss is asked about again at most this often: archives fill in, but slowly. */
export const RECHECK_MISS_MS = 24 * 60 * 60 * 1000

export interface ArchiveCheckOptions {
  /** The availability API, e.g. https://archive.org/wayback/available. */
  endpoint: string
  /** Only these posts (e.g. one event's members); every stored post when absent. */
  urls?: string[]
  /** Ask again even about posts already answered. @default false */
  force?: boolean
  /** @default RECHECK_MISS_MS */
  recheckMissMs?: number
  now?: () => Date
  logger?: Logger
}

export interface ArchiveReport {
  /** Posts looked up in this run. */
  checked: number
  found: number
  missing: number
  /** Posts that needed a look-up but had an answer recent enough to keep. */
  kept: number
  failures: Array<{ url: string; code: string; message: string }>
}

/**
 * A dead host usually fails at its robots.txt first, and the fetcher then refuses the page
 * as robots-disallowed (RFC 9309: unreachable means disallow). Its reason keeps the
 * network failure ("robots.txt is unavailable (GET … failed: host not found)").
 */
const ROBOTS_UNREACHABLE = /robots\.txt is unavailable \(GET \S+ failed: /

/** A post whose live copy is lost: gone (404/410), or its host could not be reached (DNS, refused). */
export function needsArchive(post: StoredPost): boolean {
  if (post.status === 'gone' || post.outcome === 'error:network') return true
  return post.outcome === 'skipped:robots' && post.status !== 'ok' && ROBOTS_UNREACHABLE.test(post.reason ?? '')
}

/**
 * The day to aim the look-up at: the post's own date, else that of the post whose
 * cross-reference list named it (a post that was never fetched has no date of its own,
 * and a list is written within days of what it lists).
 */
export function dateHint(post: StoredPost, store: Pick<Store, 'getPost'>): string | null {
  if (post.published) return post.published
  for (const claim of post.claims) {
    const published = store.getPost(claim.from)?.published
    if (published) return published
  }
  return null
}

function isFresh(post: StoredPost, now: Date, recheckMissMs: number): boolean {
  if (!post.archive) return false
  if (post.archive.snapshotUrl) return true
  const checked = Date.parse(post.archive.checkedAt)
  return Number.isFinite(checked) && now.getTime() - checked < recheckMissMs
}

/**
 * Look up archived copies of lost posts and store the answers. A failed look-up is
 * reported and leaves the post as it was, so the next run asks again.
 */
export async function checkArchives(deps: { store: Store; fetcher: Fetcher }, options: ArchiveCheckOptions): Promise<ArchiveReport> {
  const { store, fetcher } = deps
  const logger = options.logger ?? silentLogger
  const now = options.now ?? (() => new Date())
  const recheckMissMs = options.recheckMissMs ?? RECHECK_MISS_MS
  const posts = options.urls
    ? [...new Set(options.urls)].map((url) => store.getPost(url)).filter((p): p is StoredPost => !!p)
    : store.listPosts()
  const lost = posts.filter(needsArchive)
  const due = options.force ? lost : lost.filter((post) => !isFresh(post, now(), recheckMissMs))
  const report: ArchiveReport = { checked: 0, found: 0, missing: 0, kept: lost.length - due.length, failures: [] }

  // All at once: the fetcher's per-host limit and delay keep the archive's host polite.
  await Promise.all(
    due.map(async (post) => {
      try {
        const snapshot = await lookupSnapshot(fetcher, options.endpoint, post.url, dateHint(post, store))
        const current = store.getPost(post.url) ?? post
        store.putPost({ ...current, archive: { checkedAt: now().toISOString(), snapshotUrl: snapshot?.url ?? null, timestamp: snapshot?.timestamp ?? null } })
        report.checked++
        if (snapshot) report.found++
        else report.missing++
        logger.info('archive', { url: post.url, snapshot: snapshot?.url ?? 'none' })
      } catch (error) {
        const code = isRoundupError(error) ? error.code : 'INTERNAL'
        const message = error instanceof Error ? error.message : String(error)
        report.failures.push({ url: post.url, code, message })
        logger.info('archive look-up failed', { url: post.url, code, error: message })
      }
    }),
  )
  report.failures.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  return report
}
