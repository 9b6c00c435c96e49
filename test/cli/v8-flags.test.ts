import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { v8FlagsFor } from '../../src/cli/v8-flags.js'

const HEAP = '--heap-growing-percent=30'
const BUDGET = '--interrupt-budget=600000'

test('V8 flags: both set by default, each left alone when the user makes that choice', () => {
  assert.deepEqual(v8FlagsFor([], undefined), [HEAP, BUDGET])
  assert.deepEqual(v8FlagsFor(['--enable-source-maps'], '--max-old-space-size=4096'), [HEAP, BUDGET])
  assert.deepEqual(v8FlagsFor(['--heap-growing-percent=80'], undefined), [BUDGET])
  assert.deepEqual(v8FlagsFor([], '--trace-gc --heap_growing_percent=10'), [BUDGET])
  assert.deepEqual(v8FlagsFor([], '--optimize-for-size'), [BUDGET])
  assert.deepEqual(v8FlagsFor(['--interrupt-budget=100000'], undefined), [HEAP])
  assert.deepEqual(v8FlagsFor([], '--jitless --heap-growing-percent=50'), [])
})

test('V8 flags: node accepts each flag at run time', () => {
  // A flag V8 does not know would only print a warning: check that each one takes.
  const listed = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout
  for (const flag of [HEAP, BUDGET]) {
    const name = flag.slice(2).split('=')[0]!
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `import { setFlagsFromString } from 'node:v8'; setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8' })
    assert.equal(run.status, 0, run.stderr)
    assert.equal(run.stderr, '', `${flag}: ${run.stderr}`)
    assert.match(listed, new RegExp(`--${name}\\b`))
  }
})
