import type { Candidate, FieldSource } from './types.js'
import { createMemo } from './memo.js'
import type { PageContext } from './context.js'
import { metaValues } from './meta.js'
import { textOf } from './jsonld.js'
import { cleanText, collapseSpace, spacedText, truncateText } from './clean-text.js'
import { parseDate } from './parse-date.js'
import { toParagraphs } from './lines.js'
import type { Line } from './lines.js'
import type { AnyNode, Element } from 'domhandler'
import { firstParagraphOf, mainLines } from './body-text.js'
import { titleKey } from './affix.js'
import { isElement, isInside, tokensOf } from './regions.js'
import { textContent } from './links.js'

export const EXCERPT_MAX = 300

const IMAGE_CREDIT = /^\(?\s*(?:image|photo|picture|foto|bild|grafik|credit|source|quelle|illustration)s?\b.{0,80}\b(?:by|via|von|credit|:)|\bvia (?:flickr|getty|shutterstock|wikimedia|unsplash|pixabay)\b|^\(?(?:getty images|ap photo|reuters|afp|dpa|epa)\b|©|\(c\)\s*\d{4}/i
const BYLINE = /^(?:by|von|par|por|door|posted by|written by)\s+\p{Lu}/iu
const NOISE = /^(?:reblog this post|share this|share on|click here|advertisement|anzeige|werbung|publicité|publicidad|read more|weiterlesen|lire la suite|continue reading|related|tags?:|labels?:|filed under|posted in|categories:|sign up|subscribe|follow us|listen to|watch:|updated:?|loading|please enable javascript|this site uses cookies|we use cookies)/i
const COOKIE = /\bcookies?\b/i
const CONSENT = /\b(?:accept|consent|privacy|einverstanden|akzeptieren|zustimmen|datenschutz|accepter|aceptar)\b/i
const GENERIC_DESCRIPTION = /^(?:welcome to (?:the |our )?(?:official )?(?:site|website|web site|blog|home ?page|online)|welcome to [^.,]{0,60}[,.]? (?:the|your|our) (?:best|number one|#1|leading|premier|favou?rite) |the official (?:site|website|blog)|read (?:the )?latest|latest news|breaking news|find (?:the )?latest|get the latest|news, (?:sport|analysis)|online edition|home of|your source for|the best source)/i

/** A paragraph a reader would call the start of the post, not a caption, byline, date or banner. */
export function isMeaningful(text: string, linkChars: number): boolean {
  if (text.length < 40) return false
  if (linkChars > text.length * 0.3) return false
  if (IMAGE_CREDIT.test(text) || NOISE.test(text)) return false
  if (BYLINE.test(text) && text.length < 120) return false
  if (text.length < 60 && parseDate(text)) return false
  if (COOKIE.test(text) && CONSENT.test(text)) return false
  // A label, not a sentence: no sentence punctuation and few words.
  if (!/[.!?;:,…。！？]/.test(text) && text.split(/\s+/).length < 8) return false
  return true
}

/** The first meaningful paragraph(s) of the post body. */
export function leadParagraph(lines: Line[]): string | null {
  const chosen: string[] = []
  for (const paragraph of toParagraphs(lines)) {
    if (paragraph.every((l) => l.heading)) continue
    const text = collapseSpace(paragraph.map((l) => l.text).join(' '))
    const linkChars = paragraph.reduce((n, l) => n + l.linkChars, 0)
    if (!isMeaningful(text, linkChars)) {
      if (chosen.length) break
      continue
    }
    chosen.push(text)
    // A very short lead is usually a teaser line: take the next paragraph too.
    if (chosen.join(' ').length >= 120) break
  }
  return chosen.length ? chosen.join(' ') : null
}

const LEADING_URLS = /^(?:https?:\/\/\S+\s+)+/

// "… schweren Vorwürfen? Von Christin Jordan." — a byline the CMS appended to the summary.
const TRAILING_BYLINE = /([.!?…"“”»])\s+(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Dd]i|[Aa]v|[Aa]f)\s+\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|di|le|la)){0,4}\.?$/u

/** The text without a closing "By Jane Roe." sentence. */
export function withoutTrailingByline(text: string | null): string | null {
  if (!text) return text
  const m = TRAILING_BYLINE.exec(text)
  return m && m.index > 30 ? text.slice(0, m.index + m[1]!.length) : text
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []

/**
 * Boilerplate descriptions are the same on every page of a site: generic
 * phrases, the site name, or words that appear nowhere in the title or body.
 */
export function isBoilerplateDescription(description: string, title: string | null, siteName: string | null, body: string, tagline = ''): boolean {
  if (description.length < 12 || !/\S\s+\S/.test(description)) return true
  if (GENERIC_DESCRIPTION.test(description)) return true
  if (siteName && titleKey(description) === titleKey(siteName)) return true
  // The site's tagline, shown in its header on every page.
  if (tagline && titleKey(tagline).length > 15 && titleKey(description).includes(titleKey(tagline))) return true
  // "Example Times: independent news since 1998. Subscribe today…" — about the site, not the story.
  if (siteName && description.toLowerCase().includes(siteName.toLowerCase()) && PROMO.test(description)) {
    const known = new Set([...words(title ?? ''), ...words(body.slice(0, 5000))])
    const own = words(description)
    if (own.filter((w) => known.has(w)).length / Math.max(1, own.length) < 0.5) return true
  }
  return false
}

const PROMO = /\b(?:subscribe|subscription|newsletter|official|welcome|latest news|breaking news|home of|since (?:19|20)\d{2}|unlimited access|sign up|all rights reserved|abonnieren|abonnez|suscríbete)\b/i

/** Meta description when it is about this post, else the lead paragraph. */
export function extractExcerpt(ctx: PageContext, title: string | null, siteName: string | null, body: string): {
  value: string | null
  source: FieldSource | null
  candidates: Candidate[]
} {
  const candidates: Candidate[] = []
  const add = (raw: unknown, source: FieldSource, rule: string) => {
    // An embed URL pasted at the top of a post leaks into CMS-made descriptions.
    const value = typeof raw === 'string' ? withoutTrailingByline(cleanText(raw, 5000)?.replace(LEADING_URLS, '') || null) : null
    if (value) candidates.push({ value, source, rule })
  }
  try {
    if (ctx.article) add(textOf(ctx.article.description), 'json-ld', 'description')
    for (const { key, value } of metaValues(ctx.meta, 'og:description', 'description', 'twitter:description', 'dc.description', 'dcterms.abstract', 'sailthru.description', 'parsely-description')) {
      add(value, key.startsWith('og:') ? 'opengraph' : 'meta', `meta[${key}]`)
    }
  } catch {
    // fall through to the lead paragraph
  }
  const standfirst = findStandfirst(ctx, title)
  if (standfirst) add(standfirst, 'platform', 'standfirst')
  // Page text can spell out tags ("&lt;b&gt;"): it goes through the same cleaning as metadata.
  add(leadParagraph(mainLines(ctx)), 'heuristic', 'lead paragraph')

  const described = chooseDescription(candidates.filter((c) => c.source !== 'heuristic' && c.rule !== 'standfirst'), title, siteName, body, tagline(ctx), ctx)
  // A standfirst the page shows under the headline is the summary its editors wrote for this story.
  const shown = candidates.find((c) => c.rule === 'standfirst')
  const best = shown ?? described ?? candidates.find((c) => c.source === 'heuristic') ?? null
  const capped = candidates.map((c) => ({ ...c, value: truncateText(c.value, EXCERPT_MAX) }))
  return { value: best ? truncateText(best.value, EXCERPT_MAX) : null, source: best?.source ?? null, candidates: capped }
}

const STANDFIRST_TOKEN = /^(?:.*[-_])?(?:standfirst|dek|deck|lede|lead|leadin|lead-?text|intro|introduction|summary|subtitle|sub-?title|subhead|subheadline|sub-?tit(?:-[a-z]+)?|epigraph|abstract|strapline|subline|excerpt|article-?summary|post-?excerpt)(?:[-_].*)?$/

/**
 * The standfirst under the headline: `.standfirst`, `.dek`, `h2.subtitle`, `p.post__excerpt`…
 * inside the post, or between the headline and the body when the post container starts below it.
 */
function findStandfirst(ctx: PageContext, title: string | null): string | null {
  const region = ctx.post ?? ctx.main
  if (!region) return null
  const mainStart = ctx.main ? ctx.dom.order(ctx.main) : Infinity
  // Document position of the body's first real paragraph: a subtitle heading must come before it.
  const firstParagraph = () => {
    const p = firstParagraphOf(ctx)
    return p ? ctx.dom.order(p) : Infinity
  }
  const headline = ctx.main ? findHeadline(ctx, title) : null
  const headlineAt = headline ? ctx.dom.order(headline) : Infinity
  const regionStart = ctx.dom.order(region)
  const regionEnd = orderAfter(ctx, region)
  // Only the stretch from the headline (or the post) to the end of the post can hold its standfirst.
  const from = Math.min(regionStart, headlineAt)
  const to = Math.max(regionEnd, mainStart === Infinity ? regionEnd : mainStart)
  const marked: Element[] = []
  const mark = (el: Element) => {
    const at = ctx.dom.order(el)
    if (at < from || at > to || !/^(?:p|h2|h3|h4|div|span|section|header|strong|em)$/.test(el.name)) return
    const tokens = roleTokens(el)
    if (tokens.some(isStandfirstToken) && !tokens.some((t) => MEDIA_TOKEN.test(t))) marked.push(el)
  }
  for (const el of ctx.dom.select('[class]')) mark(el)
  for (const el of ctx.dom.select('[data-testid]')) if (el.attribs.class === undefined) mark(el)
  if (marked.length > 1) marked.sort((a, b) => ctx.dom.order(a) - ctx.dom.order(b))
  for (const [i, el] of marked.entries()) {
    // The innermost marked element is the standfirst; its marked wrapper also holds bylines and buttons.
    const next = marked[i + 1]
    if (next && isInside(next, el)) continue
    const at = ctx.dom.order(el)
    const inRegion = at >= regionStart && at <= regionEnd && isInside(el, region)
    // Under the headline: inside the post, and before the body text or a heading at its very start
    // (an "intro" paragraph inside the body is just the first paragraph).
    const inBody = !!ctx.main && isInside(el, ctx.main)
    const underHeadline = inRegion && (at < mainStart || (inBody && /^h[2-4]$/.test(el.name) && at < firstParagraph()))
    // Some layouts put the headline and standfirst above the post container: take what lies between the two.
    const aboveBody = !inRegion && at > headlineAt && at < mainStart && !inBody
    if (!underHeadline && !aboveBody) continue
    // A header block that holds the headline too is not the standfirst.
    if (headline && isInside(headline, el)) continue
    if (ctx.regions.inBoilerplate(el) || ctx.regions.inComments(el)) continue
    const run = siblingRun(el)
    // The same styled element again further down the post is a section heading, not a standfirst.
    if (marked.some((o) => o !== el && !run.includes(o) && sameStyle(o, el) && isInside(o, region))) continue
    const text = cleanText(run.map((e) => spacedText(e)).join(' '), 2000)
    if (!text || text.length < 40 || text.length > 600) continue
    if (title && titleKey(title).length > 20 && titleKey(text).includes(titleKey(title))) continue
    // Teasers for other stories are links; a standfirst is prose.
    const linked = run.reduce((n, e) => n + ctx.$(e).find('a').toArray().reduce((m, a) => m + textContent(a).trim().length, 0), 0)
    if (!isMeaningful(text, linked)) continue
    return text
  }
  return null
}

/**
 * Class and id tokens, plus role-like attributes some sites name their standfirst with;
 * CSS-module classes ("Article_elementLead__x7Q") are split at their camel case too.
 */
function roleTokens(el: Element): string[] {
  const extra = el.attribs['data-testid'] ?? (el.name === 'div' || el.name === 'p' || el.name === 'section' ? el.attribs.type : undefined)
  const camel = el.attribs.class?.includes('__') ? el.attribs.class.split(/\s+/).filter((c) => CSS_MODULE.test(c)).map((c) => c.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()) : []
  return extra || camel.length ? [...tokensOf(el), ...camel, ...(extra ? [extra.toLowerCase()] : [])] : tokensOf(el)
}

const CSS_MODULE = /^[A-Za-z]+_[a-z]+[A-Z][A-Za-z]*__[\w-]{3,}$/

const sameStyle = (a: Element, b: Element) => a.name === b.name && a.attribs.class === b.attribs.class

/** `el` and the siblings right after it styled the same way: a standfirst in two or three parts. */
function siblingRun(el: Element): Element[] {
  const run = [el]
  for (let at = el.next; at && run.length < 4; at = at.next) {
    if (at.type === 'text' && !(at as unknown as { data: string }).data.trim()) continue
    if (at.type !== 'tag' || !sameStyle(at as Element, el)) break
    run.push(at as Element)
  }
  return run
}

/** The page's headline element: the first h1 outside navigation that shows the title. */
function findHeadline(ctx: PageContext, title: string | null): Element | null {
  const key = title ? titleKey(title) : ''
  for (const h1 of ctx.dom.select('h1').slice(0, 10)) {
    if (ctx.regions.inBoilerplate(h1)) continue
    const text = titleKey(textContent(h1))
    if (key ? text === key || (key.length > 15 && text.includes(key)) : text.length > 15) return h1
  }
  return null
}

/** A site tagline from the usual header markup (Blogger, WordPress, TypePad). */
function tagline(ctx: PageContext): string {
  const el = ctx.dom.first('#header .description, .site-description, #banner-description, .blog-description, #tagline, .tagline')
  return el ? textContent(el) : ''
}

// og:/twitter: descriptions are written for sharing; name="description" and JSON-LD are more
// often SEO copy of the first paragraph, so when the two disagree the sharing one wins by a little.
const SOURCE_BONUS: Partial<Record<FieldSource, number>> = { opengraph: 0.6, 'json-ld': 0.5, meta: 0.1 }

/**
 * The description most sources agree on, ignoring boilerplate; one that merely
 * repeats the start of the body (generated by the CMS) counts less than one an
 * editor wrote, and one that is a section heading of the body is no summary.
 */
function chooseDescription(list: Candidate[], title: string | null, siteName: string | null, body: string, line: string, ctx: PageContext): Candidate | undefined {
  const usable = list.filter((c) => !isBoilerplateDescription(c.value, title, siteName, body, line))
  const bodyKey = titleKey(body.slice(0, 2000))
  const disagree = new Set(usable.map((c) => titleKey(c.value))).size > 1
  const headings = disagree ? sectionHeadings(ctx) : new Set<string>()
  let best: Candidate | undefined
  let bestScore = -Infinity
  for (const c of usable) {
    const key = titleKey(c.value).replace(/(?:\.\.\.|…)$/, '')
    if (headings.has(key)) continue
    const sources = new Set(usable.filter((o) => sameText(titleKey(o.value), key)).map((o) => o.rule))
    const generated = key.length > 40 && bodyKey.startsWith(key.slice(0, 80))
    // The same text cut short ("…") elsewhere in full: take the full one.
    const cut = usable.some((o) => titleKey(o.value).length > key.length + 10 && sameText(titleKey(o.value), key))
    const score = sources.size + (SOURCE_BONUS[c.source] ?? 0) - (generated ? 2 : 0) - (cut ? 0.5 : 0)
    if (score > bestScore) {
      best = c
      bestScore = score
    }
  }
  return best
}

/** Headings of the body at a level it uses more than once: section headings, not a subtitle. */
export function sectionHeadings(ctx: PageContext): Set<string> {
  const out = new Set<string>()
  if (!ctx.main) return out
  const byLevel = new Map<string, string[]>()
  for (const h of ctx.dom.select('h1, h2, h3, h4, h5, h6')) {
    if (!isInside(h, ctx.main)) continue
    const list = byLevel.get(h.name) ?? []
    list.push(titleKey(textContent(h)))
    byLevel.set(h.name, list)
  }
  for (const keys of byLevel.values()) if (keys.length > 1) for (const key of keys) if (key) out.add(key)
  return out
}

/** Equal, or one is the other cut short ("…"). */
function sameText(a: string, b: string): boolean {
  const x = a.replace(/(?:\.\.\.|…)$/, '')
  return x === b || (x.length > 40 && b.length > 40 && (x.startsWith(b.slice(0, 60)) || b.startsWith(x.slice(0, 60))))
}

// A standfirst of a video or picture, not of the story.
const MEDIA_TOKEN = /media|video|audio|player|gallery|image|photo|caption|slide/
// "subtitle-2", "lead-3": a typographic scale, not a role.
const isStandfirstToken = createMemo((token: string): boolean =>
  STANDFIRST_TOKEN.test(token) && !/[-_]\d+$/.test(token) && !/(?:^|[-_])(?:list|item|link|wrapper|container|image|img|photo|video|media|icon|label|button|btn|related|more|card)(?:$|[-_])/.test(token))

/** Document position of the first element after `root`'s subtree (Infinity at the end of the page). */
function orderAfter(ctx: PageContext, root: Element): number {
  for (let at: AnyNode | null = root; at; at = at.parent) {
    for (let next = at.next; next; next = next.next) if (isElement(next)) return ctx.dom.order(next)
  }
  return Infinity
}
