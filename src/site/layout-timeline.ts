import type { TimelineLayout } from './types.js'

const WIDTH = 640
const MARGIN_X = 48
const AXIS_GAP = 34
const STACK_GAP = 18
const TOP = 20
const TICK_GAP = 76
const DAY_MS = 86_400_000
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function dayMillis(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return null
  const millis = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isFinite(millis) ? millis : null
}

function label(millis: number, withYear: boolean): string {
  const date = new Date(millis)
  const text = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`
  return withYear ? `${text}, ${date.getUTCFullYear()}` : text
}

/**
 * Posts on a day axis: x in proportion to the date, posts of one day stacked.
 * Days are calendar days as each page wrote them, so no time zone moves a post.
 */
export function layoutTimeline(posts: Array<{ id: string; day: string | null }>): TimelineLayout {
  const dated = posts.map((p) => ({ id: p.id, millis: p.day ? dayMillis(p.day) : null })).filter((p): p is { id: string; millis: number } => p.millis !== null)
  const undated = posts.length - dated.length
  if (!dated.length) return { width: WIDTH, height: TOP + AXIS_GAP, ticks: [], dots: [], undated }
  const first = Math.min(...dated.map((p) => p.millis))
  const last = Math.max(...dated.map((p) => p.millis))
  const span = Math.max(1, Math.round((last - first) / DAY_MS))
  const x = (millis: number) => Math.round(MARGIN_X + ((millis - first) / DAY_MS / span) * (WIDTH - 2 * MARGIN_X))

  const stacks = new Map<number, number>()
  const rawDots = dated.map((p) => {
    const level = stacks.get(p.millis) ?? 0
    stacks.set(p.millis, level + 1)
    return { id: p.id, x: x(p.millis), level }
  })
  const levels = Math.max(...stacks.values())
  const axisY = TOP + levels * STACK_GAP
  const dots = rawDots.map((d) => ({ id: d.id, x: d.x, y: axisY - 10 - d.level * STACK_GAP }))

  // Label the days that have posts, skipping any too close to the last label to read.
  const tickDays: number[] = []
  for (const day of [...stacks.keys()].sort((a, b) => a - b)) {
    const previous = tickDays[tickDays.length - 1]
    if (previous === undefined || x(day) - x(previous) >= TICK_GAP) tickDays.push(day)
    else if (day === last && tickDays.length > 1) tickDays[tickDays.length - 1] = day
  }
  const ticks = tickDays.map((millis, i) => ({ x: x(millis), label: label(millis, i === 0 || new Date(millis).getUTCFullYear() !== new Date(first).getUTCFullYear()) }))
  return { width: WIDTH, height: axisY + AXIS_GAP, ticks, dots, undated }
}
