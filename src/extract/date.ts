import type { AnyNode, Element } from 'domhandler'
import type { Candidate, FieldSource } from './types.js'
import type { PageContext } from './context.js'
import { formatDate, isMonthOnly, parseDate, sameDay, toEpoch } from './parse-date.js'
import type { DateParts } from './parse-date.js'
import { metaValues } from './meta.js'
import { isArticle, textOf } from './jsonld.js'
import { visibleTextOf } from './clean-text.js'
import { runRules } from './rules.js'
import { pageLines } from './page-lines.js'
import { isInside } from './regions.js'
import type { Rule } from './rules.js'

export type DateKind = 'published' | 'updated'
type DateCandidate = Candidate & { parts: DateParts; kind: DateKind }

const TRUST: Record<FieldSource, number> = {
  'json-ld': 10, opengraph: 9, meta: 8, microformats: 8, platform: 7, feed: 6, 'crossref-claim': 1, heuristic: 4, 'title-tag': 1, url: 3,
}

function hintsOf(ctx: PageContext) {
  return { dayFirst: !!ctx.lang && !/^en-us|^en$/.test(ctx.lang) }
}

function make(ctx: PageContext, raw: string | undefined | null, kind: DateKind, source: FieldSource, rule: string): DateCandidate | undefined {
  if (!raw || isMonthOnly(raw)) return undefined
  const parts = parseDate(raw, hintsOf(ctx))
  if (!parts) return undefined
  return { value: formatDate(parts), source, rule, parts, kind }
}

/** Attribute-first reading of a date element: datetime, content, title (hAtom abbr), then text. */
function fromElement(ctx: PageContext, el: Element, kind: DateKind, source: FieldSource, rule: string): DateCandidate | undefined {
  const $ = ctx.$
  for (const attr of ['datetime', 'content', 'title', 'data-datetime', 'data-date', 'data-timestamp', 'data-published']) {
    const value = el.attribs[attr]
    if (value) {
      const found = make(ctx, value, kind, source, `${rule}[${attr}]`)
      if (found) return found
    }
  }
  const text = visibleTextOf($(el))
  return text.length < 200 ? make(ctx, text, kind, source, rule) : undefined
}

function allowed(ctx: PageContext, el: AnyNode): boolean {
  return !ctx.regions.inComments(el) && !ctx.regions.inBoilerplate(el)
}

const jsonLdDates = (kind: DateKind): Rule => (_, ctx) => {
  const keys = kind === 'published' ? ['datePublished', 'dateCreated', 'uploadDate'] : ['dateModified']
  const nodes = ctx.article ? [ctx.article] : ctx.jsonLd.filter(isArticle)
  const out: DateCandidate[] = []
  for (const node of nodes.slice(0, 3)) {
    for (const key of keys) {
      const found = make(ctx, textOf(node[key]), kind, 'json-ld', key)
      if (found) out.push(found)
    }
  }
  return out
}

const metaDates = (kind: DateKind): Rule => (_, ctx) => {
  const og = kind === 'published'
    ? ['article:published_time', 'og:published_time', 'og:article:published_time', 'article:published', 'og:pubdate', 'article.published']
    : ['article:modified_time', 'og:updated_time', 'og:article:modified_time', 'article:modified', 'article.updated']
  const plain = kind === 'published'
    ? ['datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published_time', 'publication_date', 'publicationdate',
      'sailthru.date', 'parsely-pub-date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dc.date.created', 'dcterms.created',
      'citation_publication_date', 'citation_date', 'originalpublicationdate', 'article_date_original', 'date.release', 'release_date',
      'cxenseparse:recs:publishtime', 'dc.created', 'created', 'published', 'pub_date', 'nv:date', 'story:published_time', 'content_publish_date']
    : ['datemodified', 'last-modified', 'dc.date.modified', 'dcterms.modified', 'modified', 'lastmod', 'revised', 'sailthru.lastmodified', 'parsely-updated']
  const out: DateCandidate[] = []
  for (const { key, value } of metaValues(ctx.meta, ...og)) {
    const found = make(ctx, value, kind, 'opengraph', `meta[${key}]`)
    if (found) out.push(found)
  }
  for (const { key, value } of metaValues(ctx.meta, ...plain)) {
    const found = make(ctx, value, kind, 'meta', `meta[${key}]`)
    if (found) out.push(found)
  }
  return out
}

const microdataDates = (kind: DateKind): Rule => ($, ctx) => {
  const prop = kind === 'published' ? 'datePublished' : 'dateModified'
  const out: DateCandidate[] = []
  const wanted = prop.toLowerCase()
  const elements = ctx.dom.select('[itemprop]').filter((el) => el.name !== 'meta' && el.attribs.itemprop!.toLowerCase().split(/\s+/).includes(wanted))
  $(elements).each((_, el) => {
    if (out.length >= 3 || !allowed(ctx, el)) return
    const found = fromElement(ctx, el, kind, 'meta', `[itemprop=${prop}]`)
    if (found) out.push(found)
  })
  return out
}

const microformatDates = (kind: DateKind): Rule => ($, ctx) => {
  const selector = kind === 'published'
    ? '.h-entry .dt-published, .hentry .published, abbr.published, time.published, .dt-published'
    : '.h-entry .dt-updated, .hentry .updated, abbr.updated, time.updated, .dt-updated'
  const out: DateCandidate[] = []
  $(ctx.dom.select(selector)).each((_, el) => {
    if (out.length >= 2 || !allowed(ctx, el)) return
    const found = fromElement(ctx, el, kind, 'microformats', selector.split(',')[0]!)
    if (found) out.push(found)
  })
  return out
}

// Blogger shows the day in .date-header and the time in .post-timestamp; together they make the timestamp.
const bloggerDate: Rule = ($, ctx) => {
  const header = ctx.dom.select('.date-header').find((el) => allowed(ctx, el))
  if (!header) return undefined
  const day = make(ctx, visibleTextOf($(header)), 'published', 'platform', '.date-header')
  if (!day) return undefined
  const stamp = visibleTextOf($(ctx.dom.select('.post-timestamp, .timestamp-link')).first())
  const clock = /(\d{1,2}):(\d{2})\s*([ap])\.?m\.?/i.exec(stamp) ?? /(\d{1,2}):(\d{2})/.exec(stamp)
  if (clock && day.parts.hour === undefined) {
    let hour = +clock[1]!
    if (clock[3]) hour = (hour % 12) + (/p/i.test(clock[3]) ? 12 : 0)
    if (hour < 24 && +clock[2]! < 60) {
      day.parts = { ...day.parts, hour, minute: +clock[2]!, second: 0 }
      day.value = formatDate(day.parts)
      day.rule = '.date-header + .post-timestamp'
    }
  }
  return day
}

const PLATFORM_SELECTORS = [
  'time.entry-date', // WordPress
  '.entry-date', '.post-date', '.posted-on time', '.byline time', '.post-meta time', '.entry-meta time',
  'time.post-full-meta-date', '.byline-meta-date', '.article-byline time', // Ghost
  '[data-testid="storyPublishDate"]', // Medium
  '.post-date time', '.pencraft time', // Substack
  'time.dt-published', '.blog-meta-item--date', '.entry-dateline time', // Squarespace
  '.date-header', '.entry-footer', '.postmetadata', '.post-info', '.post-meta', '.entry-meta', '.meta-date', '.article-date', '.article__date', '.date',
]

const platformDates: Rule = (_, ctx) => {
  const out: DateCandidate[] = []
  for (const selector of PLATFORM_SELECTORS) {
    for (const el of ctx.dom.select(selector)) {
      if (out.length >= 4) break
      if (!allowed(ctx, el)) continue
      if (/updated|modified/i.test(`${el.attribs.class ?? ''}`) && !/published/i.test(el.attribs.class ?? '')) continue
      const found = fromElement(ctx, el, 'published', 'platform', selector)
      if (found) out.push(found)
    }
    if (out.length) break
  }
  return out
}

// TypePad and many hand-made templates: "Posted by X on April 1, 2009 at 10:32 AM".
const postedOnText: Rule = ($, ctx) => {
  const out: DateCandidate[] = []
  $(ctx.dom.select('.entry-footer, .post-footer, .postmetadata, .byline, .entry-meta, .post-meta, .meta, .posted, .post-info, .dateline, .entry-header, .post-header, header')).each((_, el) => {
    if (out.length || !allowed(ctx, el)) return
    const own = visibleTextOf($(el))
    if (own.length > 300) return
    const m = /\b(?:posted|published|written|veröffentlicht|publié|publicado|erstellt|am)\b[^.]{0,60}?\b(?:on|am|le|el|:)\s+(.{6,60})/i.exec(own)
    if (!m) return
    const found = make(ctx, m[1]!, 'published', 'heuristic', 'posted-on text')
    if (found) out.push(found)
  })
  return out
}

const timeElement: Rule = ($, ctx) => {
  const out: DateCandidate[] = []
  $(ctx.dom.select('time[datetime], time[pubdate]')).each((_, el) => {
    if (out.length >= 2 || !allowed(ctx, el)) return
    const cls = el.attribs.class ?? ''
    const kind: DateKind = /updated|modified/i.test(cls) ? 'updated' : 'published'
    if (kind !== 'published') return
    const found = fromElement(ctx, el, kind, 'heuristic', 'time[datetime]')
    if (found) out.push(found)
  })
  return out
}

// RDFa on ordinary elements (Drupal): <span property="dc:date dc:created" content="2023-10-06T03:46:34+00:00">.
const rdfaDates: Rule = (_, ctx) => {
  const out: DateCandidate[] = []
  const elements = [...ctx.dom.select('[property]'), ...ctx.dom.select('[itemprop]')].filter((el) => el.name !== 'meta' && el.attribs.content)
  for (const el of elements) {
    const key = `${el.attribs.property ?? ''} ${el.attribs.itemprop ?? ''}`.toLowerCase()
    if (!/\b(?:dc:date|dc:created|dc:issued|dcterms:created|dcterms:issued|schema:datepublished|datepublished|datecreated)\b/.test(key)) continue
    if (!allowed(ctx, el)) continue
    const found = make(ctx, el.attribs.content, 'published', 'meta', 'rdfa date')
    if (found) out.push(found)
    if (out.length >= 2) break
  }
  return out
}

const UPDATED_WORDS = /\b(?:updated?|aktualisiert|geändert|modified|mis à jour|actualizado|aggiornato|bijgewerkt|letztes update|last update)\b/i

// A short line with a date at the top of the post: "Veröffentlicht am 06.10.2023", "reineckefuchs — 2. Februar 2022".
const visibleDate: Rule = (_, ctx) => {
  const all = pageLines(ctx)
  // From the headline on (the date sits just above or below it), else from the start of the post.
  let start = all.findIndex((l) => l.heading && l.block?.name === 'h1')
  if (start === -1 && ctx.post) start = all.findIndex((l) => !!l.block && isInside(l.block, ctx.post!))
  if (start === -1 && ctx.main) start = all.findIndex((l) => !!l.block && isInside(l.block, ctx.main!))
  if (start === -1) return undefined
  for (const line of all.slice(Math.max(0, start - 3), start + 40)) {
    if (line.heading) continue
    // Long lines count only for a dateline at their very start: "Karlsruhe, (12.11.2021). Traditionell …".
    const head = line.text.length > 120 ? line.text.slice(0, 40) : line.text
    const text = head.replace(/\(?\s*(?:letztes update|last update|updated?|aktualisiert)[^)]*\)?/gi, ' ')
    if (UPDATED_WORDS.test(text) && !/\b(?:published|veröffentlicht|posted|publié|publicado)\b/i.test(text)) continue
    const found = make(ctx, text, 'published', 'heuristic', 'visible date')
    if (found) return found
  }
  return undefined
}

const urlDate: Rule = (_, ctx) => {
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?:[/-]|\.html?|$)/.exec(new URL(ctx.url).pathname)
  if (!m || !m[3]) return undefined
  return make(ctx, `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3].padStart(2, '0')}`, 'published', 'url', 'url path')
}

const PUBLISHED_RULES: Rule[] = [jsonLdDates('published'), metaDates('published'), microdataDates('published'), rdfaDates, microformatDates('published'), bloggerDate, platformDates, postedOnText, timeElement, visibleDate, urlDate]
const UPDATED_RULES: Rule[] = [jsonLdDates('updated'), metaDates('updated'), microdataDates('updated'), microformatDates('updated')]

/** Published and updated dates, each picked by trust and agreement among sources. */
export function extractDates(ctx: PageContext): {
  published: DateCandidate | null
  updated: DateCandidate | null
  candidates: Candidate[]
} {
  const limit = ctx.fetchedAt.getTime()
  // A date-only value or one without offset may be up to a day ahead of UTC.
  const notFuture = (c: DateCandidate) => toEpoch(c.parts) <= limit + (c.parts.offset ? 60_000 : 86_400_000)
  const published = (runRules(PUBLISHED_RULES, ctx) as DateCandidate[]).filter(notFuture)
  const updated = (runRules(UPDATED_RULES, ctx) as DateCandidate[]).filter(notFuture)
  return {
    published: pick(published),
    updated: pick(updated),
    candidates: published.map(({ value, source, rule }) => ({ value, source, ...(rule ? { rule } : {}) })),
  }
}

const ruleFamily = (c: DateCandidate) => `${c.source}:${(c.rule ?? '').replace(/\[[^\]]*\]$/, '')}`

function pick(candidates: DateCandidate[]): DateCandidate | null {
  let best: DateCandidate | null = null
  let bestScore = -Infinity
  for (const c of candidates) {
    let score = TRUST[c.source]
    // Independent rules that name the same day are evidence; the same rule matching twice is not.
    const agreeing = new Set(candidates.filter((o) => o !== c && ruleFamily(o) !== ruleFamily(c) && sameDay(o.parts, c.parts)).map(ruleFamily))
    score += agreeing.size * 2
    if (c.parts.hour !== undefined) score += 0.5
    if (c.parts.offset) score += 0.3
    if (score > bestScore) {
      best = c
      bestScore = score
    }
  }
  if (!best) return null
  const b = best
  // The same instant written in UTC and in the page's own zone: keep the page's (its calendar day is the one shown).
  if (b.parts.offset && /^(?:Z|[+-]00:00)$/.test(b.parts.offset)) {
    const local = candidates.find((o) => o.parts.offset && !/^(?:Z|[+-]00:00)$/.test(o.parts.offset) && Math.abs(toEpoch(o.parts) - toEpoch(b.parts)) <= 60_000)
    if (local) return { ...b, parts: local.parts, value: local.value }
  }
  // Same day, more precise: take the time and offset from a sibling source.
  const sameDayTimed = candidates.filter((o) => o !== b && sameDay(o.parts, b.parts) && o.parts.hour !== undefined && o.source !== 'url')
  const finer = b.parts.offset ? undefined : sameDayTimed.find((o) => o.parts.offset) ?? (b.parts.hour === undefined ? sameDayTimed[0] : undefined)
  return finer ? { ...b, parts: finer.parts, value: finer.value } : b
}

export type { DateCandidate, DateParts }
