import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  matchAuthors,
  matchPublished,
  matchText,
  normalizeAuthors,
  normalizeText,
  parseDay,
  scorePage,
  tokenF1,
  tokenize,
} from '../bench/score.js'

describe('matchText (title, siteName)', () => {
  const cases: Array<{ name: string; expected: string; predicted: string | null; want: boolean }> = [
    { name: 'identical', expected: 'Headline', predicted: 'Headline', want: true },
    { name: 'case and spacing', expected: 'Why Social  Media Fails', predicted: ' why social media\n fails ', want: true },
    { name: 'curly vs straight quotes', expected: 'Don\u2019t \u201Cpanic\u201D', predicted: 'Don\'t "panic"', want: true },
    { name: 'en dash vs hyphen', expected: 'Web 2.0 Expo \u2013 day one', predicted: 'Web 2.0 Expo - day one', want: true },
    { name: 'NFKC full-width', expected: 'ＡＢＣ News', predicted: 'ABC News', want: true },
    { name: 'punctuation at the ends', expected: 'Is it over?', predicted: '\u00ABIs it over\u00BB', want: true },
    { name: 'site suffix is wrong', expected: 'Headline', predicted: 'Headline | Site', want: false },
    { name: 'site prefix is wrong', expected: 'Headline', predicted: 'Site: Headline', want: false },
    { name: 'inner punctuation counts', expected: 'Hello, world', predicted: 'Hello world', want: false },
    { name: 'truncated', expected: 'A long headline here', predicted: 'A long headline', want: false },
    { name: 'null prediction', expected: 'Headline', predicted: null, want: false },
    { name: 'punctuation-only prediction vs empty expected', expected: '...', predicted: '!!', want: false },
  ]
  for (const c of cases) {
    it(c.name, () => assert.equal(matchText(c.expected, c.predicted), c.want))
  }

  it('normalizeText keeps inner punctuation and strips only the ends', () => {
    assert.equal(normalizeText('  \u201CHello, World!\u201D '), 'hello, world')
    assert.equal(normalizeText(null), '')
  })
})

describe('matchAuthors', () => {
  const cases: Array<{ name: string; expected: string; predicted: string | string[] | null; want: boolean }> = [
    { name: 'single', expected: 'Joseph Brean', predicted: 'Joseph Brean', want: true },
    { name: 'leading By', expected: 'By Joshua Sokol', predicted: 'Joshua Sokol', want: true },
    { name: 'order does not matter', expected: 'Birgit Baumann, Anna Fink', predicted: 'Anna Fink and Birgit Baumann', want: true },
    { name: 'semicolon, ampersand, slash', expected: 'A One; B Two & C Three / D Four', predicted: 'D Four, C Three, B Two, A One', want: true },
    { name: 'German und', expected: 'Simone Jülicher und Rainer Grünberg', predicted: ['Simone Jülicher', 'Rainer Grünberg'], want: true },
    { name: 'punctuation ignored', expected: 'J. R. Smith', predicted: 'J R Smith', want: true },
    { name: 'case ignored', expected: 'jessica valenzuela', predicted: 'Jessica VALENZUELA', want: true },
    { name: '"and" inside a name is not a separator', expected: 'Alexander Andrews', predicted: 'Alexander Andrews', want: true },
    { name: 'a missing co-author', expected: 'Birgit Baumann, Anna Fink', predicted: 'Birgit Baumann', want: false },
    { name: 'an extra name', expected: 'Birgit Baumann', predicted: 'Birgit Baumann, Staff', want: false },
    { name: 'different person', expected: 'Joseph Brean', predicted: 'Joe Brean', want: false },
    { name: 'site name as author', expected: 'Joseph Brean', predicted: 'National Post', want: false },
    { name: 'null prediction', expected: 'Joseph Brean', predicted: null, want: false },
    { name: 'empty list', expected: 'Joseph Brean', predicted: [], want: false },
  ]
  for (const c of cases) {
    it(c.name, () => assert.equal(matchAuthors(c.expected, c.predicted), c.want))
  }

  it('normalizeAuthors splits and cleans', () => {
    assert.deepEqual([...normalizeAuthors('By Jane Doe, John Roe and Ann Poe')], ['jane doe', 'john roe', 'ann poe'])
    assert.deepEqual([...normalizeAuthors('By')], [])
  })
})

describe('parseDay', () => {
  it('reads ISO dates as written', () => {
    assert.deepEqual(parseDay('2009-04-01'), { local: '2009-04-01', utc: null })
    assert.deepEqual(parseDay('2009-04-01T23:30:00'), { local: '2009-04-01', utc: null })
    assert.deepEqual(parseDay('2009-04-01T23:30:00-07:00'), { local: '2009-04-01', utc: '2009-04-02' })
    assert.deepEqual(parseDay('2024-05-03T15:47:42.389+00:00'), { local: '2024-05-03', utc: '2024-05-03' })
    assert.deepEqual(parseDay('2025-01-14T01:28:54+0900'), { local: '2025-01-14', utc: '2025-01-13' })
    assert.deepEqual(parseDay('2016-05-13T16:43:53.000Z'), { local: '2016-05-13', utc: '2016-05-13' })
  })
  it('reads other formats through Date.parse, keeping an explicit offset', () => {
    assert.deepEqual(parseDay('Wed, 01 Apr 2009 23:30:00 -0700'), { local: '2009-04-01', utc: '2009-04-02' })
    assert.deepEqual(parseDay('Thu, 02 Apr 2009 06:30:00 GMT'), { local: '2009-04-02', utc: '2009-04-02' })
    assert.equal(parseDay('April 1, 2009')?.local, '2009-04-01')
  })
  it('rejects garbage and impossible days', () => {
    assert.equal(parseDay('yesterday-ish'), null)
    assert.equal(parseDay('2009-02-30'), null)
    assert.equal(parseDay('2009-13-01'), null)
    assert.equal(parseDay(''), null)
    assert.equal(parseDay(null), null)
  })
})

describe('matchPublished', () => {
  const cases: Array<{ name: string; expected: string; predicted: string | null; want: boolean }> = [
    { name: 'same day', expected: '2009-04-01', predicted: '2009-04-01', want: true },
    { name: 'date-only expected, timestamp predicted in page zone', expected: '2009-04-01', predicted: '2009-04-01T23:30:00-07:00', want: true },
    { name: 'timestamp expected, date-only predicted', expected: '2009-04-01T23:30:00-07:00', predicted: '2009-04-01', want: true },
    { name: 'same instant converted to UTC (both carry offsets)', expected: '2009-04-01T23:30:00-07:00', predicted: '2009-04-02T06:30:00.000Z', want: true },
    { name: 'different local day, different UTC day', expected: '2009-04-01T10:00:00-07:00', predicted: '2009-04-02T17:00:00-07:00', want: false },
    { name: 'UTC day of a date-only value is unknown', expected: '2009-04-01T23:30:00-07:00', predicted: '2009-04-02', want: false },
    { name: 'date-only expected, prediction converted to UTC lands on the next day', expected: '2009-04-01', predicted: '2009-04-02T06:30:00.000Z', want: false },
    { name: 'different calendar day', expected: '2009-04-01', predicted: '2009-04-02', want: false },
    { name: 'modified date one year later', expected: '2009-04-01', predicted: '2010-04-01', want: false },
    { name: 'no offset on one side: only the written day counts', expected: '2009-04-01T23:30:00', predicted: '2009-04-02T06:30:00Z', want: false },
    { name: 'RFC 2822 prediction', expected: '2009-04-01', predicted: 'Wed, 01 Apr 2009 23:30:00 -0700', want: true },
    { name: 'null prediction', expected: '2009-04-01', predicted: null, want: false },
    { name: 'garbage prediction', expected: '2009-04-01', predicted: 'not a date', want: false },
  ]
  for (const c of cases) {
    it(c.name, () => assert.equal(matchPublished(c.expected, c.predicted), c.want))
  }
})

describe('tokenF1 (excerpt)', () => {
  it('is 1 for the same text up to case and punctuation', () => {
    assert.equal(tokenF1('The quick brown fox.', 'the QUICK, brown fox'), 1)
  })
  it('is 0 with no common token, or a missing prediction', () => {
    assert.equal(tokenF1('The quick brown fox', 'lorem ipsum'), 0)
    assert.equal(tokenF1('The quick brown fox', null), 0)
    assert.equal(tokenF1('The quick brown fox', ''), 0)
  })
  it('weighs precision and recall', () => {
    // 2 common tokens; precision 2/2, recall 2/4 → F1 = 2/3.
    assert.ok(Math.abs(tokenF1('a b c d', 'a b') - 2 / 3) < 1e-9)
    // Repeated tokens count once per occurrence: expected has one "a".
    assert.ok(Math.abs(tokenF1('a b', 'a a a a') - 2 * (1 / 4) * (1 / 2) / (1 / 4 + 1 / 2)) < 1e-9)
  })
  it('splits Han and kana per character', () => {
    assert.deepEqual(tokenize('日本の News'), ['日', '本', 'の', 'news'])
    assert.ok(tokenF1('東京都知事', '東京') > 0)
  })
})

describe('scorePage', () => {
  it('scores only fields whose expected value is non-null', () => {
    const score = scorePage(
      { url: null, title: 'Headline', author: null, published: '2009-04-01', excerpt: 'a b', siteName: null },
      { title: 'Headline | Site', author: 'Someone', published: '2009-04-01T10:00:00+02:00', excerpt: 'a b', siteName: 'Site' },
    )
    assert.deepEqual(score, { title: 0, published: 1, excerpt: 1 })
  })
  it('scores a thrown extraction (null prediction) as all wrong', () => {
    const score = scorePage({ url: null, title: 'T', author: 'A', published: '2009-04-01', excerpt: 'x', siteName: 'S' }, null)
    assert.deepEqual(score, { title: 0, author: 0, published: 0, excerpt: 0, siteName: 0 })
  })
})
