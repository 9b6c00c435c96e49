import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { availabilityUrl } from '../../src/archive/lookup-snapshot.js'
import { parseAvailability } from '../../src/archive/parse-availability.js'
import { waybackDay, waybackMillis } from '../../src/archive/wayback-time.js'

const target = Date.UTC(2009, 3, 2, 12)
const snap = (timestamp: string, extra: Record<string, unknown> = {}) => ({ available: true, status: '200', url: `http://web.archive.org/web/${timestamp}/http://gone.example/p.html`, timestamp, ...extra })

test('parseAvailability: the shape archive.org answers with', () => {
  const cases: Array<{ name: string; body: unknown; want: unknown }> = [
    {
      name: 'closest snapshot',
      body: { url: 'gone.example/p.html', archived_snapshots: { closest: snap('20090403101500') } },
      want: { snapshot: { url: 'http://web.archive.org/web/20090403101500/http://gone.example/p.html', timestamp: '2009-04-03T10:15:00.000Z' } },
    },
    { name: 'none', body: { url: 'gone.example/p.html', archived_snapshots: {} }, want: { snapshot: null } },
    { name: 'unavailable', body: { archived_snapshots: { closest: snap('20090403101500', { available: false }) } }, want: { snapshot: null } },
    { name: 'a captured 404 is no copy', body: { archived_snapshots: { closest: snap('20090403101500', { status: '404' }) } }, want: { snapshot: null } },
    { name: 'a captured redirect is no copy', body: { archived_snapshots: { closest: snap('20090403101500', { status: '302' }) } }, want: { snapshot: null } },
    { name: 'javascript: URL', body: { archived_snapshots: { closest: snap('20090403101500', { url: 'javascript:alert(1)' }) } }, want: { snapshot: null } },
    { name: 'bad timestamp', body: { archived_snapshots: { closest: snap('2009-04-03') } }, want: { snapshot: null } },
    { name: 'impossible date', body: { archived_snapshots: { closest: snap('20090431000000') } }, want: { snapshot: null } },
  ]
  for (const c of cases) assert.deepEqual(parseAvailability(JSON.stringify(c.body), target), c.want, c.name)
})

test('parseAvailability: of several snapshots, the one closest to the post\'s date wins', () => {
  const body = JSON.stringify({
    archived_snapshots: {
      closest: snap('20120101000000'),
      earlier: [snap('20090301000000'), snap('20090404000000'), snap('20090402130000', { status: '500' })],
      later: snap('20090401180000'),
    },
  })
  assert.deepEqual((parseAvailability(body, target) as { snapshot: { timestamp: string } }).snapshot.timestamp, '2009-04-01T18:00:00.000Z')
  // Without a date to aim at, the latest.
  assert.deepEqual((parseAvailability(body, null) as { snapshot: { timestamp: string } }).snapshot.timestamp, '2012-01-01T00:00:00.000Z')
  // Equally far on both sides: the later one, likelier to hold the finished post.
  const tie = JSON.stringify({ archived_snapshots: { a: snap('20090401120000'), b: snap('20090403120000') } })
  assert.deepEqual((parseAvailability(tie, target) as { snapshot: { timestamp: string } }).snapshot.timestamp, '2009-04-03T12:00:00.000Z')
})

test('parseAvailability: an unreadable answer is invalid, never a throw and never "no copy"', () => {
  for (const text of ['', 'not json', '<html>', 'null', '[]', '42', '{}', '{"archived_snapshots": []}', '{"archived_snapshots": "x"}']) {
    const answer = parseAvailability(text, target)
    assert.ok('invalid' in answer, `${JSON.stringify(text)} → ${JSON.stringify(answer)}`)
  }
  fc.assert(fc.property(fc.string(), fc.option(fc.integer()), (text, t) => {
    parseAvailability(text, t ?? null)
  }))
  fc.assert(fc.property(fc.jsonValue(), (value) => {
    parseAvailability(JSON.stringify({ archived_snapshots: { closest: value } }), target)
  }))
})

test('waybackDay and waybackMillis', () => {
  assert.equal(waybackDay('2009-04-01T23:30:00-07:00'), '20090401', 'the day as the page wrote it, not UTC')
  assert.equal(waybackDay('2009-04-01'), '20090401')
  assert.equal(waybackDay(null), null)
  assert.equal(waybackDay('April 1, 2009'), null)
  assert.equal(waybackDay('2009-13-01'), null)
  assert.equal(waybackMillis('20090401'), Date.UTC(2009, 3, 1))
  assert.equal(waybackMillis('20090401123456'), Date.UTC(2009, 3, 1, 12, 34, 56))
  for (const bad of ['', '2009', '200904011', '20090230', 'abcdefgh', '20091301000000', '20090401250000', null, undefined]) {
    assert.equal(waybackMillis(bad), null, String(bad))
  }
})

test('availabilityUrl: url and YYYYMMDD timestamp as query parameters, on any endpoint', () => {
  assert.equal(
    availabilityUrl('https://archive.org/wayback/available', 'http://gone.example/p.html?a=1&b=2', '2009-04-01T10:00:00-07:00'),
    'https://archive.org/wayback/available?url=http%3A%2F%2Fgone.example%2Fp.html%3Fa%3D1%26b%3D2&timestamp=20090401',
  )
  assert.equal(availabilityUrl('http://127.0.0.1:9/api?key=k&timestamp=old', 'http://x.example/', null), 'http://127.0.0.1:9/api?key=k&url=http%3A%2F%2Fx.example%2F')
})
