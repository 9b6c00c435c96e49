import type { GraphLayout } from './types.js'

export interface GraphInput {
  id: string
  depth: number
  day: string | null
  label: string
}

/** Room beside the outer columns for a label of about 22 characters. */
const LABEL_ROOM = 175
const MIN_WIDTH = 600
const MARGIN_Y = 30
const COLUMN_GAP = 190
const ROW_GAP = 48
/** A tall column is split so a crawl with fifty posts at one depth still fits a screen. */
const MAX_ROWS = 8

/**
 * Deterministic layered layout: one column per hop from the seeds, each column
 * ordered by date (undated last) then by input order. No physics, so the same store
 * always draws the same picture.
 */
export function layoutGraph(posts: GraphInput[]): GraphLayout {
  const byDepth = new Map<number, GraphInput[]>()
  for (const post of posts) {
    const depth = Number.isFinite(post.depth) && post.depth >= 0 ? Math.floor(post.depth) : 0
    if (!byDepth.has(depth)) byDepth.set(depth, [])
    byDepth.get(depth)!.push(post)
  }
  const columns: GraphInput[][] = []
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    const column = [...byDepth.get(depth)!].sort((a, b) => (a.day ?? '9999').localeCompare(b.day ?? '9999'))
    for (let i = 0; i < column.length; i += MAX_ROWS) columns.push(column.slice(i, i + MAX_ROWS))
  }
  const rows = Math.max(1, ...columns.map((c) => c.length))
  const height = MARGIN_Y * 2 + (rows - 1) * ROW_GAP
  const width = Math.max(MIN_WIDTH, LABEL_ROOM * 2 + Math.max(0, columns.length - 1) * COLUMN_GAP)
  const gap = columns.length > 1 ? (width - LABEL_ROOM * 2) / (columns.length - 1) : 0
  const nodes: GraphLayout['nodes'] = []
  columns.forEach((column, c) => {
    // Centre short columns so edges between neighbours stay short.
    const offset = ((rows - column.length) * ROW_GAP) / 2
    // Edges leave the first column rightwards, so its labels go on the left, out of their way.
    const anchor = c === 0 && columns.length > 1 ? 'end' : 'start'
    column.forEach((post, r) => {
      nodes.push({ id: post.id, x: Math.round(LABEL_ROOM + c * gap), y: MARGIN_Y + offset + r * ROW_GAP, label: post.label, anchor })
    })
  })
  return { width, height, nodes }
}
