import type { Candidate, ExtractedPage, ExtractOptions, FieldSource } from './types.js'
import { RoundupError } from '../errors.js'
import { normalizeUrl, parseHttpUrl } from '../url/normalize.js'
import { loadHtml } from './load-html.js'
import { createContext } from './context.js'
import type { PageContext } from './context.js'
import { isStackOverflow } from './rules.js'
import { extractSiteName } from './site-name.js'
import { extractTitle } from './title.js'
import { extractAuthors } from './author.js'
import { extractDates } from './date.js'
import { extractExcerpt } from './excerpt.js'
import { extractBodyText } from './body-text.js'
import { extractFeeds } from './feeds.js'
import { findCrossRefSections, toPublic } from './crossrefs.js'
import type { DetectedSection } from './crossrefs.js'
import { extractLinks } from './links.js'
import { metaValue } from './meta.js'
import { textOf } from './jsonld.js'

export const DEFAULT_MAX_TEXT_LENGTH = 20_000

/**
 * Extract metadata, links and cross-reference sections from one page.
 * Pure: no network, no clock unless `fetchedAt` is omitted.
 *
 * Each field is computed on its own; a field whose rules fail is null (or
 * empty). Pathologically deep markup is flattened before parsing; if the
 * parser or a rule still overflows the stack, extraction falls back to the
 * document head only (meta tags, JSON-LD, title). Only when even that fails
 * does it throw `RoundupError('EXTRACT_FAILED')`.
 */
export function extractPage(html: string, url: string, options: ExtractOptions = {}): ExtractedPage {
  const pageUrl = parseHttpUrl(url)
  if (!pageUrl) throw new RoundupError('EXTRACT_FAILED', `cannot extract ${String(url)}: not an absolute http(s) URL`, { url: String(url) })
  const input = typeof html === 'string' ? html : ''
  try {
    return extractFrom(input, pageUrl.href, options)
  } catch (error) {
    if (!isStackOverflow(error)) throw wrap(error, url)
    try {
      return extractFrom(headOnly(input), pageUrl.href, options)
    } catch (again) {
      throw wrap(again, url)
    }
  }
}

function wrap(error: unknown, url: string): RoundupError {
  if (error instanceof RoundupError) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new RoundupError('EXTRACT_FAILED', `cannot extract ${url}: ${reason}`, { url }, { cause: error })
}

/** The document up to `<body`, closed: enough for meta tags, JSON-LD and the title. */
function headOnly(html: string): string {
  const at = html.search(/<body[\s>]/i)
  return (at === -1 ? html.slice(0, 200_000) : html.slice(0, at)) + '</head><body></body></html>'
}

function field<T>(run: () => T, fallback: T): T {
  try {
    return run()
  } catch (error) {
    if (isStackOverflow(error)) throw error
    return fallback
  }
}

function extractFrom(html: string, url: string, options: ExtractOptions): ExtractedPage {
  const $ = loadHtml(html)
  const ctx = createContext($, url, options.fetchedAt ?? new Date())
  const maxText = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH
  const sources: ExtractedPage['sources'] = {}
  const candidates: ExtractedPage['candidates'] = {}
  const record = (name: keyof ExtractedPage['candidates'], list: Candidate[], source: FieldSource | null) => {
    if (list.length) candidates[name] = list
    if (source) sources[name] = source
  }

  const site = field(() => extractSiteName(ctx), { value: null, source: null, candidates: [] })
  record('siteName', site.candidates, site.source)
  // Guessed site names (a bare title suffix) would strip real words off headlines.
  const siteNames = [...new Set([site.value, ...site.candidates.filter((c) => !c.rule?.includes('guess')).map((c) => c.value)].filter((s): s is string => !!s))]

  const title = field(() => extractTitle(ctx, siteNames), { value: null, source: null, candidates: [] })
  record('title', title.candidates, title.source)

  const authors = field(() => extractAuthors(ctx), { authors: [], source: null, candidates: [] })
  record('author', authors.candidates, authors.source)

  const dates = field(() => extractDates(ctx), { published: null, updated: null, candidates: [] })
  record('published', dates.candidates, dates.published?.source ?? null)
  if (dates.updated) sources.updated = dates.updated.source

  const text = field(() => extractBodyText(ctx, maxText), '')
  const excerpt = field(() => extractExcerpt(ctx, title.value, site.value, text), { value: null, source: null, candidates: [] })
  record('excerpt', excerpt.candidates, excerpt.source)

  const sections = field<DetectedSection[]>(() => findCrossRefSections(ctx), [])
  return {
    url,
    canonicalUrl: field(() => canonicalOf(ctx), null),
    title: title.value,
    authors: authors.authors,
    published: dates.published?.value ?? null,
    updated: dates.updated?.value ?? null,
    excerpt: excerpt.value,
    siteName: site.value,
    lang: field(() => langOf(ctx), null),
    feeds: field(() => extractFeeds($, ctx.dom, ctx.baseUrl), []),
    links: field(() => extractLinks(ctx, sections), []),
    crossRefs: sections.map(toPublic),
    text,
    sources,
    candidates,
  }
}

function canonicalOf(ctx: PageContext): string | null {
  const link = ctx.dom.select('link').find((el) => el.attribs.href && /(?:^|\s)canonical(?:\s|$)/i.test(el.attribs.rel ?? ''))
  const href = link?.attribs.href ?? metaValue(ctx.meta, 'og:url')?.value
  return href ? normalizeUrl(href, ctx.baseUrl) : null
}

function langOf(ctx: PageContext): string | null {
  const raw =
    ctx.$(ctx.dom.select('html')).first().attr('lang') ??
    ctx.$(ctx.dom.select('html')).first().attr('xml:lang') ??
    metaValue(ctx.meta, 'content-language', 'og:locale', 'language', 'dc.language')?.value ??
    (ctx.article ? textOf(ctx.article.inLanguage) : '')
  const m = /^\s*([a-z]{2,3})(?:[-_]([a-z0-9]{2,8}))?/i.exec(raw ?? '')
  if (!m) return null
  return m[2] ? `${m[1]!.toLowerCase()}-${m[2].length === 2 ? m[2].toUpperCase() : m[2]}` : m[1]!.toLowerCase()
}
