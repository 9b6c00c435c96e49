import { escapeHtml } from '../digest/safe.js'
import { jsonForScript } from './json-script.js'
import { renderPageShell } from './page-shell.js'
import type { SiteEvent } from './types.js'

function dateRangeText(range: SiteEvent['dateRange']): string {
  if (!range.from) return 'no dates known'
  return range.to && range.to !== range.from ? `${range.from} to ${range.to}` : range.from
}

/**
 * One event's page. The server-rendered parts are escaped text; the list, graph and
 * timeline are built by assets/site.js from the JSON block.
 */
export function renderEventPage(event: SiteEvent): string {
  const lost = event.posts.filter((p) => p.note).length
  const summary = `${event.posts.length} posts${lost ? ` (${lost} unavailable)` : ''} · ${dateRangeText(event.dateRange)} · generated ${event.generatedAt.slice(0, 10)}`
  const body = `<header class="site">
<p class="crumbs"><a href="../index.html">All events</a></p>
<h1>${escapeHtml(event.title)}</h1>
<p class="summary">${escapeHtml(summary)}</p>
</header>
<main>
<section class="controls" aria-label="Filters">
<label>Search <input type="search" id="search" placeholder="Words in title, author, blog or excerpt" autocomplete="off"></label>
<label>Author <select id="filter-author"><option value="">All authors</option></select></label>
<label>Blog <select id="filter-blog"><option value="">All blogs</option></select></label>
<label>From <input type="date" id="filter-from"></label>
<label>To <input type="date" id="filter-to"></label>
<button type="button" id="filter-reset">Reset</button>
<p id="count" aria-live="polite"></p>
</section>
<div class="columns">
<section class="panel" aria-labelledby="coverage-heading">
<h2 id="coverage-heading">Coverage</h2>
<ol id="coverage" class="coverage"></ol>
<noscript><p class="note">The list, the map and the filters need JavaScript. The same coverage is in <code>roundup digest</code>.</p></noscript>
</section>
<div class="map">
<section class="panel" aria-labelledby="graph-heading">
<h2 id="graph-heading">Who links to whom</h2>
<svg id="graph" role="img" aria-label="Links between the posts"></svg>
<p class="legend"><span class="crossref">cross-reference list</span><span class="body">link in the text</span><span class="comment">comment or pingback</span></p>
</section>
<section class="panel" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
<svg id="timeline" role="img" aria-label="Posts by date"></svg>
<p class="note" id="undated"></p>
</section>
</div>
</div>
</main>
<script type="application/json" id="roundup-data">${jsonForScript(event)}</script>`
  return renderPageShell({ title: `${event.title} — roundup`, body, root: '../', script: 'assets/site.js' })
}
