import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { jsonForScript } from '../../src/site/json-script.js'

test('jsonForScript: nothing that can end a script element or a line survives', () => {
  const value = { title: '</script><script>alert(1)</script>', note: '<!-- & -->', ls: 'a\u2028b\u2029c' }
  const text = jsonForScript(value)
  assert.doesNotMatch(text, /[<>&\u2028\u2029]/)
  assert.match(text, /\\u003c\/script\\u003e/)
  assert.deepEqual(JSON.parse(text), value)
})

test('jsonForScript: any JSON value reads back unchanged and carries no raw < > & U+2028 U+2029', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = jsonForScript(value)
      assert.doesNotMatch(text, /[<>&\u2028\u2029]/)
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)))
    }),
    { numRuns: 300 },
  )
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      assert.equal(JSON.parse(jsonForScript({ s })).s, s)
    }),
    { numRuns: 300 },
  )
})
