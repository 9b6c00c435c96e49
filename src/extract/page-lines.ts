import type { AnyNode } from 'domhandler'
import type { PageContext } from './context.js'
import { collectLines } from './lines.js'
import type { Line } from './lines.js'
import { isBoilerplate, isCaption, isCommentArea, isWidget } from './regions.js'

/**
 * Lines of the whole page without comments, sidebars, widgets and captions
 * (the post's own containers always kept), memoised per page.
 */
export function pageLines(ctx: PageContext): Line[] {
  const cached = pageLinesCache.get(ctx)
  if (cached) return cached
  const root: AnyNode | undefined = ctx.dom.first('body') ?? ctx.$.root()[0]
  const keep = new Set<AnyNode>()
  for (let at: AnyNode | null = ctx.main; at; at = at.parent) keep.add(at)
  const lines = root ? collectLines(root, (el) => !keep.has(el) && (isCommentArea(el) || isBoilerplate(el) || isWidget(el) || (isCaption(el) && el.name !== 'figure'))) : []
  pageLinesCache.set(ctx, lines)
  return lines
}
const pageLinesCache = new WeakMap<PageContext, Line[]>()
