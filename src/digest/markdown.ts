import { displayDate, escapeMarkdown, markdownUrl, safeHref } from './safe.js'
import { unavailableNote } from './status.js'
import { archiveLink } from './archive-link.js'
import type { Digest, DigestPost, RenderOptions } from './types.js'

function renderEntry(post: DigestPost): string {
  const label = escapeMarkdown(post.title ?? post.listedAs ?? post.url)
  const href = safeHref(post.finalUrl ?? post.url)
  const note = unavailableNote(post)
  const head = href && !note ? `[${label}](${markdownUrl(href)})` : label
  const meta = [post.author, post.siteName].filter(Boolean).map((s) => escapeMarkdown(s!))
  const date = displayDate(post.published)
  if (date) meta.push(date)
  let line = `- ${head}`
  if (meta.length) line += ` — ${meta.join(', ')}`
  // The note quotes the stored outcome, which is text like any other.
  if (note) line += ` _(${escapeMarkdown(note)})_`
  if (post.matchedBy === 'terms') line += ' _(matched by terms)_'
  const archived = archiveLink(post)
  if (archived?.kind === 'snapshot') line += ` [archived copy${archived.day ? ` of ${archived.day}` : ''}](${markdownUrl(archived.href)})`
  else if (archived) line += ' _(no archived copy)_'
  if (post.excerpt && !note) line += `  \n  ${escapeMarkdown(post.excerpt)}`
  return line
}

/** A "Related coverage" section to paste into a post. */
export function renderMarkdown(digest: Digest, options: RenderOptions = {}): string {
  const heading = options.heading ?? 'Related coverage'
  const blocks = digest.events.map((event) => {
    const posts = event.posts.filter((p) => options.withSeeds || !p.isSeed)
    const title = digest.events.length > 1 ? `## ${escapeMarkdown(heading)}: ${escapeMarkdown(event.title)}` : `## ${escapeMarkdown(heading)}`
    const body = posts.length ? posts.map(renderEntry).join('\n') : '_No other coverage found yet._'
    const keywords = event.keywords?.length ? `Keywords: ${escapeMarkdown(event.keywords.join(', '))}\n\n` : ''
    return `${title}\n\n${keywords}${body}\n`
  })
  return blocks.join('\n')
}
