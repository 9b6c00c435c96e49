import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { spawnSync } from 'node:child_process'
import { createExtractPool } from '../../src/crawl/extract-pool.js'
import { isRoundupError } from '../../src/errors.js'
import { extractPage } from '../../src/extract/index.js'
import { findBacklinks } from '../../src/extract/backlinks.js'

const URL_ = 'http://holger-nauheimer.example/2009/04/introduction-of-social-media-in.html'
const html = await readFile(new URL('../../data/sample/hosts/holger-nauheimer.example/2009/04/introduction-of-social-media-in.html', import.meta.url), 'utf8')
const fetchedAt = new Date('2026-01-01T00:00:00Z')

/** A pool whose in-thread extractor records each URL it is given. */
function countingPool(options: { workers: number; inlineFirst: number }) {
  const calls: string[] = []
  const pool = createExtractPool({ ...options, extract: (h, u, o) => (calls.push(u), extractPage(h, u, o)) })
  return { pool, calls }
}

/** Run `body` in a fresh node process that has `createExtractPool` and `extractPage`; its trimmed stdout. */
function runWithPool(body: string): string {
  const script = `
    const { createExtractPool } = await import(${JSON.stringify(new URL('../../src/crawl/extract-pool.ts', import.meta.url).href)})
    const { extractPage } = await import(${JSON.stringify(new URL('../../src/extract/index.ts', import.meta.url).href)})
    ${body}`
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 })
  assert.equal(run.status, 0, run.stderr)
  return run.stdout.trim()
}

test('extract pool: a worker gives exactly what in-thread extraction gives (plus the backlinks), and errors keep their code', async () => {
  const pool = createExtractPool({ workers: 1, extract: extractPage })
  try {
    assert.equal(await pool.start(), 1)
    const { backlinks, ...fromWorker } = (await pool.extract(html, URL_, { fetchedAt })) as Awaited<ReturnType<typeof pool.extract>> & { backlinks?: unknown }
    assert.deepEqual(fromWorker, extractPage(html, URL_, { fetchedAt }))
    assert.deepEqual(backlinks, findBacklinks(html, URL_))
    assert.ok(fromWorker.crossRefs[0]!.entries.length >= 5)
    await assert.rejects(pool.extract(html, 'ftp://nowhere/x'), (error: unknown) => isRoundupError(error) && error.code === 'EXTRACT_FAILED' && /ftp:/.test(error.message))
    assert.deepEqual(pool.stats(), { inline: 0, inWorkers: 2, workerFailures: 0, workers: 1 })
  } finally {
    await pool.close()
  }
})

test('extract pool: small crawls stay in-thread, and a closed pool still extracts', async () => {
  const { pool, calls } = countingPool({ workers: 2, inlineFirst: 3 })
  for (let i = 0; i < 3; i++) await pool.extract(html, URL_, { fetchedAt })
  assert.equal(calls.length, 3)
  assert.equal(pool.stats().inline, 3)
  await pool.close()
  const page = await pool.extract(html, URL_, { fetchedAt })
  assert.equal(page.title, extractPage(html, URL_, { fetchedAt }).title)
  assert.equal(calls.length, 4)
})

test('extract pool: once workers are starting, pages wait for them instead of running in-thread', async () => {
  const { pool, calls } = countingPool({ workers: 1, inlineFirst: 1 })
  try {
    await pool.extract(html, URL_, { fetchedAt })
    // The second page starts the worker; neither it nor the third, asked for while the worker loads, runs here.
    const pages = await Promise.all([pool.extract(html, URL_, { fetchedAt }), pool.extract(html, URL_, { fetchedAt })])
    for (const page of pages) assert.equal(page.authors[0], 'Holger Nauheimer')
    assert.equal(calls.length, 1)
    assert.deepEqual(pool.stats(), { inline: 1, inWorkers: 2, workerFailures: 0, workers: 1 })
  } finally {
    await pool.close()
  }
})

test('extract pool: told of more pages than it runs in-thread, it starts the workers at once, and the first pages still run here until one is up', async () => {
  const { pool, calls } = countingPool({ workers: 1, inlineFirst: 2 })
  try {
    pool.expect(2)
    assert.equal(pool.stats().workers, 0, 'no more pages than run in-thread: no worker')
    pool.expect(3)
    assert.equal(pool.stats().workers, 1, 'one page more: the worker starts loading now, not at the third page')
    // A worker reports ready on the event loop, so it cannot be up yet: this page runs here.
    await pool.extract(html, URL_, { fetchedAt })
    assert.equal(calls.length, 1)
    assert.equal(await pool.start(), 1)
    // Once a worker is up, pages go to it even before the in-thread quota is used.
    assert.equal((await pool.extract(html, URL_, { fetchedAt })).authors[0], 'Holger Nauheimer')
    assert.equal(calls.length, 1)
    assert.deepEqual(pool.stats(), { inline: 1, inWorkers: 1, workerFailures: 0, workers: 1 })
  } finally {
    await pool.close()
  }
})

test('extract pool: workers started ahead of need do not keep the process alive while they load', () => {
  const out = runWithPool(`
    const pool = createExtractPool({ workers: 2, extract: extractPage, inlineFirst: 1 })
    pool.expect(10)
    const held = process.getActiveResourcesInfo().filter((name) => /MessagePort|Worker/.test(name))
    console.log('workers', pool.stats().workers, 'holding the process:', held.join(',') || 'nothing')`)
  assert.equal(out, 'workers 2 holding the process: nothing')
})

test('extract pool: a process whose only work is a page waiting for a loading worker does not exit early', () => {
  const out = runWithPool(`
    const pool = createExtractPool({ workers: 1, extract: extractPage, inlineFirst: 0 })
    pool.extract('<title>Waited for</title><p>x</p>', 'http://a.example/p').then((page) => console.log('title:', page.title, pool.stats().inWorkers))`)
  assert.equal(out, 'title: Waited for 1')
})

test('extract pool: when no worker can run, every page is still extracted in-thread', async () => {
  // A heap far too small to load the extractor: every worker dies at start.
  const pool = createExtractPool({ workers: 1, extract: extractPage, maxHeapMb: 1, inlineFirst: 0 })
  try {
    assert.equal(await pool.start(), 0)
    const pages = await Promise.all([1, 2, 3].map(() => pool.extract(html, URL_, { fetchedAt })))
    for (const page of pages) assert.equal(page.authors[0], 'Holger Nauheimer')
    assert.ok(pool.stats().workerFailures >= 1)
  } finally {
    await pool.close()
  }
})

test('extract pool: a page that outgrows a worker\'s heap is extracted in-thread instead', async () => {
  const pool = createExtractPool({ workers: 1, extract: extractPage, maxHeapMb: 32 })
  try {
    assert.equal(await pool.start(), 1)
    const big = `<html><head><title>Big</title></head><body>${'<div class="c"><p>Some words here, <a href="http://x.example/a">a link</a>, more words.</p></div>'.repeat(50_000)}</body></html>`
    const page = await pool.extract(big, 'http://big.example/post', { fetchedAt })
    assert.equal(page.title, 'Big')
    assert.deepEqual(page.links.map((l) => l.url), ['http://x.example/a'])
    assert.deepEqual({ inline: pool.stats().inline, workerFailures: pool.stats().workerFailures }, { inline: 1, workerFailures: 1 })
    // The pool goes on: the worker is replaced (or, failing that, pages stay in-thread).
    assert.equal((await pool.extract(html, URL_, { fetchedAt })).authors[0], 'Holger Nauheimer')
  } finally {
    await pool.close()
  }
})
