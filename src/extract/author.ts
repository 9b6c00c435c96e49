import type { AnyNode } from 'domhandler'
import type { Candidate, FieldSource } from './types.js'
import type { PageContext } from './context.js'
import { metaValues } from './meta.js'
import { isArticle, namesOf } from './jsonld.js'
import { isGenericName, namesOverlap, splitAuthors } from './names.js'
import { runRules } from './rules.js'
import type { Rule } from './rules.js'

/** An author candidate: the names it gives and whether it is a byline a reader can see. */
type AuthorCandidate = Candidate & { names: string[]; visible: boolean; generic: boolean; organization?: boolean }

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
    const $el = $(el)
    const named = $el.find('[itemprop~="name"]').first()
    const text = named.length ? named.attr('content') ?? named.text() : $el.attr('content') ?? $el.text()
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
      const $el = $(el)
      const name = $el.find('.p-name, .fn').first()
      names.push(name.length ? name.text() : $el.text())
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
    names.push($(el).text())
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
      const text = $(el).text()
      if (text.length < 200) names.push(text)
    })
    const c = make(dedupe(names).join(', '), 'platform', selector, ctx, true)
    if (c) return c
  }
  return undefined
}

// TypePad and friends: "Posted by X on April 1, 2009 at 10:32 AM" as plain text.
const postedByText: Rule = ($, ctx) => {
  let found: AuthorCandidate | undefined
  $(ctx.dom.select('.entry-footer, .post-footer, .postmetadata, .entry-meta, .post-meta, .posted, .post-info, .byline, .article-byline, .author, .authors, .writer, .credit, [class*="byline"], [class*="author"]')).each((_, el) => {
    if (found || !allowed(ctx, el)) return
    const text = $(el).text().replace(/\s+/g, ' ').trim()
    if (!text || text.length > 200) return
    const m = /\b(?:posted|written|published|created|verfasst|geschrieben|publié|publicado)\s+(?:by|von|par|por)\s+(.+)$/i.exec(text) ?? /^(?:by|von|par|por)\s+(.+)$/i.exec(text)
    const raw = m ? m[1]! : /byline|author|writer/i.test(el.attribs.class ?? '') ? text : ''
    found = make(raw, 'heuristic', m ? 'posted-by text' : 'byline class', ctx, true)
  })
  return found
}

const RULES: Rule[] = [jsonLdAuthor, metaAuthor, microdataAuthor, microformatAuthor, relAuthor, platformAuthor, postedByText]

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
  const real = all.filter((c) => !c.generic && !c.names.every(isGenericName))
  const pool = real.length ? real : all
  const visible = pool.filter((c) => c.visible)
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
