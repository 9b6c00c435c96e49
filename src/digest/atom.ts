import { createHash } from 'node:crypto'
import { oneLine, safeHref } from './safe.js'
import { unavailableNote } from './status.js'
import type { Digest, DigestEvent, DigestPost, RenderOptions } from './types.js'

const GENERATOR = '<generator uri="https://github.com/roundup-dev/roundup">roundup</generator>'
/** The tagging entity of every id we mint (RFC 4151); the date is when the name was first used and never changes. */
const TAG = 'tag:roundup,2024:'

/** Text safe inside XML 1.0: escaped, and without the characters XML forbids (controls, lone surrogates, U+FFFE/FFFF). */
function xml(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** RFC 3339 date-time with an offset, as Atom requires; a date-only value has no place in <published>. */
function dateTime(value: string | null | undefined): string | null {
  return value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : null
}

function latest(values: Array<string | null | undefined>, fallback: string): string {
  let best = fallback
  let bestTime = Date.parse(fallback) || 0
  for (const value of values) {
    const time = value ? Date.parse(value) : NaN
    if (dateTime(value) && time > bestTime) {
      best = value!
      bestTime = time
    }
  }
  return best
}

/** When the entry last changed for a reader of this feed: its discovery, or the latest change refresh saw. */
function entryUpdated(post: DigestPost, fallback: string): string {
  return latest([post.discoveredAt, ...(post.changes ?? []).map((c) => c.at)], dateTime(post.discoveredAt) ?? fallback)
}

function entryId(post: DigestPost): string {
  return safeHref(post.url) ?? `${TAG}post/${createHash('sha1').update(post.url).digest('hex')}`
}

function renderEntry(post: DigestPost, fallback: string): string {
  const lines = ['  <entry>', `    <id>${xml(entryId(post))}</id>`, `    <title type="text">${xml(oneLine(post.title ?? post.listedAs ?? post.url))}</title>`]
  const href = safeHref(post.finalUrl) ?? safeHref(post.url)
  if (href) lines.push(`    <link rel="alternate" type="text/html" href="${xml(href)}"/>`)
  lines.push(`    <updated>${xml(entryUpdated(post, fallback))}</updated>`)
  const published = dateTime(post.published)
  if (published) lines.push(`    <published>${xml(published)}</published>`)
  for (const name of post.authors ?? []) if (oneLine(name)) lines.push(`    <author><name>${xml(oneLine(name))}</name></author>`)
  lines.push(`    <category term="${xml(post.reachedBy)}" scheme="${TAG}reached-by"/>`)
  if (post.matchedBy === 'terms') lines.push(`    <category term="matched-by-terms" scheme="${TAG}matched-by" label="matched by terms"/>`)
  if (post.status && post.status !== 'ok') lines.push(`    <category term="${xml(post.status)}" scheme="${TAG}status"/>`)
  const note = unavailableNote(post)
  const summary = [note ? `(${note})` : null, post.siteName ? `${oneLine(post.siteName)}${post.published ? `, ${post.published.slice(0, 10)}` : ''}:` : null, oneLine(post.excerpt)]
    .filter(Boolean)
    .join(' ')
  if (summary) lines.push(`    <summary type="text">${xml(summary)}</summary>`)
  lines.push('  </entry>')
  return lines.join('\n')
}

function feedId(events: DigestEvent[]): string {
  if (events.length === 1) return `${TAG}event/${encodeURIComponent(events[0]!.id)}`
  return `${TAG}events/${createHash('sha1').update(events.map((e) => e.id).sort().join('\n')).digest('hex').slice(0, 16)}`
}

/**
 * A valid Atom 1.0 feed (RFC 4287) of the coverage, newest discovery first, so a feed
 * reader or another site can follow the event. Every field is escaped as text; only
 * http(s) links are emitted. Seeds are left out unless `withSeeds`.
 */
export function renderAtom(digest: Digest, options: RenderOptions = {}): string {
  const events = digest.events
  const seen = new Set<string>()
  const posts: DigestPost[] = []
  for (const event of events) {
    for (const post of event.posts) {
      if ((post.isSeed && !options.withSeeds) || seen.has(post.url)) continue
      seen.add(post.url)
      posts.push(post)
    }
  }
  const generatedAt = dateTime(digest.generatedAt) ?? new Date().toISOString()
  const fallback = dateTime(events[0]?.updatedAt) ?? generatedAt
  // Newest discovery first; a later change shows in the entry's <updated>, not in its place.
  const discovered = (p: DigestPost) => Date.parse(p.discoveredAt ?? '') || 0
  posts.sort((a, b) => discovered(b) - discovered(a) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  const title = events.length === 1 ? `${options.heading ?? 'Related coverage'}: ${oneLine(events[0]!.title)}` : options.heading ?? 'Related coverage'
  const updated = posts.length ? latest(posts.map((p) => entryUpdated(p, fallback)), fallback) : fallback
  const head = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(feedId(events))}</id>`,
    `  <title type="text">${xml(title)}</title>`,
    `  <updated>${xml(updated)}</updated>`,
    '  <author><name>roundup</name></author>',
    `  ${GENERATOR}`,
  ]
  const seed = events.length === 1 ? safeHref(events[0]!.seeds[0]) : null
  if (seed) head.push(`  <link rel="related" type="text/html" href="${xml(seed)}"/>`)
  return [...head, ...posts.map((post) => renderEntry(post, fallback)), '</feed>', ''].join('\n')
}
