import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CrossRefSection } from '../../src/extract/types.js'
import { addTallies, crossRefUrls, prf, scoreLinks } from '../bench/crossref-score.js'

describe('scoreLinks', () => {
  const cases = [
    { name: 'all found', expected: ['https://a.example/1', 'https://b.example/2'], found: ['https://b.example/2', 'https://a.example/1'], want: { tp: 2, fp: 0, fn: 0 } },
    { name: 'one missed', expected: ['https://a.example/1', 'https://b.example/2'], found: ['https://a.example/1'], want: { tp: 1, fp: 0, fn: 1 } },
    { name: 'one extra', expected: ['https://a.example/1'], found: ['https://a.example/1', 'https://blogroll.example/'], want: { tp: 1, fp: 1, fn: 0 } },
    { name: 'negative page with a false positive', expected: [], found: ['https://same-blog.example/related'], want: { tp: 0, fp: 1, fn: 0 } },
    { name: 'duplicates count once', expected: ['https://a.example/1'], found: ['https://a.example/1', 'https://a.example/1'], want: { tp: 1, fp: 0, fn: 0 } },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const result = scoreLinks(c.expected, c.found)
      assert.deepEqual({ tp: result.tp, fp: result.fp, fn: result.fn }, c.want)
    })
  }
  it('lists the misses and false positives', () => {
    const result = scoreLinks(['https://a.example/1', 'https://b.example/2'], ['https://a.example/1', 'https://c.example/3'])
    assert.deepEqual(result.misses, ['https://b.example/2'])
    assert.deepEqual(result.falsePositives, ['https://c.example/3'])
  })
})

describe('prf', () => {
  it('micro-averages over summed tallies', () => {
    const total = addTallies([{ tp: 9, fp: 1, fn: 0 }, { tp: 0, fp: 0, fn: 1 }])
    assert.deepEqual(total, { tp: 9, fp: 1, fn: 1 })
    const score = prf(total)
    assert.equal(score.precision, 0.9)
    assert.equal(score.recall, 0.9)
    assert.ok(Math.abs(score.f1 - 0.9) < 1e-12)
  })
  it('handles empty sides', () => {
    assert.deepEqual(prf({ tp: 0, fp: 0, fn: 3 }), { precision: 1, recall: 0, f1: 0 })
    assert.deepEqual(prf({ tp: 0, fp: 2, fn: 0 }), { precision: 0, recall: 1, f1: 0 })
  })
})

describe('crossRefUrls', () => {
  it('flattens entries, normalises against the page and drops duplicates', () => {
    const entry = (url: string) => ({ url, text: 't', entryText: 't', claimedAuthor: null, claimedSite: null })
    const sections: CrossRefSection[] = [
      { heading: 'Other blog posts on the same session:', entries: [entry('https://A.example/post?utm_source=x#c1'), entry('/local')] },
      { heading: 'Elsewhere', entries: [entry('https://a.example/post')] },
    ]
    assert.deepEqual(crossRefUrls(sections, 'https://blog.example/2009/04/x.html'), ['https://a.example/post', 'https://blog.example/local'])
  })
})
