import { test } from 'node:test'
import assert from 'node:assert/strict'
import { HEAP_GROWING_FLAG, heapFlagFor } from '../../src/cli/heap.js'

test('heap flag: set by default, left alone when the user tunes the heap growth', () => {
  assert.equal(heapFlagFor([], undefined), HEAP_GROWING_FLAG)
  assert.equal(heapFlagFor(['--enable-source-maps'], '--max-old-space-size=4096'), HEAP_GROWING_FLAG)
  assert.equal(heapFlagFor(['--heap-growing-percent=80'], undefined), null)
  assert.equal(heapFlagFor([], '--trace-gc --heap_growing_percent=10'), null)
  assert.equal(heapFlagFor([], '--optimize-for-size'), null)
})
