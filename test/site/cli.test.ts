import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli, startCli } from '../helpers/cli.js'
import { EVENT_ID, siteFixture } from './fixture.js'

async function fixtureDb(): Promise<{ dir: string; db: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-site-cli-'))
  const db = join(dir, 'roundup.json')
  await writeFile(db, JSON.stringify(siteFixture()))
  return { dir, db }
}

test('roundup site: writes the site and says where; usage and conflict errors are clear', async () => {
  const { dir, db } = await fixtureDb()
  const out = join(dir, 'site')
  await writeFile(join(dir, 'index.html'), 'mine')
  const [json, plain, unknown, noOut, conflict] = await Promise.all([
    runCli(['site', '--event', EVENT_ID, '--out', out, '--db', db, '--json']),
    runCli(['site', '--out', join(dir, 'all'), '--db', db]),
    runCli(['site', '--event', 'nope', '--out', join(dir, 'x'), '--db', db]),
    runCli(['site', '--db', db]),
    runCli(['site', '--out', dir, '--db', db]),
  ])
  assert.equal(json.code, 0, json.stderr)
  const report = JSON.parse(json.stdout) as { files: string[]; events: Array<{ id: string; page: string; posts: number }> }
  assert.deepEqual(report.events, [{ id: EVENT_ID, title: 'Web 2.0 Expo: <why> social media marketing fails & how to fix it', page: `events/${EVENT_ID}.html`, posts: 7 }])
  assert.equal(report.files.length, 4)
  assert.match(await readFile(join(out, 'events', `${EVENT_ID}.html`), 'utf8'), /id="roundup-data"/)

  assert.equal(plain.code, 0, plain.stderr)
  assert.match(plain.stdout, /^wrote 4 files to .*all\n/)
  assert.match(plain.stdout, /roundup serve --dir/)

  assert.equal(unknown.code, 2)
  assert.match(unknown.stderr, /no event "nope"/)
  assert.equal(noOut.code, 2)
  assert.match(noOut.stderr, /--out/)
  assert.equal(conflict.code, 1)
  assert.match(conflict.stderr, /index\.html exists and was not written by roundup/)
  assert.equal(await readFile(join(dir, 'index.html'), 'utf8'), 'mine')
})

test('roundup serve: listens on 127.0.0.1, serves the site, stops cleanly on SIGINT', async () => {
  const { dir, db } = await fixtureDb()
  const out = join(dir, 'site')
  assert.equal((await runCli(['site', '--out', out, '--db', db])).code, 0)
  const { child } = startCli(['serve', '--dir', out, '--port', '0', '--json'])
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let buffer = ''
      child.stdout.on('data', (d: Buffer) => {
        buffer += d
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!)
      })
      child.on('close', () => reject(new Error(`serve exited early: ${stderr}`)))
    })
    const { url } = JSON.parse(line) as { url: string }
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/)
    const index = await fetch(url)
    assert.equal(index.status, 200)
    assert.match(await index.text(), new RegExp(`href="events/${EVENT_ID}\\.html"`))
    const page = await fetch(new URL(`events/${EVENT_ID}.html`, url))
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.equal((await fetch(new URL('assets/site.js', url))).status, 200)
  } finally {
    child.kill('SIGINT')
  }
  assert.equal(await exited, 0, stderr)
})
