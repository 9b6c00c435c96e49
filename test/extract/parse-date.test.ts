import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatDate, parseDate } from '../../src/extract/index.js'

const cases: Array<{ name: string; input: string; want: string | null; dayFirst?: boolean }> = [
  { name: 'ISO with offset keeps the offset', input: '2009-04-01T10:32:00-07:00', want: '2009-04-01T10:32:00-07:00' },
  { name: 'ISO with Z', input: '2021-09-14T16:03:11.452Z', want: '2021-09-14T16:03:11Z' },
  { name: 'ISO compact offset', input: '2009-04-01T10:32:00+0200', want: '2009-04-01T10:32:00+02:00' },
  { name: 'ISO without offset', input: '2018-04-05T06:00:00', want: '2018-04-05T06:00:00' },
  { name: 'ISO date only', input: '2009-04-01', want: '2009-04-01' },
  { name: 'RFC 822', input: 'Wed, 01 Apr 2009 17:32:00 +0000', want: '2009-04-01T17:32:00+00:00' },
  { name: 'RFC 822 named zone', input: 'Wed, 01 Apr 2009 10:32:00 PDT', want: '2009-04-01T10:32:00-07:00' },
  { name: 'Blogger date header', input: 'Wednesday, April 1, 2009', want: '2009-04-01' },
  { name: 'US numeric with time', input: '04/01/2009 10:32 AM', want: '2009-04-01T10:32:00' },
  { name: 'US numeric PM', input: '04/01/2009 10:32 PM', want: '2009-04-01T22:32:00' },
  { name: 'day first when the day is over 12', input: '25/12/2009', want: '2009-12-25' },
  { name: 'day first by hint', input: '01/04/2009', want: '2009-04-01', dayFirst: true },
  { name: 'dotted is day first', input: '01.04.2009', want: '2009-04-01' },
  { name: 'English day month', input: '1 April 2009', want: '2009-04-01' },
  { name: 'ordinal suffix', input: 'April 1st, 2009', want: '2009-04-01' },
  { name: 'abbreviated month', input: 'Apr 1, 2009', want: '2009-04-01' },
  { name: 'German', input: '1. April 2009', want: '2009-04-01' },
  { name: 'German umlaut month and time', input: '3. März 2009, 14:05 Uhr', want: '2009-03-03T14:05:00' },
  { name: 'Austrian Jänner', input: '12. Jänner 2010', want: '2010-01-12' },
  { name: 'French', input: '1er avril 2009', want: '2009-04-01' },
  { name: 'French accented month', input: 'le 15 février 2011 à 10h30', want: '2011-02-15T10:30:00' },
  { name: 'Spanish', input: '1 de abril de 2009', want: '2009-04-01' },
  { name: 'Spanish septiembre', input: '7 de septiembre de 2015', want: '2015-09-07' },
  { name: 'date in a sentence', input: 'Posted on Wednesday, April 1, 2009 at 10:32 AM', want: '2009-04-01T10:32:00' },
  { name: 'epoch seconds', input: '1238607120', want: '2009-04-01T17:32:00Z' },
  { name: 'slashed year first', input: '2009/04/01', want: '2009-04-01' },
  { name: 'impossible day', input: 'February 30, 2009', want: null },
  { name: 'impossible month', input: '2009-13-01', want: null },
  { name: 'no date', input: 'Posted by Holger', want: null },
  { name: 'month and year only', input: 'April 2009', want: null },
  { name: 'empty', input: '', want: null },
]

for (const { name, input, want, dayFirst } of cases) {
  test(`parseDate: ${name}`, () => {
    const parts = parseDate(input, { dayFirst })
    assert.equal(parts ? formatDate(parts) : null, want)
  })
}

test('parseDate: non-string input is null, not a throw', () => {
  assert.equal(parseDate(undefined as unknown as string), null)
  assert.equal(parseDate(42 as unknown as string), null)
})
