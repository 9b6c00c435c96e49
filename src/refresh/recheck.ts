import { applyExtraction } from '../crawl/merge.js'
import { outcomeForError } from '../crawl/outcome.js'
import { isRoundupError } from '../errors.js'
import type { FetchResult } from '../fetch/types.js'
import type { StoredEvent, StoredPost } from '../store/schema.js'
import { parseHttpUrl } from '../url/normalize.js'
import { mergeBacklinks } from './comments.js'
import { iso, isDue, rethrowAbort, savePost, shortestCadence, type RefreshContext } from './context.js'
import { appendHistory, diffPost } from './changes.js'
import { findBacklinks } from '../extract/backlinks.js'
import { cacheMaxAge, nextCheck } from './schedule.js'

type Fetched = { ok: true; result: FetchResult } | { ok: false; error: unknown }

/**
 * Ask for one post again, conditionally. A 304 costs no parse. A 200 is extracted and
 * compared with what was stored (title, excerpt); 404/410 makes it gone; a redirect
 * records the new final URL, which later checks ask for directly.
 */
export async function recheckPost(url: string, eventIds: string[], ctx: RefreshContext): Promise<void> {
  const stored = ctx.store.getPost(url)
  // Skipped posts (robots.txt, private addresses, duplicates) are the crawl's to decide.
  if (!stored || stored.status === 'skipped') return
  if (!isDue({ nextAt: stored.nextCheckAt, gone: stored.status === 'gone' }, ctx)) {
    ctx.report.notDue.posts++
    return
  }
  const target = parseHttpUrl(stored.finalUrl)?.href ?? url
  let fetched: Fetched
  try {
    fetched = { ok: true, result: await ctx.fetcher.fetch({ url: target, kind: 'page', signal: ctx.signal, etag: stored.etag, lastModified: stored.lastModified }) }
  } catch (error) {
    rethrowAbort(error, ctx)
    fetched = { ok: false, error }
  }
  ctx.report.postsChecked++

  // Read again: the feed step may have filled fields while this request was on its way.
  const before = ctx.store.getPost(url)
  if (!before) return
  const after: StoredPost = structuredClone(before)
  const at = iso(ctx)
  let failed = false
  let maxAge: number | null = null
  let retryAfter: number | null = null
  if (fetched.ok) {
    const { result } = fetched
    maxAge = cacheMaxAge(result.headers['cache-control'])
    Object.assign(after, { fetchedAt: at, httpStatus: result.status, finalUrl: result.finalUrl, status: 'ok', reason: null })
    if (result.etag) after.etag = result.etag
    if (result.lastModified) after.lastModified = result.lastModified
    if (result.notModified) after.outcome = 'not-modified'
    else if (!result.body.trim()) {
      Object.assign(after, { outcome: 'error:empty', reason: `GET ${result.finalUrl} returned an empty body`, status: before.status })
      failed = true
    } else {
      try {
        applyExtraction(after, ctx.extract(result.body, result.finalUrl, { fetchedAt: ctx.now() }))
        after.outcome = 'stored'
        mergeBacklinks(after, findBacklinks(result.body, result.finalUrl))
      } catch (error) {
        const failure = outcomeForError(error)
        Object.assign(after, { outcome: failure.outcome, reason: failure.reason, status: before.status })
        failed = true
      }
    }
  } else {
    const failure = outcomeForError(fetched.error)
    retryAfter = isRoundupError(fetched.error) ? fetched.error.info.retryAfter ?? null : null
    const gone = failure.outcome === 'error:http-404' || failure.outcome === 'error:http-410'
    // A failure that is not a 404/410 says nothing about the post: it keeps its status.
    Object.assign(after, { outcome: failure.outcome, reason: failure.reason, httpStatus: failure.httpStatus, status: gone ? 'gone' : before.status === 'ok' || before.status === 'gone' ? before.status : 'error' })
    failed = !gone && !failure.outcome.startsWith('skipped:')
  }

  const changes = diffPost(before, after, at)
  appendHistory(after, changes)
  const events = eventIds.map((id) => ctx.store.getEvent(id)).filter((e): e is StoredEvent => !!e)
  after.checkedAt = at
  after.nextCheckAt = new Date(nextCheck({ now: ctx.now().getTime(), cadenceMs: shortestCadence(events, ctx).ms, maxAgeSeconds: maxAge, retryAfterSeconds: retryAfter, gone: after.status === 'gone' })).toISOString()
  savePost(ctx, after)

  const report = ctx.report
  report.changes.push(...changes.map((c) => ({ url, ...c })))
  if (failed) {
    report.errors++
    report.failures.push({ url, what: 'post', outcome: after.outcome, reason: after.reason })
    ctx.logger.info('refresh post failed', { url, outcome: after.outcome, reason: after.reason })
  } else if (changes.some((c) => c.field === 'status' && c.to === 'gone')) report.gone++
  else if (changes.length) report.changed++
  else report.unchanged++
  if (changes.length) ctx.logger.info('refresh: post changed', { url, fields: changes.map((c) => c.field).join(',') })
}
