import { test } from 'node:test'
import assert from 'node:assert/strict'
import { feedDate } from '../../src/feeds/feed-date.js'

test('feedDate keeps the feed’s own offset, so a late-evening post stays on its day', () => {
  // 23:30 in California is already 2 April in UTC; the blogger wrote it on 1 April.
  assert.equal(feedDate('Wed, 01 Apr 2009 23:30:00 -0800'), '2009-04-01T23:30:00-08:00')
  assert.equal(feedDate('2009-04-01T23:30:00+02:00'), '2009-04-01T23:30:00+02:00')
})

test('feedDate gives null for text that is no date', () => {
  assert.equal(feedDate('soon'), null)
  assert.equal(feedDate(''), null)
})

test('feedDate does not guess: a number or a title is no date', () => {
  assert.equal(feedDate('Episode 12'), null)
  assert.equal(feedDate('1'), null)
})
