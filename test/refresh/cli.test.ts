import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Parser from 'rss-parser'
import type { RefreshReport } from '../../src/refresh/index.js'
import { extractPage } from '../../src/extract/index.js'
import { createFetcher, type Fetcher } from '../../src/fetch/index.js'
import { refresh } from '../../src/refresh/index.js'
import { openJsonStore } from '../../src/store/index.js'
import { runCli, startCli } from './cli.js'
import { changeTheBlogosphere, fetcherOptions, NEW_LINKING, startFixture, type Fixture } from './fixture.js'

let f: Fixture
before(async () => {
  f = await startFixture()
  await changeTheBlogosphere(f)
})
after(() => f.close())

const common = () => ['--db', f.dataFile, '--allow-private']

test('overlapping refreshes: the second exits 0 saying another refresh is running; with --wait it waits and then works', async () => {
  // The first refresh runs in this process and is held mid-run (its requests wait at a gate), keeping the store's lock.
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const store = await openJsonStore(f.dataFile)
  const fetcher = createFetcher(fetcherOptions())
  const gated: Fetcher = { ...fetcher, fetch: async (request) => (await gate, fetcher.fetch(request)) }
  const first = refresh({}, { store, fetcher: gated, extract: extractPage }).finally(async () => {
    await fetcher.close()
    await store.close()
  })
  assert.ok(existsSync(`${f.dataFile}.lock`))
  const [plain, json] = await Promise.all([runCli(['refresh', ...common()]), runCli(['refresh', ...common(), '--json'])])
  assert.equal(plain.code, 0, plain.stderr)
  assert.equal(plain.stdout, '')
  assert.match(plain.stderr, /^roundup: another refresh is running \(.*roundup\.json is locked\); nothing done\. Pass --wait to wait for it\.\n$/)
  assert.equal(json.code, 0, json.stderr)
  assert.deepEqual(JSON.parse(json.stdout), { skipped: 'another refresh is running', store: f.dataFile })

  const waiting = startCli(['refresh', ...common(), '--wait', '--force', '--json', '--delay', '10'])
  let released = Infinity
  setTimeout(() => {
    released = Date.now()
    open()
  }, 2500)
  const report = await first
  assert.equal(report.new, 1)
  assert.equal(report.gone, 1)
  const waited = await waiting.done
  assert.ok(Date.now() >= released)
  assert.equal(waited.code, 0, waited.stderr)
  assert.equal(waited.stderr, '', 'quiet on success')
  const second = JSON.parse(waited.stdout) as RefreshReport
  for (const key of ['feedsPolled', 'postsChecked', 'unchanged', 'changed', 'new', 'gone', 'errors', 'durationMs'] as const) assert.equal(typeof second[key], 'number', key)
  assert.equal(second.new, 0, "the waiting run saw the first run's work")
  assert.ok(second.feedsPolled > 0 && second.feedsPolled === second.feedsNotModified, JSON.stringify(second))
  assert.ok(!existsSync(`${f.dataFile}.lock`), 'both runs released the lock')
})

test('quiet on success, a summary with -v, exit 2 for an unknown event, atom digest parses', async () => {
  const empty = join(await mkdtemp(join(tmpdir(), 'roundup-cli-')), 'roundup.json')
  const [quiet, unknown] = await Promise.all([runCli(['refresh', ...common()]), runCli(['refresh', '--db', empty, '--event', 'nope'])])

  assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, '', ''], 'nothing due, nothing said: cron mails nothing')
  assert.equal(unknown.code, 2)
  assert.match(unknown.stderr, /no event "nope"/)

  const [verbose, atom] = await Promise.all([runCli(['refresh', ...common(), '--force', '-v', '--delay', '10']), runCli(['digest', '--db', f.dataFile, '--format', 'atom'])])
  assert.equal(verbose.code, 0, verbose.stderr)
  assert.match(verbose.stdout, /^refreshed 1 event\(s\): \d+ feeds polled \(\d+ unchanged\), \d+ posts checked: \d+ unchanged, 0 changed, 0 new, 0 gone, 0 new comments, 0 errors; \d+ requests in [\d.]+s\n/)

  assert.equal(atom.code, 0, atom.stderr)
  const feed = await new Parser().parseString(atom.stdout)
  assert.equal(feed.items[0]!.id, f.key(NEW_LINKING), 'the newest discovery comes first')
})
