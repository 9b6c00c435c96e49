import { outcomeForError } from '../crawl/outcome.js'
import { isRoundupError } from '../errors.js'
import { discoverFeeds } from '../feeds/discover.js'
import { readFeedHints } from '../feeds/hints.js'
import { parseAnyFeed } from '../feeds/parse-any.js'
import type { FeedLink } from '../extract/types.js'
import type { StoredSite } from '../store/schema.js'
import { iso, rethrowAbort, type RefreshContext } from './context.js'
import { DAY, WEEK } from './schedule.js'

/** A site with no feed is looked at again weekly; one with feeds monthly, in case they moved. */
function stale(site: StoredSite, now: number): boolean {
  const age = now - (Date.parse(site.checkedAt) || 0)
  return site.feeds.length ? age > 30 * DAY : age > WEEK
}

/**
 * The site's feeds, running discovery when the site has none on record (or the record is
 * stale). A feed that the crawl already fetched and parsed counts as verified without a
 * request; any other candidate is fetched and parsed, and that fetch serves as this run's poll.
 */
export async function siteFeeds(origin: string, linked: string[], ctx: RefreshContext): Promise<string[]> {
  const existing = ctx.store.getSite(origin)
  if (existing && !stale(existing, ctx.now().getTime())) return existing.feeds
  const links: FeedLink[] = linked.map((url) => ({ url, type: 'unknown', title: null }))
  const discovery = await discoverFeeds(origin, links, {
    verify: async (url) => {
      const known = ctx.store.getFeed(url)
      if (known?.outcome === 'stored' && known.role !== 'comments') return { ok: true, outcome: 'stored' }
      try {
        const result = await ctx.fetcher.fetch({ url, kind: 'feed', signal: ctx.signal })
        const feed = await parseAnyFeed(result.body, result.finalUrl, ctx.parseDate ? { parseDate: ctx.parseDate } : {})
        ctx.discovered.set(url, { result, feed, hints: feed.kind === 'json' ? null : readFeedHints(result.body) })
        return { ok: true, outcome: 'stored' }
      } catch (error) {
        rethrowAbort(error, ctx)
        const failed = outcomeForError(error)
        const transient = isRoundupError(error) && (error.info.retryable === true || ['FETCH_NETWORK', 'FETCH_TIMEOUT'].includes(error.code))
        return { ok: false, outcome: failed.outcome, transient }
      }
    },
    homeFeeds: async (home) => {
      try {
        const result = await ctx.fetcher.fetch({ url: home, kind: 'page', signal: ctx.signal })
        return ctx.extract(result.body, result.finalUrl).feeds
      } catch (error) {
        rethrowAbort(error, ctx)
        ctx.logger.debug('refresh discovery: home page unavailable', { url: home, error: (error as Error).message })
        return []
      }
    },
  })
  if (discovery.transient) {
    // Nothing learnt: no record, so the next run tries again.
    const failed = discovery.tried.find((t) => t.outcome !== 'stored')
    ctx.report.errors++
    ctx.report.failures.push({ url: failed?.url ?? origin, what: 'discovery', outcome: failed?.outcome ?? 'error:unknown', reason: `the feed of ${origin} is unavailable for now` })
    return []
  }
  const site: StoredSite = { url: origin, feeds: discovery.feeds, method: discovery.method, checkedAt: iso(ctx), tried: discovery.tried }
  ctx.store.putSite(site)
  ctx.report.sitesDiscovered++
  ctx.logger.info('refresh discovered feeds', { site: origin, method: site.method, feeds: site.feeds.join(' ') || 'none', tried: site.tried.length })
  return site.feeds
}
