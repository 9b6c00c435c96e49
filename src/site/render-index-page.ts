import { escapeHtml } from '../digest/safe.js'
import { renderPageShell } from './page-shell.js'
import type { SiteEvent } from './types.js'

/** The site's front page: one entry per event, linking its page. */
export function renderIndexPage(events: SiteEvent[], generatedAt: string): string {
  const items = events.map((event) => {
    const lost = event.posts.filter((p) => p.note).length
    const range = event.dateRange.from ? (event.dateRange.to && event.dateRange.to !== event.dateRange.from ? `${event.dateRange.from} to ${event.dateRange.to}` : event.dateRange.from) : 'no dates known'
    const meta = `${event.posts.length} posts${lost ? `, ${lost} unavailable` : ''} · ${range}`
    return `<li><a href="events/${escapeHtml(encodeURIComponent(event.slug))}.html">${escapeHtml(event.title)}</a><p class="meta">${escapeHtml(meta)}</p></li>`
  })
  const body = `<header class="site">
<h1>Coverage maps</h1>
<p class="summary">${escapeHtml(`${events.length} ${events.length === 1 ? 'event' : 'events'} · generated ${generatedAt.slice(0, 10)} by roundup`)}</p>
</header>
<main>
${items.length ? `<ul class="events">\n${items.join('\n')}\n</ul>` : '<p class="empty">No events yet: run "roundup crawl URL" first.</p>'}
</main>`
  return renderPageShell({ title: 'Coverage maps — roundup', body, root: '' })
}
