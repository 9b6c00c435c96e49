import type { Candidate, FieldSource } from './types.js'
import type { PageContext } from './context.js'
import { metaValue } from './meta.js'
import { namesOf, typesOf } from './jsonld.js'
import { cleanText, spacedText, visibleTextOf } from './clean-text.js'
import { splitAtSeparators, titleKey } from './affix.js'
import { normalizeName } from './names.js'
import { runRules } from './rules.js'
import { documentTitle } from './title.js'
import type { Rule } from './rules.js'

const TRUST: Record<FieldSource, number> = {
  'json-ld': 10, opengraph: 9.5, meta: 7, platform: 6, microformats: 6, 'title-tag': 5, heuristic: 3, feed: 4, 'crossref-claim': 2, url: 1,
}

// Hosting platforms name themselves as publisher on every blog they host.
const PLATFORMS = /^(?:blogger|blogspot|wordpress(?:\.com)?|tumblr|typepad|livejournal|squarespace|wix|weebly|ghost)$/i

const make = (raw: unknown, source: FieldSource, rule: string): Candidate | undefined => {
  const value = typeof raw === 'string' ? cleanText(raw, 200) : null
  return value && value.length >= 2 && !/^https?:\/\//i.test(value) && !PLATFORMS.test(value) ? { value, source, rule } : undefined
}

const openGraph: Rule = (_, ctx) => make(metaValue(ctx.meta, 'og:site_name', 'og:sitename')?.value, 'opengraph', 'og:site_name')

const jsonLd: Rule = (_, ctx) => {
  const out: Candidate[] = []
  if (ctx.article) {
    const publisher = namesOf(ctx.article.publisher ?? ctx.article.sourceOrganization, ctx.jsonLd)[0]
    const c = publisher && make(publisher.name, 'json-ld', 'publisher')
    if (c) out.push(c)
  }
  const site = ctx.jsonLd.find((n) => typesOf(n).includes('website') && typeof n.name === 'string')
  const c = site && make(site.name, 'json-ld', 'WebSite.name')
  // The WebSite node names the domain, the article's publisher names the publication: trust it a little less.
  if (c) out.push({ ...c, rule: 'WebSite.name (weak)' })
  return out
}

const meta: Rule = (_, ctx) => {
  const found = metaValue(ctx.meta, 'application-name', 'apple-mobile-web-app-title', 'publisher', 'dc.publisher', 'dcterms.publisher', 'twitter:app:name:iphone', 'al:ios:app_name', 'al:android:app_name', 'cxenseparse:site', 'citation_journal_title')
  return found ? make(found.value, 'meta', `meta[${found.key}]`) : undefined
}

const PLATFORM = [
  '#header h1 a', '#header h1', '.header h1.title', 'h1.title', // Blogger
  '.site-title a', '.site-title', '#site-title', '.site-branding .site-name', // WordPress
  '#banner-header a', '#banner-header', // TypePad
  '.gh-head-logo', '.site-nav-logo', // Ghost
  '.navbar-title-link', '.navbar-title', // Substack
  '.site-name', '#blog-title', '.blog-title', '.logo-text', '#logo', '.logo', '.site-logo',
]

const platform: Rule = ($, ctx) => {
  for (const selector of PLATFORM) {
    const el = $(ctx.dom.select(selector)).first()
    if (!el.length) continue
    const text = visibleTextOf(el).trim() || el.find('img[alt]').attr('alt') || ''
    const c = make(text, 'platform', selector)
    if (c && c.value.length <= 80) return c
  }
  return undefined
}

/** The part of <title> that is not the headline: "Post | Site" → "Site". */
const titleAffix: Rule = (_, ctx) => {
  const title = documentTitle(ctx)
  const headlines = headlineHints(ctx).map(titleKey).filter(Boolean)
  const cuts = splitAtSeparators(cleanText(title, 500) ?? '')
  for (const [left, right] of cuts) {
    const l = headlines.includes(titleKey(left))
    const r = headlines.includes(titleKey(right))
    if (l && !r) return make(right, 'title-tag', 'title suffix')
    if (r && !l) return make(left, 'title-tag', 'title prefix')
  }
  const last = cuts[cuts.length - 1]
  // Without a headline to compare with, a short last segment is the usual site suffix.
  if (last && last[1].length <= 40 && last[1].length < last[0].length) return make(last[1], 'title-tag', 'title suffix (guess)')
  return undefined
}

/** Headlines the page shows or declares, for telling the headline part of <title> from the site part. */
export function headlineHints(ctx: PageContext): string[] {
  const $ = ctx.$
  const out: string[] = []
  for (const key of ['og:title', 'twitter:title']) out.push(...(ctx.meta.get(key) ?? []))
  if (ctx.article && typeof ctx.article.headline === 'string') out.push(ctx.article.headline)
  for (const el of ctx.dom.select('[itemprop~="headline"], .entry-title, .post-title, h1').slice(0, 8)) {
    if (!ctx.regions.inBoilerplate(el)) out.push($(el).attr('content') ?? visibleTextOf($(el)))
  }
  return out
}

const RULES: Rule[] = [openGraph, jsonLd, meta, platform, titleAffix]

const APP_STORE = /app:name|app_name|web-app-title/

// "© 2023 Example Club. All rights reserved", "Copyright (c) 2001-2024 Example Times Ltd".
const COPYRIGHT = /(?:©|\(c\)|\b[Cc]opyright\b)(?:\s*(?:©|\(c\)))?\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*,?\s*)?(?:by\s+)?(\p{Lu}[^|©\n]{1,58}?)\s*(?:\.(?:\s|$)|[|,]|\b[Aa]ll [Rr]ights\b|\b[Tt]ous droits\b|\b[Aa]lle Rechte\b|$)/u
const LEGAL_SUFFIX = /,?\s+(?:inc|llc|ltd|limited|gmbh|ag|plc|corp|corporation|s\.?a|co|e\.\s?v)\.?$/i

/** Last resort: the holder named in the footer's copyright line. */
export function copyrightHolder(ctx: PageContext): Candidate | undefined {
  const footers = ctx.dom.select('footer, #footer, .footer, [role="contentinfo"]')
  for (let i = footers.length - 1; i >= 0 && i >= footers.length - 3; i--) {
    const text = spacedText(footers[i]!).replace(/\s+/g, ' ')
    const m = COPYRIGHT.exec(text.length > 5000 ? text.slice(-5000) : text)
    const name = m?.[1]?.trim().replace(LEGAL_SUFFIX, '')
    if (name && name.split(' ').length <= 6) return make(name, 'heuristic', 'copyright')
  }
  return undefined
}

/** The site or publication name, by trust plus agreement between sources. */
export function extractSiteName(ctx: PageContext): { value: string | null; source: FieldSource | null; candidates: Candidate[] } {
  // A "site name" that is the headline itself (a theme putting the post title in .blog-title) is wrong.
  const headlines = new Set(headlineHints(ctx).map(titleKey).filter(Boolean))
  const candidates = runRules(RULES, ctx).filter((c) => c.source === 'opengraph' || c.source === 'json-ld' || !headlines.has(titleKey(c.value)))
  if (!candidates.some((c) => c.source !== 'title-tag')) {
    const holder = copyrightHolder(ctx)
    if (holder && !headlines.has(titleKey(holder.value))) candidates.push(holder)
  }
  let best: Candidate | null = null
  let bestScore = -Infinity
  for (const c of candidates) {
    const key = normalizeName(c.value)
    // App-store names repeat the platform ("Medium") on every publication it hosts: no evidence.
    // (application-name is the site's own name for itself, so it counts.)
    const agree = new Set(candidates.filter((o) => o !== c && o.source !== c.source && !APP_STORE.test(o.rule ?? '') && normalizeName(o.value) === key).map((o) => o.source)).size
    const score = TRUST[c.source] + agree * 2 - (c.rule?.includes('guess') ? 2 : 0) - (c.rule?.includes('weak') ? 1 : 0)
    if (score > bestScore) {
      best = c
      bestScore = score
    }
  }
  return { value: best?.value ?? null, source: best?.source ?? null, candidates }
}
