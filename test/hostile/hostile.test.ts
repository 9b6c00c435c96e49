// The hostile-server suite (issue 6 part 4): one seed lists every misbehaving target plus one
// good post; the crawl runs through the real createRoundup() in a child process, so its peak
// RSS and every address it dials can be checked. allowPrivate is on (the targets are loopback
// hosts); link-local stays refused by design. The 10.x redirect lives in ssrf.test.ts, where
// allowPrivate is off: with it on, 10.x is allowed by design and would be dialled.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readStoreFile } from '../../src/store/index.js'
import { normalizeUrl } from '../../src/url/normalize.js'
import type { Digest } from '../../src/digest/types.js'
import { startServer } from '../helpers/server.js'
import { CP1252_TITLE, GOOD, SJIS_TITLE, startHostileWeb } from './hostile-web.js'
import { checkHtml, checkMarkdown, findUnsafeStrings } from './markup.js'
import type { RunnerJob, RunnerOutput } from './crawl-runner.js'

const RUNNER = fileURLToPath(new URL('./crawl-runner.ts', import.meta.url))
/** The crawl must end by itself well within this; the child is killed (and the test fails) past it. */
const HARD_LIMIT_MS = 90_000
const MAX_RSS_KB = 1024 * 1024
const MAX_PAGES = 50
const MAX_RETRIES = 3

// Short timeouts so the slow targets end quickly, with headroom for a loaded 2-core machine:
// the 5 MB cap must be reached before the deadline for the capped targets to say "too large".
const OPTIONS = {
  allowPrivate: true,
  delayMs: 10,
  concurrency: 16,
  connectTimeoutMs: 2000,
  headersTimeoutMs: 2000,
  totalTimeoutMs: 5000,
  retryBaseMs: 50,
  maxRetries: MAX_RETRIES,
  maxRetryAfterMs: 5000,
} satisfies RunnerJob['options']

function runCrawls(jobs: Array<RunnerJob & { dataFile: string }>): Promise<RunnerOutput & { stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, JSON.stringify(jobs)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    const killer = setTimeout(() => child.kill('SIGKILL'), HARD_LIMIT_MS)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(killer)
      if (code !== 0) return reject(new Error(`crawl runner ${signal ? `killed by ${signal} (it did not end by itself)` : `exited ${code}`}: ${stderr.slice(-4000)}`))
      try {
        resolve({ ...(JSON.parse(stdout) as RunnerOutput), stderr })
      } catch (error) {
        reject(new Error(`crawl runner printed no JSON: ${stderr.slice(-2000)}`, { cause: error }))
      }
    })
  })
}

/** Lone surrogates cannot come out of a decoder; they would mean a string was cut badly. */
const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)

test('a crawl of the hostile web ends by itself, records each target\'s documented outcome and stores nothing executable', { timeout: HARD_LIMIT_MS + 30_000 }, async (t) => {
  const web = await startHostileWeb()
  // A page on one line, just under a raised cap: the extractor must cope with it too.
  const minified = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end()
    const words = 'minified markup keeps every word of a long post on a single line '.repeat(90_000)
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html><head><title>Minified to one line</title><meta name="author" content="Min Ified"></head><body><article><h1>Minified to one line</h1><p>${words}</p></article></body></html>`)
  }, { host: '127.0.0.39' })
  const dir = await mkdtemp(join(tmpdir(), 'roundup-hostile-'))
  t.after(async () => {
    await web.close()
    await minified.close()
    await rm(dir, { recursive: true, force: true })
  })

  const dataFile = join(dir, 'roundup.json')
  // Two processes at once: the hostile crawl mostly waits on its slow servers.
  const [output, bigOutput] = await Promise.all([
    // Depth is effectively unbounded here, so only --max-pages stops the calendar trap.
    runCrawls([{ name: 'hostile', dataFile, seeds: [web.seedUrl], options: { ...OPTIONS, archiveEndpoint: `${web.origins.archive}/wayback/available` }, call: { depth: 1000, maxPages: MAX_PAGES } }]),
    runCrawls([{ name: 'minified', dataFile: join(dir, 'minified.json'), seeds: [`${minified.origin}/one-line.html`], options: { ...OPTIONS, maxBodyBytes: 6_000_000, totalTimeoutMs: 20_000, archive: false }, call: { depth: 0, maxPages: 1 } }]),
  ])
  const hostile = output.jobs[0]!
  const big = bigOutput.jobs[0]!
  const report = hostile.report

  // 1. It ended by itself, in bounded time and memory.
  assert.ok(hostile.wallMs < 75_000, `the hostile crawl took ${hostile.wallMs} ms`)
  for (const run of [output, bigOutput]) assert.ok(run.maxRssKb < MAX_RSS_KB, `peak RSS ${Math.round(run.maxRssKb / 1024)} MB`)
  t.diagnostic(`hostile crawl ${hostile.wallMs} ms, peak RSS ${Math.round(output.maxRssKb / 1024)} MB, ${report.requests} requests; ` +
    `one-line page of 5.9 MB ${big.wallMs} ms, peak RSS ${Math.round(bigOutput.maxRssKb / 1024)} MB`)

  // 2. Nothing but loopback was dialled: link-local spellings were refused before connecting.
  for (const run of [output, bigOutput]) {
    assert.equal(run.stderr, '', 'library code prints nothing, not even a runtime warning')
    assert.deepEqual(run.blocked, [], 'the runner had to block a connection to a non-loopback address')
    for (const host of run.dialled) assert.match(host, /^127\./, `dialled ${host}`)
  }

  // 3. Every target's documented outcome.
  const byUrl = new Map(report.urls.map((u) => [u.url, u]))
  for (const target of web.targets.filter((candidate) => !candidate.unlisted)) {
    const listed = normalizeUrl(web.urlOf(target.name))
    if (target.outcome === null) {
      // Never queued on its own: a duplicate of the good post, or not http(s) at all.
      if (listed) assert.equal(listed, normalizeUrl(web.urlOf('good')), `${target.name}: only duplicates of the good post may normalise to a URL`)
      continue
    }
    const got = byUrl.get(listed!)
    assert.ok(got, `${target.name}: ${listed} missing from the report`)
    assert.equal(got.outcome, target.outcome, `${target.name} (${target.because}): ${got.reason}`)
  }

  assert.ok(report.urls.every((u) => /^https?:\/\//.test(u.url)), 'file: and javascript: entries were never queued')

  // 4. Retried, capped, refused: as the servers saw it.
  const pages = (name: string) => web.log(name).filter((r) => r.path !== '/robots.txt')
  assert.equal(pages('retry-after').length, 2, '429 is retried once Retry-After has passed')
  const [busy, again] = pages('retry-after')
  assert.ok(again!.startedAt - busy!.endedAt! >= 950, `Retry-After: 1 honoured (retried after ${Math.round(again!.startedAt - busy!.endedAt!)} ms)`)
  assert.equal(pages('flaky-503').length, 3, '503, 503, then 200')
  // A retry that fails before it reaches the server still counts as one, hence the ranges.
  const resets = pages('reset').length
  assert.ok(resets >= 2 && resets <= 1 + MAX_RETRIES, `a reset is retried, then recorded (${resets} requests)`)
  for (const name of ['trickle', 'headers-never', 'headers-trickle', 'huge-streamed', 'huge-announced', 'gzip-bomb', 'single-line-50mb', 'empty', 'png-as-html', 'evil-content-type', 'evil-encoding', 'evil-label', 'gone']) {
    assert.equal(pages(name).length, 1, `${name} is not retried`)
  }
  assert.ok(pages('redirect-endless').length <= 11, `endless redirects: ${pages('redirect-endless').length} requests`)
  assert.ok(pages('redirect-30').length <= 11, `30 hops: ${pages('redirect-30').length} requests`)
  assert.ok(!pages('redirect-30').some((r) => r.path === '/hop/0'), 'the end of a 30-hop chain is never reached')
  for (const name of ['redirect-metadata', 'redirect-metadata-hex', 'redirect-metadata-v6', 'redirect-file', 'redirect-javascript']) {
    assert.equal(pages(name).length, 1, `${name}: one request, the refused hop is never sent`)
  }
  const robots500 = web.log('robots-500').map((r) => r.path)
  assert.ok(robots500.length >= 2 && robots500.length <= 1 + MAX_RETRIES && robots500.every((p) => p === '/robots.txt'), `robots.txt 500: retried, then the host is off limits (${robots500.join(' ')})`)
  assert.deepEqual(web.log('robots-disallow').map((r) => r.path), ['/robots.txt'])
  // Neither the 2 GB body nor the 50 MB line was ever built or sent whole.
  for (const name of ['huge-streamed', 'huge-announced', 'single-line-50mb']) {
    assert.ok((web.bytesSent[name] ?? 0) < 40_000_000, `${name}: the server got to write ${web.bytesSent[name]} bytes`)
  }

  // 5. The calendar trap gets a bounded number of requests, cut by --max-pages.
  const trap = pages('trap')
  assert.ok(trap.length >= 2 && trap.length <= MAX_PAGES, `trap host: ${trap.length} page requests`)
  assert.equal(new Set(trap.map((r) => r.path)).size, trap.length, 'no trap page fetched twice')
  const trapUrls = report.urls.filter((u) => u.url.startsWith(web.origins.trap!))
  assert.ok(trapUrls.some((u) => u.outcome === 'skipped:max-pages'), 'the trap was cut off by --max-pages')
  assert.ok(report.urls.filter((u) => u.outcome !== 'skipped:max-pages').length <= MAX_PAGES)

  // 6. Duplicates that differ only by utm_* or a fragment: one post, one fetch.
  assert.deepEqual(pages('good').map((r) => r.path), ['/2009/04/change-management-social-web.html', '/feeds/posts/default'])
  assert.equal(report.urls.filter((u) => u.url === normalizeUrl(web.urlOf('good'))).length, 1)

  // 7. What was stored.
  const store = await readStoreFile(dataFile)
  const post = (name: string) => store.posts[normalizeUrl(web.urlOf(name))!]!
  const good = post('good')
  assert.equal(good.status, 'ok')
  assert.equal(good.title, GOOD.title)
  assert.deepEqual(good.authors, [GOOD.author])
  assert.equal(good.published?.slice(0, 10), GOOD.published)
  assert.ok(good.excerpt?.startsWith(GOOD.excerptStart), String(good.excerpt))
  assert.equal(good.feedUrl, `${web.origins.good}/feeds/posts/default`)
  const bigFeed = store.feeds[good.feedUrl!]!
  assert.equal(bigFeed.outcome, 'stored', String(bigFeed.reason))
  assert.equal(bigFeed.itemCount, 100_001)
  assert.equal(store.feeds[post('laughs-feed').feedUrl!]?.outcome, 'error:feed-invalid', 'billion laughs refused')
  assert.match(String(store.feeds[post('laughs-feed').feedUrl!]?.reason), /DTD|entit/i)
  assert.equal(store.feeds[post('malformed-feed').feedUrl!]?.outcome, 'error:feed-invalid')
  assert.equal(post('cp1252-as-utf8').title, CP1252_TITLE)
  assert.deepEqual(post('cp1252-as-utf8').authors, ['René Müller'])
  assert.equal(post('sjis-meta').title, SJIS_TITLE)
  assert.match(post('invalid-utf8').title ?? '', /^Broken bytes/)
  assert.equal(post('nested-divs').title, 'Deep thoughts')
  assert.equal(post('xss').title, 'Payload post')
  assert.deepEqual(post('xss').authors, ['Eve Hacker'])
  assert.equal(post('xss').canonicalUrl, null, 'a javascript: canonical URL is dropped')
  assert.equal(post('xss').feedUrl, null, 'a javascript: feed URL is dropped')
  for (const p of Object.values(store.posts)) {
    for (const text of [p.title, p.excerpt, p.text, ...p.authors]) if (text) assert.ok(wellFormed(text) && !text.includes('\uFFFD'), `${p.url}: ${text.slice(0, 80)}`)
  }
  // The archive answered with a javascript: snapshot for the reset post: never stored as a link.
  assert.equal(post('reset').archive?.snapshotUrl, null)
  assert.match(post('gone').archive?.snapshotUrl ?? '', /^http:\/\/127\.0\.0\.1:9\/web\/20090402\/%22%3E%3Cscript%3E/)
  assert.equal(web.log('archive').filter((r) => r.path.startsWith('/wayback/')).length, 2, 'the gone and the unreachable post were looked up')

  // 8. Nothing executable anywhere: the store, the JSON digest, the Markdown and the HTML.
  assert.deepEqual(findUnsafeStrings(store), [])
  const digest = JSON.parse(hostile.json) as Digest
  assert.deepEqual(findUnsafeStrings(digest), [])
  assert.deepEqual(checkHtml(hostile.html), [])
  assert.deepEqual(checkMarkdown(hostile.md), [])
  assert.equal(digest.events.length, 1)
  const members = digest.events[0]!.posts.map((p) => p.url)
  assert.equal(new Set(members).size, members.length, 'one entry per post')
  assert.ok(hostile.html.includes(GOOD.title) && hostile.md.includes(GOOD.title), 'the good post is in the section')

  // 9. The one-line page under a raised cap was extracted, not refused.
  assert.equal(big.report.urls[0]?.outcome, 'stored', String(big.report.urls[0]?.reason))
  assert.equal(big.report.urls[0]?.title, 'Minified to one line')
  const bigStore = await readStoreFile(join(dir, 'minified.json'))
  const bigPost = Object.values(bigStore.posts)[0]!
  assert.ok(bigPost.text.length > 0 && bigPost.text.length <= 20_000, `stored text is capped (${bigPost.text.length})`)
  assert.ok((bigPost.excerpt ?? '').length <= 300)
})
