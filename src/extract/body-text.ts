import type { PageContext } from './context.js'
import { BLOCK_TAGS, collectLines, toParagraphs } from './lines.js'
import { pageLines } from './page-lines.js'
import type { Line } from './lines.js'
import type { Element } from 'domhandler'
import { firstDescendant, isBoilerplate, isCaption, isCommentArea, isInside } from './regions.js'
import { textContent } from './links.js'
import { truncateText } from './clean-text.js'

/** Lines of the main content without captions, widgets or comments (memoised on the context). */
export function mainLines(ctx: PageContext): Line[] {
  const cached = linesCache.get(ctx)
  if (cached) return cached
  const main = ctx.main
  let lines: Line[] = []
  if (main && BLOCK_TAGS.has(main.name)) {
    // The page's lines already skip captions, widgets and comments: keep the ones in the body.
    lines = pageLines(ctx).filter((line) => !!line.block && isInside(line.block, main))
  } else if (main) {
    lines = collectLines(main, (el) => el !== main && (isCaption(el) || isBoilerplate(el) || isCommentArea(el)))
  }
  linesCache.set(ctx, lines)
  return lines
}
const linesCache = new WeakMap<PageContext, Line[]>()

/** The main content's first real paragraph (over 40 characters), looked up once per page. */
export function firstParagraphOf(ctx: PageContext): Element | null {
  let found = firstParagraphs.get(ctx)
  if (found === undefined) {
    found = ctx.main ? firstDescendant(ctx.main, (el) => el.name === 'p' && textContent(el).trim().length > 40) ?? null : null
    firstParagraphs.set(ctx, found)
  }
  return found
}
const firstParagraphs = new WeakMap<PageContext, Element | null>()

/** Plain body text: one line per line, a blank line between paragraphs, capped. */
export function extractBodyText(ctx: PageContext, maxLength: number): string {
  const paragraphs = toParagraphs(mainLines(ctx))
  const text = paragraphs.map((p) => p.map((l) => l.text).join('\n')).join('\n\n')
  return text.length > maxLength ? truncateText(text, maxLength) : text
}
