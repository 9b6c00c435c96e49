import type { AnyNode, Element } from 'domhandler'
import { spacedText, visibleTextOf } from './clean-text.js'
import { firstParagraphOf } from './body-text.js'
import { collectLines } from './lines.js'
import { firstDescendant, hasToken, isInside } from './regions.js'
import { textContent } from './links.js'
import type { Candidate, FieldSource } from './types.js'
import type { PageContext } from './context.js'
import { metaValues } from './meta.js'
import { isArticle, namesOf } from './jsonld.js'
import { isGenericName, looksLikePerson, namesOverlap, splitAuthors } from './names.js'
import { runRules } from './rules.js'
import type { Rule } from './rules.js'

/** An author candidate: the names it gives and whether it is a byline a reader can see. */
type AuthorCandidate = Candidate & { names: string[]; visible: boolean; generic: boolean; organization?: boolean; fallback?: boolean; early?: boolean }

const TRUST: Record<FieldSource, number> = {
  'json-ld': 10, opengraph: 8, meta: 8, microformats: 8, platform: 8, feed: 6, 'crossref-claim': 2, heuristic: 5, 'title-tag': 1, url: 1,
}

function make(raw: string | undefined, source: FieldSource, rule: string, ctx: PageContext, visible: boolean, organization = false): AuthorCandidate | undefined {
  if (!raw || raw.length > 1000) return undefined
  const siteName = ctx.meta.get('og:site_name')?.[0] ?? null
  const { names, generic } = splitAuthors(raw, siteName)
  if (!names.length) return undefined
  return { value: names.join(', '), source, rule, names, visible, generic, organization }
}

function allowed(ctx: PageContext, el: AnyNode): boolean {
  return !ctx.regions.inComments(el) && !ctx.regions.inBoilerplate(el)
}

/** A byline guessed from class names must sit in the post, not in a teaser for another article. */
function inPost(ctx: PageContext, el: AnyNode): boolean {
  if (!allowed(ctx, el)) return false
  if (!ctx.post || isInside(el, ctx.post)) return true
  // Between the headline and the post body (themes that put the byline in a page header).
  const h1 = ctx.dom.select('h1').find((h) => !ctx.regions.inBoilerplate(h))
  const at = ctx.dom.order(el as Element)
  return !!h1 && ctx.dom.order(h1) < at && at < ctx.dom.order(ctx.post)
}

/** Before the body text starts: where a reader looks for the byline. */
function early(ctx: PageContext, el: Element): boolean {
  const main = ctx.main
  if (!main) return true
  const at = ctx.dom.order(el)
  if (at < ctx.dom.order(main)) return true
  // Inside the body container but above its first paragraph.
  const firstParagraph = firstParagraphOf(ctx)
  return isInside(el, main) && (!firstParagraph || at < ctx.dom.order(firstParagraph))
}

const jsonLdAuthor: Rule = (_, ctx) => {
  const nodes = ctx.article ? [ctx.article] : ctx.jsonLd.filter(isArticle).slice(0, 1)
  const out: AuthorCandidate[] = []
  for (const node of nodes) {
    const found = namesOf(node.author ?? node.creator, ctx.jsonLd)
    const people = found.filter((f) => !f.type.includes('organization') && !f.type.includes('newsmediaorganization'))
    const chosen = people.length ? people : found
    const candidate = make(chosen.map((f) => f.name).join(', '), 'json-ld', 'author', ctx, false, !people.length)
    if (candidate) out.push(candidate)
  }
  return out
}

const metaAuthor: Rule = (_, ctx) => {
  const out: AuthorCandidate[] = []
  for (const { key, value } of metaValues(ctx.meta, 'article:author', 'og:article:author', 'book:author')) {
    if (/^https?:|^www\./i.test(value)) continue
    const c = make(value, 'opengraph', `meta[${key}]`, ctx, false)
    if (c) out.push(c)
  }
  const keys = ['author', 'byl', 'dc.creator', 'dcterms.creator', 'dc.creator.author', 'parsely-author', 'sailthru.author', 'citation_author', 'authors', 'article.author', 'author_name', 'cxenseparse:author', 'twitter:data1:author']
  const seen = new Set<string>()
  for (const { key, value } of metaValues(ctx.meta, ...keys)) {
    const c = make(value, 'meta', `meta[${key}]`, ctx, false)
    if (c && !seen.has(c.value)) {
      seen.add(c.value)
      out.push(c)
    }
  }
  // Several <meta name="author"> or citation_author tags are several authors of one page.
  const merged = out.filter((c) => c.source === 'meta' && /citation_author|meta\[author\]/.test(c.rule ?? ''))
  if (merged.length > 1) {
    const names = merged.flatMap((c) => c.names)
    return [...out.filter((c) => !merged.includes(c)), { ...merged[0]!, names, value: names.join(', ') }]
  }
  return out
}

const microdataAuthor: Rule = ($, ctx) => {
  const names: string[] = []
  $(ctx.dom.select('[itemprop~="author"], [itemprop~="creator"]')).each((_, el) => {
    if (names.length >= 6 || !allowed(ctx, el)) return
    if (el.name === 'meta' || el.name === 'link') return
    const named = firstDescendant(el, (d) => hasToken(d, 'itemprop', 'name'))
    const text = named ? named.attribs.content ?? visibleTextOf($(named)) : el.attribs.content ?? visibleTextOf($(el))
    if (text && text.length < 200) names.push(text)
  })
  return make(names.join(', '), 'meta', '[itemprop=author]', ctx, true)
}

const microformatAuthor: Rule = ($, ctx) => {
  const out: AuthorCandidate[] = []
  for (const selector of ['.h-entry .p-author', '.hentry .author .fn', '.hentry .vcard .fn', '.hentry .author', '.vcard.author .fn', '.author.vcard', '.p-author']) {
    const names: string[] = []
    $(ctx.dom.select(selector)).each((_, el) => {
      if (names.length >= 6 || !allowed(ctx, el)) return
      const name = firstDescendant(el, (d) => hasToken(d, 'class', 'p-name') || hasToken(d, 'class', 'fn'))
      names.push(spacedText(name ?? el))
    })
    const c = make(dedupe(names).join(', '), 'microformats', selector, ctx, true)
    if (c) {
      out.push(c)
      break
    }
  }
  return out
}

const relAuthor: Rule = ($, ctx) => {
  const names: string[] = []
  $(ctx.dom.select('a[rel~="author"]')).each((_, el) => {
    if (names.length >= 6 || !allowed(ctx, el)) return
    names.push(visibleTextOf($(el)))
  })
  return make(dedupe(names).join(', '), 'microformats', 'a[rel=author]', ctx, true)
}

const PLATFORM_SELECTORS = [
  '.post-author .fn', '.post-author', // Blogger
  '.byline .author', '.entry-meta .author', '.author.vcard a', '.posted-by', // WordPress
  '.post-full-byline .author-name', '.author-name', '.byline-meta-content .author', // Ghost
  '[data-testid="authorName"]', // Medium
  '.byline-names', '.post-meta .author', '.profile-hover-card-target', // Substack
  '.blog-author-name', '.entry-author-name', // Squarespace
]

const platformAuthor: Rule = ($, ctx) => {
  for (const selector of PLATFORM_SELECTORS) {
    const names: string[] = []
    $(ctx.dom.select(selector)).each((_, el) => {
      if (names.length >= 6 || !allowed(ctx, el)) return
      const text = spacedText(el)
      if (text.length < 200) names.push(text)
    })
    const c = make(dedupe(names).join(', '), 'platform', selector, ctx, true)
    if (c) return c
  }
  return undefined
}

// TypePad and friends: "Posted by X on April 1, 2009 at 10:32 AM" as plain text; else a byline-classed element.
const postedByText: Rule = (_, ctx) => {
  let found: AuthorCandidate | undefined
  for (const el of ctx.dom.select('.entry-footer, .post-footer, .postmetadata, .entry-meta, .post-meta, .posted, .post-info, .byline, .article-byline, .author, .authors, .writer, .credit, [class*="byline"], [class*="author"]')) {
    if (found) break
    if (!inPost(ctx, el)) continue
    const text = spacedText(el).replace(/\s+/g, ' ').trim()
    if (!text || text.length > 200) continue
    const m = /\b(?:posted|written|published|created|verfasst|geschrieben|publié|publicado)\s+(?:by|von|par|por)\s+(.+)$/i.exec(text) ?? /^(?:by|von|par|por)\s+(.+)$/i.exec(text)
    // Of a byline block, the first chunk is the name; later ones are dates, share buttons, job titles.
    const raw = m ? m[1]! : /byline|author|writer/i.test(el.attribs.class ?? '') ? firstChunk(el) : ''
    found = make(raw, 'heuristic', m ? 'posted-by text' : 'byline class', ctx, true)
    if (found) found.early = early(ctx, el)
  }
  return found
}

function firstChunk(el: Element): string {
  const line = collectLines(el).find((l) => /\p{L}/u.test(l.text))?.text ?? ''
  // Inline pieces run together ("Jono Galuszka14:40"): re-read the line with spaces and stop at a clock time.
  const spaced = spacedText(el).replace(/\s+/g, ' ').trim()
  const head = spaced.startsWith(line.slice(0, 8)) ? spaced : line
  return head.replace(/\s*\b\d{1,2}[:.]\d{2}\b.*$/, '')
}

// Last resort: an analytics data layer in an inline script ({"authors":["A","B"]}), used only when the page shows nothing.
const scriptData: Rule = (_, ctx) => {
  for (const el of ctx.dom.select('script')) {
    const type = el.attribs.type ?? ''
    if (type && !/javascript|json/i.test(type)) continue
    const text = textContent(el)
    if (text.length > 300_000) continue
    const m = /"(?:contentAuthors|authors|author|authorName|author_name|article_author|byline)"\s*:\s*(\[\s*"[^"\]]{2,80}"(?:\s*,\s*"[^"\]]{2,80}")*\s*\]|"[^"]{2,80}")/.exec(text)
    if (!m) continue
    let raw: unknown
    try {
      raw = JSON.parse(m[1]!)
    } catch {
      continue
    }
    const value = Array.isArray(raw) ? raw.join(', ') : String(raw)
    const c = make(value, 'heuristic', 'script data', ctx, false)
    if (c) return { ...c, fallback: true }
  }
  return undefined
}

const RULES: Rule[] = [jsonLdAuthor, metaAuthor, microdataAuthor, microformatAuthor, relAuthor, platformAuthor, postedByText, scriptData]

function dedupe(list: string[]): string[] {
  return [...new Set(list.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean))]
}

/**
 * Authors, chosen by evidence: structured data wins unless it contradicts a
 * byline a reader can see; generic names ("admin") only when nothing else exists.
 */
export function extractAuthors(ctx: PageContext): { authors: string[]; source: FieldSource | null; candidates: Candidate[] } {
  const all = runRules(RULES, ctx) as AuthorCandidate[]
  const candidates = all.map(({ value, source, rule }) => ({ value, source, ...(rule ? { rule } : {}) }))
  const firm = all.filter((c) => !c.fallback)
  const usable = firm.length ? firm : all
  const real = usable.filter((c) => !c.generic && !c.names.every(isGenericName))
  const pool = real.length ? real : usable
  // Bylines from markup made for them, or a guessed one above the body text, can overrule structured data.
  // A guessed byline that reads like an outlet ("Pella News") is too weak to overrule a named person.
  const visible = pool.filter((c) => c.visible && (c.source !== 'heuristic' || (c.early && c.names.some(looksLikePerson))))
  let best: AuthorCandidate | null = null
  let bestScore = -Infinity
  for (const c of pool) {
    let score = TRUST[c.source]
    const agree = new Set(pool.filter((o) => o !== c && o.source !== c.source && namesOverlap(o.names, c.names)).map((o) => o.source)).size
    score += agree * 2
    // A structured claim nobody can see, contradicted by the visible byline, loses.
    if (!c.visible && visible.length && !visible.some((v) => namesOverlap(v.names, c.names))) score -= 6
    if (c.organization) score -= 3
    if (score > bestScore) {
      best = c
      bestScore = score
    }
  }
  if (!best) return { authors: [], source: null, candidates }
  return { authors: best.names, source: best.source, candidates }
}
