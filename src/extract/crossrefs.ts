import type { CheerioAPI } from 'cheerio/slim'
import type { AnyNode, Element } from 'domhandler'
import type { CrossRefSection } from './types.js'
import type { PageContext } from './context.js'
import { createContext } from './context.js'
import { loadHtml } from './load-html.js'
import type { Line } from './lines.js'
import { isElement } from './regions.js'
import { pageLines } from './page-lines.js'
import { normalizeUrl, parseHttpUrl } from '../url/normalize.js'
import { isSameHost, linkNoise } from './link-noise.js'
import { isPersonLike, parseClaim } from './claims.js'
import { cleanText } from './clean-text.js'

/** A detected entry keeps its `<a>` so the link classifier can mark it. */
export interface DetectedEntry {
  url: string
  text: string
  entryText: string
  claimedAuthor: string | null
  claimedSite: string | null
  el: Element
}
export interface DetectedSection {
  heading: string
  entries: DetectedEntry[]
}

// Lead-ins, matched at the start of a line, case-insensitively.
const LEAD_IN = new RegExp(
  // An opener may come first: "For other takes on the session, see …", "Update: …".
  String.raw`^(?:(?:for|and|also|update|updated|p\.?\s?s\.?|edit|nb|note|plus)[:,]?\s+)?(?:` +
    [
      String.raw`other\s+(?:\w+\s+){0,2}(?:posts?|write-?ups?|recaps?|reports?|takes|coverage|reviews?|articles?|views|perspectives|bloggers?|accounts|summaries|notes|reactions|impressions|live-?blogs?|blogs|thoughts|stories)\b`,
      String.raw`others\s+who\s+(?:blogged|wrote|covered|posted|live-?blogged|reported)\b`,
      String.raw`(?:related|additional|more|further|other|outside)\s+(?:coverage|reading|links|write-?ups|recaps|reports)\b`,
      String.raw`related\s+(?:posts|articles|stories|blog posts)\b`,
      String.raw`(?:also|was\s+also)\s+(?:blogged|written|posted|reported|covered|writing|blogging|recapped|reviewed)(?:\s+(?:up|about\s+it))?\s+(?:by|at|about|on|elsewhere|in)\b`,
      String.raw`(?:see|read)\s+also\b`, String.raw`also\s+(?:see|read)\b`,
      String.raw`more\s+(?:coverage|on\s+this|about\s+this|on\s+the\s+(?:session|event|topic|panel|talk|conference)|reading|from\s+around\s+the\s+web)\b`,
      String.raw`further\s+reading\b`, String.raw`other\s+takes\b`, String.raw`elsewhere\b`,
      String.raw`(?:what\s+)?others\s+(?:are\s+)?(?:saying|blogging|writing|wrote|said|say)\b`,
      String.raw`coverage\s+(?:elsewhere|from|by\s+others|round-?up)\b`, String.raw`(?:blog\s+)?round-?up\b`,
      String.raw`(?:other|more)\s+(?:bloggers|blogs)\s+(?:on|about|covering|who)\b`,
      String.raw`weitere\s+(?:blog-?)?(?:beiträge|artikel|berichte|einträge|posts|stimmen|links)\b`, String.raw`siehe\s+auch\b`,
      String.raw`mehr\s+(?:zum\s+thema|dazu)\b`, String.raw`andere\s+(?:blogs|beiträge|berichte)\b`,
      String.raw`sur\s+le\s+même\s+sujet\b`, String.raw`voir\s+aussi\b`, String.raw`(?:à\s+)?lire\s+aussi\b`, String.raw`autres\s+(?:billets|articles|comptes[- ]rendus)\b`,
      String.raw`otras\s+(?:entradas|crónicas|reseñas|notas)\b`, String.raw`ver\s+también\b`, String.raw`véase\s+también\b`, String.raw`otros\s+(?:artículos|posts)\b`,
      String.raw`leggi\s+anche\b`, String.raw`vedi\s+anche\b`, String.raw`altri\s+(?:resoconti|post|articoli|interventi|commenti)\b`, String.raw`sullo\s+stesso\s+(?:tema|argomento)\b`,
      String.raw`zie\s+ook\b`, String.raw`andere\s+(?:verslagen|blogs|berichten|artikelen|blogposts)\b`, String.raw`ook\s+(?:geblogd|beschreven)\s+door\b`,
      String.raw`outros\s+(?:posts|artigos|relatos|textos)\b`, String.raw`veja\s+também\b`, String.raw`leia\s+também\b`, String.raw`sobre\s+o\s+mesmo\s+(?:tema|assunto)\b`,
    ].join('|') +
    ')',
  'iu',
)
// Weak lead-ins count only as a heading, a bold line or a line ending in ':' ("Elsewhere, the company said…" is prose).
const WEAK = /^(?:(?:for|and|also|update|updated|edit|nb|note|plus)[:,]?\s+)?(?:elsewhere|related\s|more\s|round-?up|blog\s+round)/i
// A lead-in after the links: "Update: <a>X</a> and <a>Y</a> have also blogged the panel."
const TRAILING_LEAD_IN = /^\s*(?:have|has|had)\s+(?:also\s+)?(?:blogged|written\s+(?:up|about)|posted\s+about|live-?blogged|covered|recapped)\b/i
// Lead-ins that only ever introduce coverage of the same event.
const COVERAGE = /^(?:other\s+(?:\w+\s+){0,2}(?:posts?|write-?ups?|recaps?|reports?|coverage|takes|accounts|summaries)\s+(?:on|about|of|from)|also\s+blogged|related\s+coverage|more\s+coverage|other\s+takes|weitere\s+(?:blog-?)?(?:beiträge|berichte)\s+(?:zu|über|zum|zur)|otras\s+(?:entradas|crónicas)\s+(?:sobre|de)|autres\s+(?:billets|comptes[- ]rendus))/iu

function leadInText(line: Line): string {
  return line.text.replace(/^[\s\-–—•*·»›>#(\[]+/, '')
}

function isLeadIn(line: Line): boolean {
  const text = leadInText(line)
  if (text.length > 400) return false
  // Inline form: "See also <a>X</a> and <a>Y</a>" — the words before the first link are the lead-in.
  const firstLink = line.links.find((l) => l.text)?.text
  const at = firstLink ? text.indexOf(firstLink) : -1
  if (at > 0) {
    const prefix = text.slice(0, at).trim()
    // A weak lead-in ("More coverage from …") needs a colon or a line that is mostly links after it.
    const rest = text.length - at
    const mostlyLinks = line.linkChars >= rest * 0.6
    if (prefix.length <= 80 && LEAD_IN.test(prefix) && (!WEAK.test(prefix) || /[:：]$/.test(prefix) || mostlyLinks)) return true
  }
  if (trailingLeadIn(line)) return true
  if (text.length > 160 || !LEAD_IN.test(text)) return false
  const strongForm = line.heading || line.emphasis || /[:：]\s*$/.test(text) || text.length <= 40
  if (WEAK.test(text) && !strongForm) return false
  if (line.links.length && line.linkChars > text.length * 0.5) return false
  return strongForm || text.length <= 120
}

/** "<a>X</a> and <a>Y</a> have also blogged the panel": links first, lead-in after them. */
function trailingLeadIn(line: Line): boolean {
  const last = [...line.links].reverse().find((l) => l.text)?.text
  if (!last || line.text.length > 300) return false
  const end = line.text.lastIndexOf(last) + last.length
  const before = line.text.slice(0, line.text.indexOf(line.links.find((l) => l.text)!.text))
  return before.length <= 20 && TRAILING_LEAD_IN.test(line.text.slice(end))
}

/**
 * Find "Other blog posts on the same session:"-style sections: a lead-in
 * (heading, bold or plain line) followed by a list, `<br>`-separated lines or
 * consecutive paragraphs of links; or "See also X and Y" inline.
 */
export function findCrossRefSections(ctx: PageContext): DetectedSection[] {
  const lines = pageLines(ctx)
  const page = parseHttpUrl(ctx.url)
  const sections: DetectedSection[] = []
  const used = new Set<Element>()

  const post = ctx.post
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (!isLeadIn(line)) continue
    // Outside the post itself (sidebars we could not recognise), only unmistakable coverage lead-ins count.
    if (post && !(line.block && isWithin(line.block, post)) && !COVERAGE.test(leadInText(line))) continue
    const heading = cleanText(line.text, 200) ?? ''
    const entries: DetectedEntry[] = []

    const inlineLinks = line.links.filter((l) => !used.has(l.el))
    if (inlineLinks.length) {
      // "See also <a>X</a> and <a>Y</a>." — the lead-in and its links share a line.
      const prefix = line.text.slice(0, Math.max(0, line.text.indexOf(inlineLinks[0]!.text)))
      // The lead-in introduces every link on its line, whatever prose sits between them.
      entries.push(...inlineEntries(line, ctx, page, BY_LEAD.test(prefix) || trailingLeadIn(line)))
      if (entries.length) {
        finish(sections, used, { heading: headingOf(line, entries), entries }, page)
        continue
      }
    }

    const scope = scopeOf(line)
    let skippedText = 0
    let firstShape: Shape | null = null
    let noiseRun = 0
    let j = i + 1
    for (; j < lines.length && entries.length < 60; j++) {
      const next = lines[j]!
      if (next.heading || isLeadIn(next)) break
      if (scope && next.block && !isWithin(next.block, scope)) break
      if (!next.links.length) {
        // A definition list: "<dt>Blog</dt><dd><a>Title</a></dd>" is one entry across two lines.
        const dd = lines[j + 1]
        if (next.block?.name === 'dt' && dd && dd.block?.name === 'dd' && dd.links.length) {
          const found = lineEntries({ ...dd, text: `${next.text}: ${dd.text}` }, ctx, page, BY_LEAD.test(heading))
          if (Array.isArray(found) && found.length) {
            entries.push(...found)
            j++
            continue
          }
        }
        // One short note is fine: "(in no particular order)", or an entry still without a link.
        if (skippedText === 0 && next.text.length < 100 && !/[.!?]\s+\p{Lu}/u.test(next.text) && lines[j + 1]?.links.length) {
          skippedText++
          continue
        }
        break
      }
      // "Slides are on the <a>conference site</a>.": a sentence after the list, not an entry.
      if (lowercaseWordsBeforeLink(next) >= 3) break
      // Entries keep one shape: items of one list, or lines of one block, or sibling blocks of one tag.
      const shape = shapeOf(next)
      if (firstShape && !sameShape(firstShape, shape)) break
      // Entries that began as lines of the lead-in's paragraph end with that paragraph.
      if (entries.length && firstShape && !firstShape.list && firstShape.block === line.block && next.block !== line.block) break
      const found = lineEntries(next, ctx, page, BY_LEAD.test(heading))
      // A line whose only links are share buttons, tags or feeds is skipped, not an end.
      if (found === 'noise' && ++noiseRun <= 3) continue
      if (!Array.isArray(found) || !found.length) break
      noiseRun = 0
      firstShape ??= shape
      entries.push(...found)
    }
    if (entries.length) {
      finish(sections, used, { heading, entries }, page)
      i = j - 1
    }
  }
  return sections
}

interface Shape {
  list: Element | null
  block: Element | null
}

function shapeOf(line: Line): Shape {
  let list: Element | null = null
  for (let at: AnyNode | null = line.block; at; at = at.parent) {
    if (isElement(at) && (at.name === 'ul' || at.name === 'ol' || at.name === 'dl')) {
      list = at
      break
    }
    if (isElement(at) && at.name !== 'li' && at.name !== 'dt' && at.name !== 'dd' && at.name !== 'p' && at.name !== 'div' && at.name !== 'span') break
  }
  return { list, block: line.block }
}

function sameShape(a: Shape, b: Shape): boolean {
  if (a.list || b.list) return a.list === b.list
  if (!a.block || !b.block) return a.block === b.block
  return a.block === b.block || (a.block.name === b.block.name && a.block.parent === b.block.parent)
}

/** Lower-case words before the first link: "Slides should be up on the <a>…" has five. */
function lowercaseWordsBeforeLink(line: Line): number {
  const first = line.links.find((l) => l.text)?.text
  const at = first ? line.text.indexOf(first) : -1
  if (at <= 0) return 0
  return (line.text.slice(0, at).match(/(?:^|\s)\p{Ll}[\p{Ll}'’]*/gu) ?? []).length
}

function headingOf(line: Line, entries: DetectedEntry[]): string {
  // Inline form: the lead-in is the line's text up to its first link.
  let text = line.text
  const first = entries[0]?.text
  if (first) {
    const at = text.indexOf(first)
    if (at > 0) text = text.slice(0, at)
  }
  return cleanText(text.replace(/[\s,–—-]+$/, ''), 200) ?? ''
}

function finish(sections: DetectedSection[], used: Set<Element>, section: DetectedSection, page: URL | null) {
  // A list of the blog's own posts with thumbnails is a related-posts widget, not coverage.
  const internal = section.entries.filter((e) => {
    const u = parseHttpUrl(e.url)
    return u && isSameHost(u, page)
  })
  const thumbs = section.entries.filter((e) => e.el.children.some((c) => isElement(c) && c.name === 'img'))
  if (internal.length === section.entries.length && (thumbs.length || /^related\s+(?:posts|articles|stories)/i.test(section.heading))) return
  // Deduplicate within the section by URL.
  const seen = new Set<string>()
  section.entries = section.entries.filter((e) => (seen.has(e.url) ? false : (seen.add(e.url), true)))
  for (const e of section.entries) used.add(e.el)
  sections.push(section)
}



/** The container a section's entries must stay in: the lead-in block's parent. */
function scopeOf(line: Line): Element | null {
  const block = line.block
  if (!block) return null
  const parent = block.parent
  if (isElement(parent) && parent.name !== 'body' && parent.name !== 'html') return parent
  return block
}

function isWithin(node: AnyNode, ancestor: AnyNode): boolean {
  for (let at: AnyNode | null = node; at; at = at.parent) if (at === ancestor) return true
  return false
}

const SEPARATORS = /\s*(?:[,;|·•]|\band\b|\bund\b|\bet\b|\by\b|&)\s*/i

/** Entries on one line: one per link when the line is a list of links, else one for the line. */
function lineEntries(line: Line, ctx: PageContext, page: URL | null, byContext = false): DetectedEntry[] | 'noise' {
  if (line.text.length > 400) return []
  const links = line.links
    .map((l) => ({ ...l, url: parseHttpUrl(l.el.attribs.href, ctx.baseUrl), label: l.text || imageAlt(l.el) }))
    .filter((l): l is typeof l & { url: URL } => !!l.url && !linkNoise(l.url, l.label, page, l.el))
  if (!links.length) return line.links.length ? 'noise' : []
  const entryText = stripLeadIn(line)
  const linkChars = links.reduce((n, l) => n + l.text.length, 0)
  const rest = entryText.length - linkChars

  // Several links and nothing but separators between them: each link is its own entry.
  if (links.length > 1) {
    let remainder = entryText
    for (const l of links) remainder = remainder.replace(l.text, ' ')
    if (remainder.split(SEPARATORS).every((part) => !part.trim() || part.trim().length <= 3 || /^[\p{P}\s]+$/u.test(part))) {
      return links.map((l) => toEntry(l.el, l.url, l.label, l.label, byContext))
    }
  }
  // A sentence with a "here" link is prose, not an entry ("You can listen to a podcast … here.").
  const primary = links.find((l) => l.url.pathname.length > 1) ?? links[0]!
  const claimy = rest <= 120 && !/[.!?]\s+\p{Lu}/u.test(entryText)
  if (linkChars < entryText.length * 0.3 && !(claimy && primary.text.length >= 3 && entryText.length <= 140)) return []
  if (/^(?:here|hier|ici|aquí|this|link|this link|click here)$/i.test(primary.label.trim())) return []
  return [toEntry(primary.el, primary.url, primary.label, entryText, byContext)]
}

function inlineEntries(line: Line, ctx: PageContext, page: URL | null, byContext: boolean): DetectedEntry[] {
  const out: DetectedEntry[] = []
  for (const l of line.links) {
    const url = parseHttpUrl(l.el.attribs.href, ctx.baseUrl)
    const label = l.text || imageAlt(l.el)
    if (!url || !label || linkNoise(url, label, page, l.el)) continue
    out.push(toEntry(l.el, url, label, label, byContext))
  }
  return out
}

function stripLeadIn(line: Line): string {
  const text = line.text
  const m = LEAD_IN.exec(leadInText(line))
  if (!m || line.links.length === 0) return text
  // Inline "See also: X" — drop the lead-in words before the first link.
  const first = line.links[0]!.text
  const at = first ? text.indexOf(first) : -1
  return at > 0 ? text.slice(at) : text
}

function imageAlt(el: Element): string {
  for (const child of el.children) if (isElement(child) && child.name === 'img') return child.attribs.alt ?? child.attribs.title ?? ''
  return el.attribs.title ?? ''
}

function toEntry(el: Element, url: URL, anchor: string, entryText: string, byContext: boolean): DetectedEntry {
  const normalized = normalizeUrl(url)!
  const text = cleanText(anchor, 500) ?? ''
  const entry = cleanText(entryText, 500) ?? text
  const claim = { ...parseClaim(entry, text) }
  // After "Also blogged by:", a bare entry is a who: a person, or else the blog.
  if (byContext && !claim.claimedAuthor && !claim.claimedSite && entry.length <= 60) {
    if (isPersonLike(entry)) claim.claimedAuthor = entry
    else claim.claimedSite = entry
  }
  return { url: normalized, text, entryText: entry, ...claim, el }
}

const BY_LEAD = /\b(?:by|von|par|por|door|da)\s*:?\s*$/i

/** Public form: detect sections in a parsed page or raw HTML. */
export function detectCrossRefs(input: CheerioAPI | string, url: string): CrossRefSection[] {
  const $ = typeof input === 'string' ? loadHtml(input) : input
  const ctx = createContext($, url, new Date())
  return findCrossRefSections(ctx).map(toPublic)
}

export function toPublic(section: DetectedSection): CrossRefSection {
  return {
    heading: section.heading,
    entries: section.entries.map(({ url, text, entryText, claimedAuthor, claimedSite }) => ({ url, text, entryText, claimedAuthor, claimedSite })),
  }
}
