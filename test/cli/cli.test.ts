import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../helpers/cli.js'

async function tempDb(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'roundup-cli-')), 'roundup.json')
}

test('usage errors exit 2 with one clear line', async () => {
  const db = await tempDb()
  const cases: Array<{ args: string[]; message: RegExp }> = [
    { args: ['crawl', 'not a url', '--db', db], message: /not an http\(s\) URL/ },
    { args: ['crawl', 'javascript:alert(1)', '--db', db], message: /not an http\(s\) URL/ },
    { args: ['crawl', '--db', db], message: /at least one seed URL/ },
    { args: ['crawl', 'http://x.example/', '--delay', 'soon', '--db', db], message: /--delay must be a whole number/ },
    { args: ['crawl', 'http://x.example/', '--workers', 'many', '--db', db], message: /--workers must be a whole number/ },
    { args: ['digest', '--format', 'pdf', '--db', db], message: /choose one of json, md, html/ },
    { args: ['crawl', '--no-such-flag', 'http://x.example/'], message: /unknown option/ },
    // crawl and refresh share their network flags, and check them alike.
    { args: ['refresh', '--archive-endpoint', 'ftp://archive.example/', '--db', db], message: /--archive-endpoint must be an http\(s\) URL/ },
    { args: ['refresh', '--proxy', 'socks5://127.0.0.1:1', '--db', db], message: /--proxy must be an http\(s\) URL/ },
    { args: ['refresh', '--per-host', '0', '--db', db], message: /--per-host must be/ },
    { args: ['crawl', 'http://x.example/', '--proxy', 'not a url', '--db', db], message: /--proxy must be an http\(s\) URL/ },
    { args: ['frobnicate'], message: /unknown command/ },
  ]
  const results = await Promise.all(cases.map((c) => runCli(c.args)))
  for (const [i, c] of cases.entries()) {
    const result = results[i]!
    assert.equal(result.code, 2, `${c.args.join(' ')}: ${result.stderr}`)
    assert.match(result.stderr, c.message, c.args.join(' '))
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace without --verbose')
    assert.equal(result.stdout, '')
  }
})

test('an unknown event is a usage error naming the known ones', async () => {
  const db = await tempDb()
  const result = await runCli(['digest', '--event', 'nope', '--db', db])
  assert.equal(result.code, 2)
  assert.match(result.stderr, /^roundup: no event "nope" in the store \(known: none yet\)/)
})

test('a corrupt store: exit 1, one line naming the file, file untouched; JSON error with --json; stack only with --verbose', async () => {
  const db = await tempDb()
  await writeFile(db, '{ this is not json')
  const plain = await runCli(['digest', '--db', db])
  assert.equal(plain.code, 1)
  assert.equal(plain.stderr.trim().split('\n').length, 1)
  assert.match(plain.stderr, new RegExp(`roundup: ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`))
  const json = await runCli(['events', '--db', db, '--json'])
  assert.equal(json.code, 1)
  assert.equal(JSON.parse(json.stderr).error.code, 'STORE_CORRUPT')
  const verbose = await runCli(['crawl', 'http://127.0.0.1:9/x', '--db', db, '--verbose'])
  assert.equal(verbose.code, 1)
  assert.match(verbose.stderr, /\n\s+at /)
  assert.equal(await readFile(db, 'utf8'), '{ this is not json')
})

test('an empty store: events says how to start, digest says nothing found', async () => {
  const db = await tempDb()
  const events = await runCli(['events', '--db', db])
  assert.equal(events.code, 0)
  assert.match(events.stdout, /no events yet/)
  const digest = await runCli(['digest', '--format', 'json'], { ROUNDUP_DB: db })
  assert.equal(digest.code, 0)
  assert.deepEqual(JSON.parse(digest.stdout).events, [])
})

test('--help and --version exit 0', async () => {
  const help = await runCli(['--help'])
  assert.equal(help.code, 0)
  assert.match(help.stdout, /crawl/)
  assert.match(help.stdout, /digest/)
  const version = await runCli(['--version'])
  assert.equal(version.code, 0)
  assert.match(version.stdout, /^\d+\.\d+\.\d+/)
})
