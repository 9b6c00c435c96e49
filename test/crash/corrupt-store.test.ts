// A corrupt or foreign store file (issue 6 part 7), end to end through the CLI: one clear
// line naming the file and saying how to recover, exit 1, the file left byte for byte as it
// was, nothing fetched; and the last good file kept as .bak by a later successful write.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readStoreFile } from '../../src/store/index.js'
import { runCli } from '../helpers/cli.js'
import { startServer } from '../helpers/server.js'
import { page } from '../hostile/page.js'


const cli = (args: string[]) => runCli(args, { NO_COLOR: '1' })

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

test('a corrupt or foreign store is refused by every command with one clear line, and never overwritten; .bak restores it', { timeout: 180_000 }, async (t) => {
  const server = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page({ title: `A post at ${req.url}`, author: 'Store Keeper', date: '2009-04-01' }))
  }, { host: '127.0.0.36' })
  const dir = await mkdtemp(join(tmpdir(), 'roundup-corrupt-'))
  t.after(async () => {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })
  const crawlArgs = (db: string, path: string) => ['crawl', `${server.origin}${path}`, '--db', db, '--allow-private', '--no-archive', '--delay', '0']

  // Two good runs: the second keeps the first's file as .bak before it rewrites the store.
  const db = join(dir, 'roundup.json')
  const first = await cli(crawlArgs(db, '/first.html'))
  assert.equal(first.code, 0, first.stderr)
  await assert.rejects(stat(`${db}.bak`), 'no .bak before there was a file to keep')
  const firstGood = await readFile(db)
  const second = await cli(crawlArgs(db, '/second.html'))
  assert.equal(second.code, 0, second.stderr)
  assert.deepEqual(await readFile(`${db}.bak`), firstGood, '.bak is the last good file, byte for byte')
  const good = await readFile(db)
  assert.equal(Object.keys((await readStoreFile(db)).events).length, 2)

  // Every case through crawl (the command that writes); a read-only command on two of them.
  const cases: Array<{ name: string; content: Buffer | string; says: RegExp; reader?: string[] }> = [
    { name: 'cut short', content: good.subarray(0, Math.floor(good.length / 2)), says: /is not valid JSON/, reader: ['digest'] },
    { name: 'empty', content: '', says: /is not valid JSON/ },
    { name: 'foreign JSON', content: JSON.stringify({ name: 'my-package', version: '1.0.0' }), says: /is not a roundup store/, reader: ['events', '--json'] },
    { name: 'posts missing', content: JSON.stringify({ format: 'roundup-store', version: 1, events: {} }), says: /is missing its posts or events/ },
  ]
  // A store from a newer roundup: refused too, with the way forward named (checked below).
  const newer = join(dir, 'newer.json')
  const newerText = JSON.stringify({ format: 'roundup-store', version: 99, posts: {}, events: {} })
  await writeFile(newer, newerText)
  const requestsBefore = server.log.length
  const newerRun = cli(crawlArgs(newer, '/third.html'))
  await Promise.all(cases.map(async (c, i) => {
    const caseDir = join(dir, `case-${i}`)
    await mkdir(caseDir)
    const file = join(caseDir, 'roundup.json')
    await writeFile(file, c.content)
    await copyFile(`${db}.bak`, `${file}.bak`)
    const before = await readFile(file)
    const runs = await Promise.all([cli(crawlArgs(file, '/third.html')), ...(c.reader ? [cli([...c.reader, '--db', file])] : [])])
    for (const [j, run] of runs.entries()) {
      const label = `${c.name}, ${j === 0 ? 'crawl' : c.reader!.join(' ')}`
      assert.equal(run.code, 1, `${label}: ${run.stderr}`)
      assert.equal(run.stdout, '', label)
      if (j > 0 && c.reader!.includes('--json')) {
        const error = JSON.parse(run.stderr) as { error: { code: string; message: string } }
        assert.equal(error.error.code, 'STORE_CORRUPT', label)
        assert.match(error.error.message, new RegExp(escape(file)), label)
        continue
      }
      const lines = run.stderr.trimEnd().split('\n')
      assert.equal(lines.length, 1, `${label}: one line, no stack trace: ${run.stderr}`)
      assert.match(lines[0]!, new RegExp(`^roundup: ${escape(file)} `), `${label}: names the file first`)
      assert.match(lines[0]!, c.says, label)
      assert.match(lines[0]!, /left untouched/, `${label}: says it did not touch it`)
      assert.match(lines[0]!, new RegExp(`restore ${escape(file)}\\.bak`), `${label}: says how to recover`)
      assert.match(lines[0]!, /--db/, `${label}: or how to go on with another file`)
    }
    assert.deepEqual(await readFile(file), before, `${c.name}: the file is left as it was`)
    assert.deepEqual(await readFile(`${file}.bak`), firstGood, `${c.name}: the backup is left as it was`)
    await assert.rejects(stat(`${file}.lock`), `${c.name}: no lock left behind`)
  }))
  const refused = await newerRun
  assert.equal(server.log.length, requestsBefore, 'nothing is fetched for a store that cannot be used')
  assert.equal(refused.code, 1, refused.stderr)
  assert.match(refused.stderr, /schema version 99, newer than this roundup understands .*upgrade roundup/)
  assert.equal(await readFile(newer, 'utf8'), newerText)

  // Following the advice works: restore the .bak and carry on.
  const broken = join(dir, 'case-0', 'roundup.json')
  await copyFile(`${broken}.bak`, broken)
  const restored = await cli(['digest', '--db', broken, '--format', 'json'])
  assert.equal(restored.code, 0, restored.stderr)
  assert.equal((JSON.parse(restored.stdout) as { events: unknown[] }).events.length, 1)
  const resumed = await cli(crawlArgs(broken, '/third.html'))
  assert.equal(resumed.code, 0, resumed.stderr)
  assert.equal(Object.keys((await readStoreFile(broken)).events).length, 2)
})
