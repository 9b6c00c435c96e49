import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createMemo, detach } from '../../src/extract/memo.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

test('memo: computes each key once, and starts over when full', () => {
  const calls: string[] = []
  const upper = createMemo((key: string) => (calls.push(key), key.toUpperCase()), 2)
  assert.equal(upper('ab'), 'AB')
  assert.equal(upper('ab'), 'AB')
  assert.equal(upper('cd'), 'CD')
  assert.deepEqual(calls, ['ab', 'cd'])
  upper('ef') // full: cleared, then 'ef' kept
  upper('ab')
  assert.deepEqual(calls, ['ab', 'cd', 'ef', 'ab'])
})

test('detach: equal text, for short and long slices', () => {
  const page = `<div class="${'x'.repeat(50)}">`
  assert.equal(detach(page.slice(12, 62)), 'x'.repeat(50))
  assert.equal(detach('post'), 'post')
  assert.equal(detach(''), '')
})

test('memo: a cached key sliced from a big page does not keep the page in memory', () => {
  const keys = createMemo((key: string) => key.length, 1000)
  gc()
  const before = process.memoryUsage().heapUsed
  for (let i = 0; i < 200; i++) {
    // A 1 MB "page" per round; only a 30-character slice of it (an id attribute) is cached.
    const page = `${String(i).padStart(6, '0')}-post-identifier-${'y'.repeat(1_000_000)}`
    keys(page.slice(0, 30))
  }
  gc()
  const grown = process.memoryUsage().heapUsed - before
  // 200 pages pinned by their slices would be ~200 MB; 200 short keys are a few KB.
  assert.ok(grown < 20 * 2 ** 20, `heap grew by ${Math.round(grown / 2 ** 20)} MB`)
})
