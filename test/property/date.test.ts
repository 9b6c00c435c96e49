// Property tests for date parsing: whatever a page writes, a date comes out as ISO 8601 or
// not at all, and a page's published date is never later than the moment it was fetched.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { extractPage } from '../../src/extract/index.js'
import { formatDate, parseDate, toEpoch, type DateParts } from '../../src/extract/parse-date.js'

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?)?$/
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** Text that looks like dates, broken dates and noise. */
const dateLike = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.integer({ min: -5, max: 3000 }), fc.integer({ min: -1, max: 14 }), fc.integer({ min: -1, max: 33 }), fc.integer({ min: -1, max: 25 }), fc.integer({ min: -1, max: 61 }), fc.constantFrom('', 'Z', '+02:00', '-07:00', '+99:99', ' PST', ' GMT+2', ' UTC', 'pm', ' a.m.'))
    .chain(([y, m, d, h, min, zone]) => fc.constantFrom(
      `${y}-${m}-${d}T${h}:${min}${zone}`, `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, `${d}/${m}/${y} ${h}:${min}${zone}`,
      `${MONTHS[((m % 12) + 12) % 12]} ${d}, ${y} ${h}:${min}${zone}`, `${d}. ${MONTHS[((m % 12) + 12) % 12]} ${y}`, `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
      `Wed, ${d} Apr ${y} ${h}:${min}:00 ${zone}`, `${Math.abs(y) * 1_000_000}`, `Posted on ${MONTHS[((m % 12) + 12) % 12]} ${d}, ${y}`,
    )),
)

test('parseDate never throws and yields a real calendar date, formatted as ISO 8601', () => {
  fc.assert(
    fc.property(dateLike, fc.boolean(), (text, dayFirst) => {
      const parts = parseDate(text, { dayFirst })
      if (parts === null) return
      const iso = formatDate(parts)
      const m = ISO.exec(iso)
      assert.ok(m, `${JSON.stringify(text)} → ${iso}`)
      assert.ok(parts.year >= 1970 && parts.year <= 2100, iso)
      // The day exists in that month (no 31 April, no 29 February 2009).
      const day = new Date(Date.UTC(parts.year, parts.month - 1, parts.day))
      assert.equal(day.getUTCDate(), parts.day, iso)
      assert.ok(!Number.isNaN(Date.parse(iso.length === 10 ? iso : iso + (m![7] ? '' : 'Z'))), iso)
    }),
    { numRuns: 3000 },
  )
})

test('formatDate and parseDate round-trip', () => {
  const parts = fc.record({
    year: fc.integer({ min: 1970, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    time: fc.option(fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }), second: fc.integer({ min: 0, max: 59 }), offset: fc.constantFrom(undefined, 'Z', '+05:30', '-07:00') }), { nil: undefined }),
  })
  fc.assert(
    fc.property(parts, ({ year, month, day, time }) => {
      const input: DateParts = { year, month, day, ...(time ? { hour: time.hour, minute: time.minute, second: time.second, ...(time.offset ? { offset: time.offset } : {}) } : {}) }
      const iso = formatDate(input)
      assert.deepEqual(parseDate(iso), input, iso)
    }),
    { numRuns: 1000 },
  )
})

test('a page\'s published date is ISO or null, and never after the fetch (beyond the documented time-zone slack)', () => {
  const where = fc.constantFrom('meta', 'time', 'json-ld', 'byline', 'abbr')
  let dated = 0
  const fetchedAt = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
  // Mostly real dates close to the fetch, on both sides of it (a page's clock may be ahead), in
  // the spellings pages use; the rest noise.
  const nearFetch = fetchedAt.chain((at) => fc.tuple(
    fc.constant(at),
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.integer({ min: -3 * 365 * 24, max: 72 }), fc.constantFrom('iso', 'iso-offset', 'date', 'long', 'rfc822', 'dmy')).map(([hours, style]) => {
        const d = new Date(at.getTime() + hours * 3_600_000)
        const [y, mo, da, h, mi] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]
        const p2 = (n: number) => String(n).padStart(2, '0')
        return {
          iso: d.toISOString(),
          'iso-offset': `${y}-${p2(mo + 1)}-${p2(da)}T${p2(h)}:${p2(mi)}:00+00:00`,
          date: `${y}-${p2(mo + 1)}-${p2(da)}`,
          long: `${MONTHS[mo]} ${da}, ${y} ${h % 12 || 12}:${p2(mi)} ${h < 12 ? 'AM' : 'PM'}`,
          rfc822: d.toUTCString(),
          dmy: `${da}. ${MONTHS[mo]} ${y}`,
        }[style]!
      }) },
      { weight: 1, arbitrary: dateLike },
    ),
  ))
  fc.assert(
    fc.property(nearFetch, where, ([fetchedAt, text], place) => {
      const attr = text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
      const markup = {
        meta: `<meta property="article:published_time" content="${attr}">`,
        time: `<time datetime="${attr}" class="published">${attr}</time>`,
        'json-ld': `<script type="application/ld+json">${JSON.stringify({ '@type': 'BlogPosting', headline: 'T', datePublished: text }).replace(/</g, '\\u003c')}</script>`,
        byline: `<p class="byline">Posted on ${attr} by Someone</p>`,
        abbr: `<abbr class="published" title="${attr}">${attr}</abbr>`,
      }[place]
      const page = extractPage(`<html><head><title>T</title>${place === 'meta' || place === 'json-ld' ? markup : ''}</head><body><article class="hentry"><h1>T</h1>${place !== 'meta' && place !== 'json-ld' ? markup : ''}<p>Some text of the post.</p></article></body></html>`, 'http://blog.example/post.html', { fetchedAt })
      if (page.published) dated++
      for (const value of [page.published, page.updated]) {
        if (value === null) continue
        const m = ISO.exec(value)
        assert.ok(m, `${JSON.stringify(text)} → ${value}`)
        const parts = parseDate(value)!
        // A date-only or offset-less value may be up to a day ahead of UTC; one with an offset, a minute.
        const slack = parts.offset ? 60_000 : 86_400_000
        assert.ok(toEpoch(parts) <= fetchedAt.getTime() + slack, `${value} is after the fetch at ${fetchedAt.toISOString()}`)
      }
    }),
    { numRuns: 300 },
  )
  // Not vacuous: plenty of the generated pages did carry a date the extractor accepted.
  assert.ok(dated > 60, `only ${dated} pages had a published date`)
})
