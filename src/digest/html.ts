import { displayDate, escapeHtml, oneLine, safeHref } from './safe.js'
import { unavailableNote } from './status.js'
import { archiveLink } from './archive-link.js'
import type { Digest, DigestPost, RenderOptions } from './types.js'

const REL = 'nofollow ugc noopener'

function renderEntry(post: DigestPost): string {
  const label = escapeHtml(oneLine(post.title ?? post.listedAs ?? post.url))
  const href = safeHref(post.finalUrl ?? post.url)
  const note = unavailableNote(post)
  const parts: string[] = [
    href && !note ? `<a href="${escapeHtml(href)}" rel="${REL}">${label}</a>` : `<span class="roundup-title">${label}</span>`,
  ]
  const meta: string[] = []
  if (post.author) meta.push(`<span class="roundup-author">${escapeHtml(oneLine(post.author))}</span>`)
  if (post.siteName) meta.push(`<cite>${escapeHtml(oneLine(post.siteName))}</cite>`)
  const date = displayDate(post.published)
  if (date) meta.push(`<time datetime="${escapeHtml(date)}">${escapeHtml(date)}</time>`)
  if (meta.length) parts.push(` — ${meta.join(', ')}`)
  if (note) parts.push(` <em class="roundup-unavailable">(${escapeHtml(note)})</em>`)
  if (post.matchedBy === 'terms') parts.push(' <em class="roundup-matched">(matched by terms)</em>')
  const archived = archiveLink(post)
  if (archived?.kind === 'snapshot') {
    const label = `archived copy${archived.day ? ` of ${archived.day}` : ''}`
    parts.push(` <a class="roundup-archived" href="${escapeHtml(archived.href)}" rel="${REL}">${escapeHtml(label)}</a>`)
  } else if (archived) parts.push(' <em class="roundup-no-archive">(no archived copy)</em>')
  if (post.excerpt && !note) parts.push(`<br><span class="roundup-excerpt">${escapeHtml(oneLine(post.excerpt))}</span>`)
  return `  <li>${parts.join('')}</li>`
}

/** A "Related coverage" HTML snippet: every field escaped, only http(s) links. */
export function renderHtml(digest: Digest, options: RenderOptions = {}): string {
  const heading = options.heading ?? 'Related coverage'
  return digest.events
    .map((event) => {
      const posts = event.posts.filter((p) => options.withSeeds || !p.isSeed)
      const title = digest.events.length > 1 ? `${heading}: ${oneLine(event.title)}` : heading
      const items = posts.length ? posts.map(renderEntry).join('\n') : '  <li>No other coverage found yet.</li>'
      const keywords = event.keywords?.length ? `<p class="roundup-keywords">Keywords: ${escapeHtml(oneLine(event.keywords.join(', ')))}</p>\n` : ''
      return `<section class="roundup-related" data-event="${escapeHtml(event.id)}">\n<h2>${escapeHtml(title)}</h2>\n${keywords}<ul>\n${items}\n</ul>\n</section>\n`
    })
    .join('\n')
}
