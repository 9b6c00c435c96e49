// Crash safety (issue 6 part 5, the crawl half): a CLI crawl is killed with SIGKILL at random
// points, again and again, on the same store. After every kill the store still loads (or was
// never written), and one last uninterrupted run completes the work, with no duplicate
// posts or events, the same as a crawl that was never interrupted.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openJsonStore, readStoreFile, type StoreData } from '../../src/store/index.js'
import { normalizeUrl } from '../../src/url/normalize.js'
import { startCrashSite } from './site.js'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
const KILLS = 8
const LANES = 2
const POSTS = 32

/** A small seeded generator, so a failing sequence of kill points can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 2 ** 32
  }
}

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Per-URL log lines seen before the kill. */
  progress: number
}

/** Run `roundup crawl`; with `killAt`, SIGKILL it after that many per-URL lines (or ms, if negative). */
function crawl(seed: string, db: string, killAt?: { lines: number } | { ms: number }, extraDelayMs = 0): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'crawl', seed, '--db', db, '--allow-private', '--no-archive', '--delay', '40', '--concurrency', '8', '--json', '-v'], {
      env: { ...process.env, ROUNDUP_DB: '', HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let progress = 0
    let killed = false
    const kill = () => {
      if (killed) return
      killed = true
      setTimeout(() => child.kill('SIGKILL'), extraDelayMs)
    }
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => {
      stderr += d
      progress = (stderr.match(/^info: crawl /gm) ?? []).length
      if (killAt && 'lines' in killAt && progress >= killAt.lines) kill()
    })
    const timer = killAt && 'ms' in killAt ? setTimeout(kill, killAt.ms) : null
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, progress })
    })
  })
}

/** What a crawl leaves behind, in a form two stores can be compared by. */
function summary(data: StoreData) {
  const events = Object.values(data.events)
  return {
    events: events.map((e) => ({ seeds: e.seeds, members: e.posts.map((m) => m.url).sort() })),
    posts: Object.values(data.posts).map((p) => `${p.url} ${p.status} ${p.outcome} ${p.title}`).sort(),
    feeds: Object.values(data.feeds).map((f) => `${f.url} ${f.outcome} ${f.itemCount}`).sort(),
  }
}

test('a crawl killed with SIGKILL at random points leaves a loadable store, and the next run completes the work', { timeout: 240_000 }, async (t) => {
  const site = await startCrashSite({ posts: POSTS, latencyMs: 8 })
  const dir = await mkdtemp(join(tmpdir(), 'roundup-crash-'))
  t.after(async () => {
    await site.close()
    await rm(dir, { recursive: true, force: true })
  })
  const seed = Number(process.env.ROUNDUP_CRASH_SEED) || Date.now() % 1_000_000
  t.diagnostic(`kill points seeded with ${seed} (replay with ROUNDUP_CRASH_SEED=${seed})`)
  const next = random(seed)

  const reference = join(dir, 'reference.json')
  // Two stores killed side by side (one per core); the uninterrupted reference runs alongside.
  const referenceRun = crawl(site.seedUrl, reference)
  const lanes = await Promise.all(Array.from({ length: LANES }, async (_, lane) => {
    const db = join(dir, `killed-${lane}.json`)
    const kills: string[] = []
    let written = false
    for (let i = 0; i < KILLS / LANES; i++) {
      // One kill in three lands at a random moment (start-up, lock, store open); the rest after a
      // random number of URLs, plus a little, so they land in fetches, extraction and writes.
      const at = i % 3 === 2 ? { ms: 200 + Math.floor(next() * 2500) } : { lines: Math.floor(next() * (POSTS + 1)) }
      const run = await crawl(site.seedUrl, db, at, Math.floor(next() * 30))
      kills.push(run.signal === 'SIGKILL' ? `killed after ${run.progress} URLs` : `finished (exit ${run.code}) before the kill`)
      assert.ok(run.signal === 'SIGKILL' || run.code === 0, `lane ${lane} run ${i} failed on its own: exit ${run.code}\n${run.stderr.slice(-2000)}`)
      if (existsSync(db)) {
        written = true
        // It loads, and is what it claims to be; no event lists a post twice.
        const data = await readStoreFile(db)
        for (const event of Object.values(data.events)) {
          const urls = event.posts.map((m) => m.url)
          assert.equal(new Set(urls).size, urls.length, `lane ${lane} run ${i}: duplicate members`)
        }
        const reader = await openJsonStore(db, { readOnly: true })
        await reader.close()
      } else {
        // Absent is fine only if no run ever got to write it: a store never disappears.
        assert.ok(!written, `lane ${lane} run ${i}: the store file is gone`)
      }
      if (existsSync(`${db}.bak`)) await readStoreFile(`${db}.bak`)
    }
    // The lock a killed run left behind does not stop the next run.
    const last = await crawl(site.seedUrl, db)
    assert.equal(last.code, 0, last.stderr)
    assert.equal((JSON.parse(last.stdout) as { counts: { errors: number } }).counts.errors, 0)
    return { db, kills }
  }))
  const kills = lanes.flatMap((lane) => lane.kills)
  t.diagnostic(kills.join('; '))
  assert.ok(kills.filter((k) => k.startsWith('killed')).length >= KILLS / 2, 'most runs were really killed mid-way')
  const finished = await referenceRun
  assert.equal(finished.code, 0, finished.stderr)

  const want = summary(await readStoreFile(reference))
  const expected = [site.seedUrl, ...site.postUrls].map((u) => normalizeUrl(u)!).sort()
  assert.deepEqual(want.events[0]?.members, expected)
  for (const { db } of lanes) {
    const got = summary(await readStoreFile(db))
    assert.equal(got.events.length, 1, 'one event, however many runs')
    // Every listed post is there once, stored, exactly as after a crawl never interrupted.
    assert.deepEqual(got, want)
    assert.equal(got.posts.filter((p) => / ok stored /.test(p)).length, POSTS + 1)
  }
})
