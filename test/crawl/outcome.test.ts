import { test } from 'node:test'
import assert from 'node:assert/strict'
import { outcomeForError, statusForOutcome } from '../../src/crawl/outcome.js'
import { RoundupError } from '../../src/errors.js'

test('outcomeForError maps each fetch error code to its recorded outcome', () => {
  const cases: Array<[RoundupError, string]> = [
    [new RoundupError('FETCH_SCHEME', 'x'), 'skipped:scheme'],
    [new RoundupError('FETCH_SSRF', 'x'), 'skipped:ssrf'],
    [new RoundupError('FETCH_ROBOTS', 'x'), 'skipped:robots'],
    [new RoundupError('FETCH_TIMEOUT', 'x'), 'error:timeout'],
    [new RoundupError('FETCH_TOO_LARGE', 'x'), 'error:too-large'],
    [new RoundupError('FETCH_STATUS', 'x', { status: 410 }), 'error:http-410'],
    [new RoundupError('FETCH_REDIRECTS', 'x'), 'error:redirects'],
    [new RoundupError('FETCH_CONTENT_TYPE', 'x'), 'error:not-html'],
    [new RoundupError('FETCH_NETWORK', 'x'), 'error:network'],
    [new RoundupError('EXTRACT_FAILED', 'x'), 'error:extract'],
  ]
  for (const [error, outcome] of cases) assert.equal(outcomeForError(error).outcome, outcome, error.code)
  assert.equal(outcomeForError(new Error('boom')).outcome, 'error:internal')
})

test('a host whose robots.txt is unreachable is reported as down, not as disallowed', () => {
  const down = new RoundupError('FETCH_ROBOTS', 'refused http://dead.example/p: http://dead.example/robots.txt is unavailable (GET failed: host not found)', {}, {
    cause: new RoundupError('FETCH_NETWORK', 'GET http://dead.example/robots.txt failed: host not found'),
  })
  assert.equal(outcomeForError(down).outcome, 'error:network')
  assert.match(outcomeForError(down).reason, /robots\.txt is unavailable/)
  const overloaded = new RoundupError('FETCH_ROBOTS', 'robots.txt is unavailable (503)', {}, { cause: new RoundupError('FETCH_STATUS', '503', { status: 503 }) })
  assert.equal(outcomeForError(overloaded).outcome, 'skipped:robots')
})

test('statusForOutcome keeps content that was stored before a failed re-fetch', () => {
  assert.equal(statusForOutcome('error:http-404', true), 'gone')
  assert.equal(statusForOutcome('error:timeout', true), 'ok')
  assert.equal(statusForOutcome('error:timeout', false), 'error')
  assert.equal(statusForOutcome('skipped:robots', false), 'skipped')
})
