import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cacheMaxAge, DAY, eventCadence, HOUR, nextCheck, nextPoll, WEEK } from '../../src/refresh/schedule.js'

const NOW = Date.UTC(2024, 4, 15, 12, 0, 0) // a Wednesday, 12:00 GMT

test('the event cadence cools as the event ages: hourly, then daily, then weekly', () => {
  const cases: Array<[number, number]> = [[0, HOUR], [2 * DAY, HOUR], [3 * DAY, DAY], [27 * DAY, DAY], [28 * DAY, WEEK], [15 * 365 * DAY, WEEK]]
  for (const [age, want] of cases) assert.equal(eventCadence(age).ms, want, `age ${age / DAY} days`)
})

test('Cache-Control max-age is read; no-cache and garbage are not', () => {
  const cases: Array<[string | undefined, number | null]> = [
    ['public, max-age=300', 300], ['max-age="60", must-revalidate', 60], ['s-maxage=10', null], ['no-cache', null], [undefined, null], ['max-age=-1', null],
  ]
  for (const [header, want] of cases) assert.equal(cacheMaxAge(header), want, String(header))
})

test('nextPoll: each hint moves the next poll the documented way', () => {
  const hourly = { now: NOW, cadenceMs: HOUR }
  const busy = Array.from({ length: 12 }, (_, i) => NOW - i * 10 * 60_000) // a post every 10 minutes
  const quiet = [NOW - 20 * DAY, NOW - 40 * DAY, NOW - 60 * DAY] // one post every 20 days
  const cases: Array<{ name: string; input: Parameters<typeof nextPoll>[0]; want: number; reason?: RegExp }> = [
    { name: 'cadence alone', input: hourly, want: NOW + HOUR },
    { name: 'ttl longer than the cadence is a floor', input: { ...hourly, ttlMinutes: 180 }, want: NOW + 3 * HOUR, reason: /ttl 3 h/ },
    { name: 'ttl shorter than the cadence changes nothing', input: { ...hourly, ttlMinutes: 5 }, want: NOW + HOUR },
    { name: 'max-age is a floor', input: { ...hourly, maxAgeSeconds: 7200 }, want: NOW + 2 * HOUR, reason: /max-age/ },
    { name: 'Retry-After is a floor', input: { ...hourly, retryAfterSeconds: 5 * 3600 }, want: NOW + 5 * HOUR, reason: /Retry-After/ },
    { name: 'a silly ttl is capped at 30 days', input: { ...hourly, ttlMinutes: 10_000_000 }, want: NOW + 30 * DAY },
    { name: 'a quiet blog is polled at its posting rate', input: { ...hourly, itemTimes: quiet }, want: NOW + WEEK, reason: /posts every/ },
    { name: 'a busy blog keeps the cadence', input: { ...hourly, itemTimes: busy.slice(0, 5) }, want: NOW + HOUR },
    { name: 'a window shorter than a weekly cadence shrinks it', input: { now: NOW, cadenceMs: WEEK, itemTimes: busy }, want: NOW + 110 * 60_000, reason: /feed window/ },
    { name: 'gone: weekly', input: { ...hourly, gone: true, ttlMinutes: 1 }, want: NOW + WEEK, reason: /gone/ },
    // 13:00 and 14:00 GMT are skipped, so the 13:00 poll moves to 15:00.
    { name: 'skipHours', input: { ...hourly, skipHours: [13, 14] }, want: NOW + 3 * HOUR, reason: /skipHours/ },
    { name: 'skipDays', input: { now: NOW, cadenceMs: DAY, skipDays: ['Thursday'] }, want: Date.UTC(2024, 4, 17, 0, 0, 0) },
    { name: 'every hour skipped: ignored', input: { ...hourly, skipHours: Array.from({ length: 24 }, (_, h) => h) }, want: NOW + HOUR },
  ]
  for (const { name, input, want, reason } of cases) {
    const next = nextPoll(input)
    assert.equal(new Date(next.at).toISOString(), new Date(want).toISOString(), name)
    if (reason) assert.match(next.reason, reason, name)
  }
})

test('nextCheck: the cadence unless the server asks for longer; gone posts weekly', () => {
  assert.equal(nextCheck({ now: NOW, cadenceMs: DAY }), NOW + DAY)
  assert.equal(nextCheck({ now: NOW, cadenceMs: HOUR, maxAgeSeconds: 3 * 3600 }), NOW + 3 * HOUR)
  assert.equal(nextCheck({ now: NOW, cadenceMs: HOUR, retryAfterSeconds: 7200 }), NOW + 2 * HOUR)
  assert.equal(nextCheck({ now: NOW, cadenceMs: HOUR, gone: true }), NOW + WEEK)
})
