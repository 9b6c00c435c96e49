import type { Candidate, FieldSource } from './types.js'
import type { PageContext } from './context.js'
import { metaValues } from './meta.js'
import { isArticle, textOf } from './jsonld.js'
import { cleanText, visibleTextOf } from './clean-text.js'
import { stripSiteAffix, titleKey } from './affix.js'
import { runRules } from './rules.js'
import { textContent } from './links.js'
import type { Element } from 'domhandler'
import type { Rule } from './rules.js'

type TitleCandidate = Candidate & { visible: boolean }

const TRUST: Record<FieldSource, number> = {
  'json-ld': 9, opengraph: 8, meta: 7, microformats: 8, platform: 8, heuristic: 7, 'title-tag': 4, feed: 6, 'crossref-claim': 2, url: 1,
}

const make = (raw: unknown, source: FieldSource, rule: string, visible = false): TitleCandidate | undefined => {
  const value = typeof raw === 'string' ? cleanText(raw, 500) : null
  return value && value.length >= 2 ? { value, source, rule, visible } : undefined
}

const jsonLdTitle: Rule = (_, ctx) => {
  const node = ctx.article ?? ctx.jsonLd.find(isArticle)
  if (!node) return undefined
  return make(textOf(node.headline), 'json-ld', 'headline') ?? (isArticle(node) ? make(textOf(node.name), 'json-ld', 'name') : undefined)
}

const metaTitle: Rule = (_, ctx) => {
  const out: TitleCandidate[] = []
  for (const { key, value } of metaValues(ctx.meta, 'og:title', 'twitter:title')) {
    const c = make(value, key === 'og:title' ? 'opengraph' : 'meta', `meta[${key}]`)
    if (c) out.push(c)
  }
  for (const { key, value } of metaValues(ctx.meta, 'headline', 'parsely-title', 'sailthru.title', 'dc.title', 'dcterms.title', 'citation_title', 'title')) {
    const c = make(value, 'meta', `meta[${key}]`)
    if (c) out.push(c)
  }
  return out
}

const VISIBLE_RULES: Array<[string, FieldSource]> = [
  ['[itemprop~="headline"]', 'meta'],
  ['.h-entry .p-name', 'microformats'],
  ['.hentry .entry-title', 'microformats'],
  ['.post-title', 'platform'], // Blogger
  ['.entry-title', 'platform'], // WordPress
  ['h3.entry-header, h2.entry-header, .entry-header h2, .entry-header h3', 'platform'], // TypePad
  ['.post-full-title, .gh-article-title, .article-title', 'platform'], // Ghost
  ['[data-testid="storyTitle"]', 'platform'], // Medium
  ['h1.post-title, .post-header h1', 'platform'], // Substack
  ['.blog-item-title, .BlogItem-title', 'platform'], // Squarespace
]

const visibleTitles: Rule = ($, ctx) => {
  const out: TitleCandidate[] = []
  for (const [selector, source] of VISIBLE_RULES) {
    const el = ctx.dom.select(selector).find((e) => e.name !== 'meta' && !ctx.regions.inComments(e) && !ctx.regions.inBoilerplate(e))
    if (!el) continue
    const c = make(visibleTextOf($(el)), source, selector, true)
    if (c && c.value.length <= 400) out.push(c)
  }
  return out
}

const headingTitle: Rule = ($, ctx) => {
  const h1s = ctx.dom.select('h1').filter((e) => !ctx.regions.inComments(e) && !ctx.regions.inBoilerplate(e))
  // With several h1s, the one nearest the post body is the headline.
  const main = ctx.main
  const chosen = main ? h1s.find((h) => isBefore(h, main) || main.startIndex === null) ?? h1s[0] : h1s[0]
  return chosen ? make(visibleTextOf($(chosen)), 'heuristic', 'h1', true) : undefined
}

function isBefore(a: { startIndex: number | null }, b: { startIndex: number | null }): boolean {
  return a.startIndex !== null && b.startIndex !== null && a.startIndex < b.startIndex
}

const titleTag: Rule = (_, ctx) => make(documentTitle(ctx), 'title-tag', 'title')

/** Text of the document's <title> (the one in <head>, not an SVG's). */
export function documentTitle(ctx: PageContext): string {
  const titles = ctx.dom.select('title')
  const el = titles.find((t) => t.parent && (t.parent as Element).name === 'head') ?? titles[0]
  if (!el) return ''
  // An unclosed <title> swallows the page as raw text: keep what precedes the first tag.
  const text = textContent(el)
  const tag = /<\s*\/?\s*[a-zA-Z!?][^>]*>/.exec(text)
  return tag ? text.slice(0, tag.index) : text
}

const RULES: Rule[] = [jsonLdTitle, metaTitle, visibleTitles, headingTitle, titleTag]

/**
 * The headline: candidates lose a site prefix/suffix ("Post | Site") first,
 * then the value most sources agree on wins, with visible headlines breaking ties.
 */
export function extractTitle(ctx: PageContext, siteNames: string[]): { value: string | null; source: FieldSource | null; candidates: Candidate[] } {
  const raw = runRules(RULES, ctx) as TitleCandidate[]
  const candidates = raw.map(({ value, source, rule }) => ({ value, source, ...(rule ? { rule } : {}) }))
  const host = safeHost(ctx.url)
  const headlines = raw.map((c) => c.value)
  const stripped = raw.map((c) => {
    const others = headlines.filter((h) => h !== c.value)
    const value = stripSiteAffix(c.value, siteNames, host, others)
    return value === c.value ? c : { ...c, value, stripped: true }
  })
  let best: TitleCandidate | null = null
  let bestScore = -Infinity
  for (const c of stripped) {
    const key = titleKey(c.value)
    if (!key) continue
    const agreeing = stripped.filter((o) => o !== c && o.source !== c.source && titleKey(o.value) === key)
    const agree = new Set(agreeing.map((o) => o.rule)).size
    // What the reader sees counts most: a visible headline, or agreement with one.
    const seen = c.visible || agreeing.some((o) => o.visible)
    let score = TRUST[c.source] + agree * 2 + (seen ? 3 : 0)
    // A title still carrying a separator that other sources leave out is probably "Post | Site".
    if ('stripped' in c) score -= 0.5
    // Cut short by a broken attribute or a length limit: another source goes on after it mid-sentence.
    if (stripped.some((o) => { const k = titleKey(o.value); return k.length > key.length + 2 && k.startsWith(key) && /^\s*[\p{L}\p{N}"'“‘«(]/u.test(k.slice(key.length)) })) score -= 4
    if (c.value.length > 250) score -= 3
    if (score > bestScore) {
      best = c
      bestScore = score
    }
  }
  return { value: best?.value ?? null, source: best?.source ?? null, candidates }
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}
