// Link rot end to end: a crawl meets a 404 and an unreachable host, asks a local fake of
// the availability API, and the digest links the archived copy or says there is none.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRoundup } from '../../src/roundup.js'
import type { Digest } from '../../src/digest/types.js'
import { runCli } from '../helpers/cli.js'
import { startServer, type TestServer } from '../helpers/server.js'
import { startFakeWayback } from './fake-wayback.js'


/** A port on 127.0.0.3 that nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((done) => probe.listen(0, '127.0.0.3', done))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((done) => probe.close(() => done()))
  return port
}

async function startBlog(downUrl: string): Promise<TestServer & { seed: string; ok: string; gone: string }> {
  let origin = ''
  const server = await startServer((req, res) => {
    const pages: Record<string, string> = {
      '/seed.html': `<!doctype html><html><head><title>Why social media marketing fails</title><meta name="author" content="Holger Nauheimer"></head>
<body><article><h1>Why social media marketing fails</h1><p class="date">April 1, 2009</p>
<p>The session asked why social media marketing fails, and how to fix it. Others wrote about it too.</p>
<p>Other blog posts on the same session:</p>
<ul><li><a href="${origin}/ok.html">Jessica Valenzuela, Maven Digital Mashup</a></li>
<li><a href="${origin}/gone.html">Michael Cayley, Capital Value Add</a></li>
<li><a href="${downUrl}">Mia Dand, Lightspeed</a></li></ul></article></body></html>`,
      '/ok.html': `<!doctype html><html><head><title>Strategy first</title><meta name="author" content="Jessica Valenzuela"></head>
<body><article><h1>Strategy first</h1><p class="date">April 2, 2009</p><p>Social media needs a strategy before tools.</p></article></body></html>`,
    }
    const page = pages[req.url ?? '']
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page ?? 'not found')
  }, { host: '127.0.0.2' })
  origin = server.origin
  return Object.assign(server, { seed: `${origin}/seed.html`, ok: `${origin}/ok.html`, gone: `${origin}/gone.html` })
}

test('a crawl looks up its gone and unreachable posts; the digest links the archived copy or says there is none', async () => {
  const down = `http://127.0.0.3:${await closedPort()}/2009/04/notes.html`
  const blog = await startBlog(down)
  const wayback = await startFakeWayback({ [blog.gone]: { snapshots: [{ timestamp: '20090402101500' }] } }, { host: '127.0.0.4' })
  try {
    const dataFile = join(await mkdtemp(join(tmpdir(), 'roundup-archive-')), 'roundup.json')
    const roundup = createRoundup({ dataFile, allowPrivate: true, delayMs: 0, maxRetries: 0, archiveEndpoint: wayback.endpoint })
    const report = await roundup.crawl([blog.seed])
    assert.deepEqual(report.archive, { checked: 2, found: 1, missing: 1, kept: 0, failures: [] })
    assert.deepEqual(wayback.queries.map((q) => q.url).sort(), [blog.gone, down].sort())
    // Neither post was ever fetched, so the seed's date (the list's) aims the look-up.
    assert.deepEqual(wayback.queries.map((q) => q.timestamp), ['20090401', '20090401'])

    const digest = JSON.parse(await roundup.digest({ format: 'json' })) as Digest
    const byUrl = new Map(digest.events[0]!.posts.map((p) => [p.url, p]))
    const snapshot = `http://web.archive.org/web/20090402101500/${blog.gone}`
    assert.equal(byUrl.get(blog.gone)!.archive!.snapshotUrl, snapshot)
    assert.equal(byUrl.get(blog.gone)!.archive!.timestamp, '2009-04-02T10:15:00.000Z')
    assert.equal(byUrl.get(down)!.archive!.snapshotUrl, null)
    assert.equal(byUrl.get(blog.ok)!.archive, null)

    const md = await roundup.digest({ format: 'md' })
    assert.match(md, new RegExp(`- Michael Cayley, Capital Value Add .*_\\(unavailable \\(HTTP 404\\)\\)_ \\[archived copy of 2009-04-02\\]\\(${snapshot.replace(/[.?]/g, '\\$&')}\\)`))
    assert.match(md, /- Mia Dand, Lightspeed .*\)_ _\(no archived copy\)_\n/)
    const html = await roundup.digest({ format: 'html' })
    assert.ok(html.includes(`<a class="roundup-archived" href="${snapshot}" rel="nofollow ugc noopener">archived copy of 2009-04-02</a>`), html)
    assert.match(html, /<em class="roundup-no-archive">\(no archived copy\)<\/em>/)

    // A second crawl keeps the snapshot it found and does not ask again within a day.
    const again = await roundup.crawl([blog.seed])
    assert.deepEqual(again.archive, { checked: 0, found: 0, missing: 0, kept: 2, failures: [] })
    assert.equal(wayback.queries.length, 2)

    // The same look-up on its own, as a refresh calls it: forced, one event, or an unknown one.
    assert.deepEqual(await roundup.checkArchives({ eventId: report.event.id, force: true }), { checked: 2, found: 1, missing: 1, kept: 0, failures: [] })
    assert.equal(wayback.queries.length, 4)
    await assert.rejects(roundup.checkArchives({ eventId: 'nope' }), { code: 'EVENT_NOT_FOUND' })
    assert.throws(() => createRoundup({ archiveEndpoint: 'file:///etc/passwd' }), { code: 'OPTIONS_INVALID', message: /archiveEndpoint must be an http\(s\) URL/ })
  } finally {
    await blog.close()
    await wayback.close()
  }
})

test('archive: false and --no-archive send nothing to the archive; a bad --archive-endpoint is a usage error', async () => {
  const down = `http://127.0.0.3:${await closedPort()}/x.html`
  const blog = await startBlog(down)
  const answers = { [blog.gone]: { snapshots: [{ timestamp: '20090402101500' }] } }
  // One fake archive per run, so each run's queries are its own.
  const [library, silent, asked] = await Promise.all([
    startFakeWayback(answers, { host: '127.0.0.4' }),
    startFakeWayback(answers, { host: '127.0.0.5' }),
    startFakeWayback(answers, { host: '127.0.0.6' }),
  ])
  try {
    const dir = await mkdtemp(join(tmpdir(), 'roundup-archive-'))
    const off = createRoundup({ dataFile: join(dir, 'a.json'), allowPrivate: true, delayMs: 0, maxRetries: 0, archive: false, archiveEndpoint: library.endpoint })
    assert.equal((await off.crawl([blog.seed])).archive, null)
    assert.match(await off.digest({ format: 'md' }), /Capital Value Add .*unavailable \(HTTP 404\)\)_\n/, 'no archive claim either way')
    assert.equal(library.queries.length, 0)

    const crawlArgs = [blog.seed, '--allow-private', '--delay', '0']
    const [noArchive, on, bad] = await Promise.all([
      runCli(['crawl', ...crawlArgs, '--no-archive', '--archive-endpoint', silent.endpoint, '--db', join(dir, 'off.json'), '--json']),
      runCli(['crawl', ...crawlArgs, '--archive-endpoint', asked.endpoint, '--db', join(dir, 'on.json')]),
      runCli(['crawl', blog.seed, '--archive-endpoint', 'ftp://archive.example/', '--db', join(dir, 'bad.json')]),
    ])
    assert.equal(noArchive.code, 0, noArchive.stderr)
    assert.equal(JSON.parse(noArchive.stdout).archive, null)
    assert.equal(silent.queries.length, 0)
    assert.equal(on.code, 0, on.stderr)
    assert.match(on.stdout, /archive: 2 looked up, 1 with a snapshot, 1 without/)
    assert.equal(asked.queries.length, 2)
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /--archive-endpoint must be an http\(s\) URL/)
  } finally {
    await Promise.all([blog.close(), library.close(), silent.close(), asked.close()])
  }
})
