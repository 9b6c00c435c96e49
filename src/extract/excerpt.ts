import type { Candidate, FieldSource } from './types.js'
import type { PageContext } from './context.js'
import { metaValues } from './meta.js'
import { textOf } from './jsonld.js'
import { cleanText, collapseSpace, truncateText } from './clean-text.js'
import { parseDate } from './parse-date.js'
import { toParagraphs } from './lines.js'
import type { Line } from './lines.js'
import type { Element } from 'domhandler'
import { mainLines } from './body-text.js'
import { titleKey } from './affix.js'
import { isInside, tokensOf } from './regions.js'
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
    const value = typeof raw === 'string' ? cleanText(raw, 5000) : null
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
  const standfirst = findStandfirst(ctx)
  if (standfirst) add(standfirst, 'platform', 'standfirst')
  // Page text can spell out tags ("&lt;b&gt;"): it goes through the same cleaning as metadata.
  add(leadParagraph(mainLines(ctx)), 'heuristic', 'lead paragraph')

  const described = chooseDescription(candidates.filter((c) => c.source !== 'heuristic' && c.rule !== 'standfirst'), title, siteName, body, tagline(ctx))
  // A standfirst the page shows under the headline is the summary its editors wrote for this story.
  const shown = candidates.find((c) => c.rule === 'standfirst')
  const best = shown ?? described ?? candidates.find((c) => c.source === 'heuristic') ?? null
  const capped = candidates.map((c) => ({ ...c, value: truncateText(c.value, EXCERPT_MAX) }))
  return { value: best ? truncateText(best.value, EXCERPT_MAX) : null, source: best?.source ?? null, candidates: capped }
}

const STANDFIRST_TOKEN = /^(?:.*[-_])?(?:standfirst|dek|deck|lede|lead|leadin|lead-?text|intro|introduction|summary|subtitle|sub-?title|subhead|subheadline|sub-?tit(?:-[a-z]+)?|epigraph|abstract|strapline|subline|excerpt|article-?summary|post-?excerpt)(?:[-_].*)?$/

/** The standfirst under the headline: `.standfirst`, `.dek`, `h2.subtitle`, `p.post__excerpt`… inside the post. */
function findStandfirst(ctx: PageContext): string | null {
  const region = ctx.post ?? ctx.main
  if (!region) return null
  const mainStart = ctx.main ? ctx.dom.order(ctx.main) : Infinity
  let firstP = -1
  // Document position of the body's first real paragraph: a subtitle heading must come before it.
  const firstParagraph = () => {
    if (firstP === -1) {
      const p = ctx.main ? ctx.$(ctx.main).find('p').toArray().find((e) => textContent(e).trim().length > 40) : undefined
      firstP = p ? ctx.dom.order(p) : Infinity
    }
    return firstP
  }
  const regionStart = ctx.dom.order(region)
  const regionEnd = regionStart + countElements(region)
  for (const el of ctx.dom.select('[class]')) {
    const at = ctx.dom.order(el)
    if (at < regionStart || at > regionEnd) continue
    if (!/^(?:p|h2|h3|h4|div|span|section|header|strong|em)$/.test(el.name)) continue
    const tokens = tokensOf(el)
    if (!tokens.some(isStandfirstToken) || tokens.some((t) => MEDIA_TOKEN.test(t))) continue
    const inRegion = isInside(el, region)
    // Under the headline: inside the post, and before the body text or a heading at its very start
    // (an "intro" paragraph inside the body is just the first paragraph).
    const inBody = !!ctx.main && isInside(el, ctx.main)
    if (!inRegion || (ctx.dom.order(el) > mainStart && !(inBody && /^h[2-4]$/.test(el.name) && ctx.dom.order(el) < firstParagraph()))) continue
    if (ctx.regions.inBoilerplate(el) || ctx.regions.inComments(el)) continue
    const text = cleanText(textContent(el), 2000)
    if (!text || text.length < 40 || text.length > 600) continue
    // Teasers for other stories are links; a standfirst is prose.
    const linked = ctx.$(el).find('a').toArray().reduce((n, a) => n + textContent(a).trim().length, 0)
    if (!isMeaningful(text, linked)) continue
    return text
  }
  return null
}

/** A site tagline from the usual header markup (Blogger, WordPress, TypePad). */
function tagline(ctx: PageContext): string {
  const el = ctx.dom.first('#header .description, .site-description, #banner-description, .blog-description, #tagline, .tagline')
  return el ? textContent(el) : ''
}

const SOURCE_BONUS: Partial<Record<FieldSource, number>> = { opengraph: 0.5, 'json-ld': 0.6, meta: 0.1 }

/**
 * The description most sources agree on, ignoring boilerplate; one that merely
 * repeats the start of the body (generated by the CMS) counts less than one an
 * editor wrote.
 */
function chooseDescription(list: Candidate[], title: string | null, siteName: string | null, body: string, line: string): Candidate | undefined {
  const usable = list.filter((c) => !isBoilerplateDescription(c.value, title, siteName, body, line))
  const bodyKey = titleKey(body.slice(0, 2000))
  let best: Candidate | undefined
  let bestScore = -Infinity
  for (const c of usable) {
    const key = titleKey(c.value).replace(/(?:\.\.\.|…)$/, '')
    const sources = new Set(usable.filter((o) => sameText(titleKey(o.value), key)).map((o) => o.rule))
    const generated = key.length > 40 && bodyKey.startsWith(key.slice(0, 80))
    const score = sources.size + (SOURCE_BONUS[c.source] ?? 0) - (generated ? 2 : 0)
    if (score > bestScore) {
      best = c
      bestScore = score
    }
  }
  return best
}

/** Equal, or one is the other cut short ("…"). */
function sameText(a: string, b: string): boolean {
  const x = a.replace(/(?:\.\.\.|…)$/, '')
  return x === b || (x.length > 40 && b.length > 40 && (x.startsWith(b.slice(0, 60)) || b.startsWith(x.slice(0, 60))))
}

// A standfirst of a video or picture, not of the story.
const MEDIA_TOKEN = /media|video|audio|player|gallery|image|photo|caption|slide/
const standfirstTokens = new Map<string, boolean>()
function isStandfirstToken(token: string): boolean {
  let yes = standfirstTokens.get(token)
  if (yes === undefined) {
    // "subtitle-2", "lead-3": a typographic scale, not a role.
    yes = STANDFIRST_TOKEN.test(token) && !/[-_]\d+$/.test(token) && !/(?:^|[-_])(?:list|item|link|wrapper|container|image|img|photo|video|media|icon|label|button|btn|related|more|card)(?:$|[-_])/.test(token)
    if (standfirstTokens.size > 50_000) standfirstTokens.clear()
    standfirstTokens.set(token, yes)
  }
  return yes
}

/** Number of elements in a subtree (document order makes it a contiguous range). */
function countElements(root: Element): number {
  let n = 0
  const stack: Element[] = [root]
  while (stack.length) {
    const el = stack.pop()!
    n++
    for (const child of el.children) if (child.type === 'tag' || child.type === 'script' || child.type === 'style') stack.push(child as Element)
  }
  return n
}
