import { test } from 'node:test'
import assert from 'node:assert/strict'
import { layoutGraph } from '../../src/site/layout-graph.js'
import { layoutTimeline } from '../../src/site/layout-timeline.js'

test('graph layout: one node per post, one column per depth, ordered by date, deterministic', () => {
  const input = [
    { id: 'p0', depth: 0, day: '2009-04-01', label: 'seed' },
    { id: 'p1', depth: 1, day: '2009-04-03', label: 'late' },
    { id: 'p2', depth: 1, day: '2009-04-02', label: 'early' },
    { id: 'p3', depth: 1, day: null, label: 'undated' },
    { id: 'p4', depth: 2, day: '2009-04-05', label: 'far' },
  ]
  const layout = layoutGraph(input)
  assert.deepEqual(layoutGraph(input), layout)
  assert.equal(layout.nodes.length, input.length)
  const at = Object.fromEntries(layout.nodes.map((n) => [n.id, n]))
  assert.ok(at.p0!.x < at.p1!.x && at.p1!.x < at.p4!.x, 'deeper posts sit further right')
  assert.equal(at.p1!.x, at.p2!.x)
  assert.ok(at.p2!.y < at.p1!.y && at.p1!.y < at.p3!.y, 'by date within a column, undated last')
  assert.equal(at.p0!.anchor, 'end')
  assert.equal(at.p1!.anchor, 'start')
  const spots = new Set(layout.nodes.map((n) => `${n.x},${n.y}`))
  assert.equal(spots.size, input.length, 'no two nodes on one spot')
  for (const n of layout.nodes) assert.ok(n.x > 0 && n.x < layout.width && n.y > 0 && n.y < layout.height)
})

test('graph layout: a crowded depth is split into columns that still fit', () => {
  const input = [{ id: 'seed', depth: 0, day: null, label: 's' }, ...Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, depth: 1, day: null, label: `${i}` }))]
  const layout = layoutGraph(input)
  const columns = new Set(layout.nodes.map((n) => n.x))
  assert.ok(columns.size >= 4, `30 posts at one depth use several columns, got ${columns.size}`)
  assert.equal(new Set(layout.nodes.map((n) => `${n.x},${n.y}`)).size, input.length)
  assert.ok(layout.height < 500)
})

test('graph layout: empty and odd input do not throw', () => {
  assert.deepEqual(layoutGraph([]).nodes, [])
  const odd = layoutGraph([{ id: 'a', depth: Number.NaN, day: 'garbage', label: '' }, { id: 'b', depth: -3, day: null, label: '' }])
  assert.equal(odd.nodes.length, 2)
})

test('timeline layout: x follows the date, same-day posts stack, undated are counted', () => {
  const layout = layoutTimeline([
    { id: 'a', day: '2009-04-01' },
    { id: 'b', day: '2009-04-01' },
    { id: 'c', day: '2009-04-03' },
    { id: 'd', day: '2009-04-11' },
    { id: 'e', day: null },
    { id: 'f', day: 'not a date' },
  ])
  const at = Object.fromEntries(layout.dots.map((d) => [d.id, d]))
  assert.equal(layout.dots.length, 4)
  assert.equal(layout.undated, 2)
  assert.equal(at.a!.x, at.b!.x)
  assert.notEqual(at.a!.y, at.b!.y)
  assert.ok(at.a!.x < at.c!.x && at.c!.x < at.d!.x)
  // Proportional: 2 days of 10 is a fifth of the way.
  assert.ok(Math.abs((at.c!.x - at.a!.x) / (at.d!.x - at.a!.x) - 0.2) < 0.01)
  assert.deepEqual(layout.ticks.map((t) => t.label), ['Apr 1, 2009', 'Apr 3', 'Apr 11'])
  for (let i = 1; i < layout.ticks.length; i++) assert.ok(layout.ticks[i]!.x - layout.ticks[i - 1]!.x >= 70, 'tick labels do not overlap')
})

test('timeline layout: crowded days keep labels apart, the last day is labelled', () => {
  const days = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, day: `2009-04-${String((i % 30) + 1).padStart(2, '0')}` }))
  const layout = layoutTimeline(days)
  assert.equal(layout.dots.length, 40)
  assert.equal(layout.ticks[layout.ticks.length - 1]!.label, 'Apr 30')
  for (let i = 1; i < layout.ticks.length; i++) assert.ok(layout.ticks[i]!.x - layout.ticks[i - 1]!.x >= 70)
  assert.deepEqual(layoutTimeline([]).dots, [])
})
