import type { Element } from 'domhandler'
import type { PageContext } from './context.js'
import { collectLines, toParagraphs } from './lines.js'
import type { Line } from './lines.js'
import { hasCaptionToken, isBoilerplate, isCommentArea } from './regions.js'
import { truncateText } from './clean-text.js'


/** Figure captions, photo credits and screen-reader-only text are not the post's prose. */
export function isCaption(el: Element): boolean {
  if (el.name === 'figcaption' || el.name === 'figure') return true
  if (el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true') return true
  if (/display\s*:\s*none/i.test(el.attribs.style ?? '')) return true
  return hasCaptionToken(el)
}

/** Lines of the main content without captions, widgets or comments (memoised on the context). */
export function mainLines(ctx: PageContext): Line[] {
  const cached = linesCache.get(ctx)
  if (cached) return cached
  const main = ctx.main
  const lines = main ? collectLines(main, (el) => el !== main && (isCaption(el) || isBoilerplate(el) || isCommentArea(el))) : []
  linesCache.set(ctx, lines)
  return lines
}
const linesCache = new WeakMap<PageContext, Line[]>()

/** Plain body text: one line per line, a blank line between paragraphs, capped. */
export function extractBodyText(ctx: PageContext, maxLength: number): string {
  const paragraphs = toParagraphs(mainLines(ctx))
  const text = paragraphs.map((p) => p.map((l) => l.text).join('\n')).join('\n\n')
  return text.length > maxLength ? truncateText(text, maxLength) : text
}
