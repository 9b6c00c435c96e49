import { performance } from 'node:perf_hooks'
import { RoundupError } from '../errors.js'
import type { StoredEvent } from '../store/schema.js'
import { refreshComments } from './comments.js'
import { createContext, iso, sitesOf, type RefreshContext } from './context.js'
import { refreshFeed } from './feeds.js'
import { recheckPost } from './recheck.js'
import { siteFeeds } from './sites.js'
import type { RefreshDeps, RefreshInput, RefreshReport } from './types.js'

function selectEvents(ctx: RefreshContext, eventId: string | undefined): StoredEvent[] {
  const events = ctx.store.listEvents()
  if (eventId === undefined) return events
  const event = ctx.store.getEvent(eventId)
  if (!event) {
    const known = events.map((e) => e.id).join(', ') || 'none yet'
    throw new RoundupError('EVENT_NOT_FOUND', `no event "${eventId}" in the store (known: ${known}); run "roundup events" to list them`)
  }
  return [event]
}

/** Key → the events that need it, in first-seen order. */
function addTo(map: Map<string, string[]>, key: string, eventId: string): void {
  const list = map.get(key)
  if (!list) map.set(key, [eventId])
  else if (!list.includes(eventId)) list.push(eventId)
}

/**
 * Keep stored events current, for each event in four steps:
 * 1. re-poll the feeds of its sites (finding them first when a site has none on record),
 *    filling its posts from their entries and judging new items as coverage;
 * 2. (alongside 1) re-check its posts with conditional requests, recording changes;
 * 3. poll the comment feeds of its posts, storing new comments and the references in them;
 * 4. mark the event refreshed.
 * Nothing is asked for before it is due (unless `force`). Every write is one synchronous
 * step that leaves the store consistent, so a run killed at any moment leaves work that is
 * either stored or still due, and the next run finishes it.
 */
export async function refresh(input: RefreshInput, deps: RefreshDeps): Promise<RefreshReport> {
  const started = performance.now()
  const ctx = createContext(input, deps)
  const { store } = ctx
  const events = selectEvents(ctx, input.eventId)

  const sites = new Map<string, string[]>()
  const linkedFeeds = new Map<string, Set<string>>()
  const posts = new Map<string, string[]>()
  for (const event of events) {
    for (const url of [...event.seeds, ...event.posts.map((m) => m.url)]) {
      const post = store.getPost(url)
      if (!post) continue
      addTo(posts, url, event.id)
      for (const site of sitesOf(post)) {
        addTo(sites, site, event.id)
        if (post.feedUrl) (linkedFeeds.get(site) ?? linkedFeeds.set(site, new Set()).get(site)!).add(post.feedUrl)
      }
    }
  }

  const feedsStep = async () => {
    const feeds = new Map<string, string[]>()
    await Promise.all([...sites].map(async ([site, eventIds]) => {
      const urls = await siteFeeds(site, [...(linkedFeeds.get(site) ?? [])], ctx)
      for (const url of urls) for (const id of eventIds) addTo(feeds, url, id)
    }))
    await Promise.all([...feeds].map(([url, eventIds]) => refreshFeed(url, eventIds, ctx)))
  }
  const postsStep = () => Promise.all([...posts].map(([url, eventIds]) => recheckPost(url, eventIds, ctx)))
  await Promise.all([feedsStep(), postsStep()])
  // Comment feeds come last: the feed step is what finds most of them.
  await Promise.all([...posts].map(([url, eventIds]) => refreshComments(url, eventIds, ctx)))

  const at = iso(ctx)
  for (const { id } of events) {
    const event = store.getEvent(id)
    if (event) store.putEvent({ ...event, refreshedAt: at })
  }
  await store.flush()
  const report = ctx.report
  report.events = events.map((e) => e.id)
  report.requests = ctx.fetcher.stats().requests
  report.durationMs = Math.round(performance.now() - started)
  return report
}
