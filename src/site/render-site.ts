import type { StoreData } from '../store/schema.js'
import { SITE_CSS } from './assets/site-css.js'
import { SITE_JS } from './assets/site-js.js'
import { buildSiteEvent } from './build-site-event.js'
import { renderEventPage } from './render-event-page.js'
import { renderIndexPage } from './render-index-page.js'
import type { SiteEvent } from './types.js'

export interface SiteFile {
  /** Relative to the site's top, with forward slashes. */
  path: string
  content: string
}

export interface RenderedSite {
  files: SiteFile[]
  events: SiteEvent[]
}

/**
 * The static site for one event (or every event): index.html, one page per event,
 * and the shared CSS and JS. Pure; throws EVENT_NOT_FOUND for an unknown event.
 */
export function renderSite(data: StoreData, options: { eventId?: string; now?: Date } = {}): RenderedSite {
  const now = options.now ?? new Date()
  const ids = options.eventId !== undefined
    ? [options.eventId]
    : Object.values(data.events).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((e) => e.id)
  const events: SiteEvent[] = []
  const taken = new Set<string>()
  for (const id of ids) {
    const event = buildSiteEvent(data, id, now)
    // Two ids can fold to one file name; the later one gets a number.
    let slug = event.slug
    for (let n = 2; taken.has(slug); n++) slug = `${event.slug}-${n}`
    taken.add(slug)
    events.push({ ...event, slug })
  }
  const files: SiteFile[] = [
    { path: 'index.html', content: renderIndexPage(events, now.toISOString()) },
    { path: 'assets/site.css', content: SITE_CSS },
    { path: 'assets/site.js', content: SITE_JS },
    ...events.map((event) => ({ path: `events/${event.slug}.html`, content: renderEventPage(event) })),
  ]
  return { files, events }
}
