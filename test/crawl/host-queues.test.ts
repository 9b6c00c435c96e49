import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHostQueues } from '../../src/crawl/host-queues.js'
import type { FrontierItem } from '../../src/frontier/frontier.js'

const item = (url: string): FrontierItem => ({ url, depth: 1, via: null, reason: 'crossref' })

test('host queues: at most N visits per host at once, in order, and a busy host never holds up another', async () => {
  const started: string[] = []
  const active = new Map<string, number>()
  let most = 0
  const finishers: Array<() => void> = []
  let settled = 0
  const queues = createHostQueues(2, (it) => {
    const host = new URL(it.url).host
    started.push(it.url)
    active.set(host, (active.get(host) ?? 0) + 1)
    most = Math.max(most, active.get(host)!)
    return new Promise<void>((resolve) => finishers.push(() => {
      active.set(host, active.get(host)! - 1)
      resolve()
    }))
  }, () => settled++)

  for (let i = 0; i < 5; i++) queues.push(item(`http://busy.example/${i}`))
  queues.push(item('http://quiet.example/only'))
  assert.deepEqual(started, ['http://busy.example/0', 'http://busy.example/1', 'http://quiet.example/only'])
  assert.equal(queues.pending, 6)

  while (finishers.length) {
    finishers.shift()!()
    await new Promise((resolve) => setImmediate(resolve))
  }
  assert.equal(most, 2)
  assert.deepEqual(started.filter((u) => u.includes('busy')), [0, 1, 2, 3, 4].map((i) => `http://busy.example/${i}`))
  assert.equal(queues.pending, 0)
  assert.equal(settled, 6)
})
