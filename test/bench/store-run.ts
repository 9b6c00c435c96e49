// One phase of bench:store for one size, in its own process so each peak RSS is the phase's own:
// `crawl` (a simulated crawl into an empty store), `batch` (reopen, write batches of 100 changes)
// or `load` (a read-only load). Run by store.ts: store-run.ts PHASE POSTS FILE.
import { readFileSync, writeFileSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { openJsonStore, type StoredPost } from '../../src/store/index.js'
import { createPostMaker } from './store-posts.js'

export interface CrawlPhase {
  posts: number
  averagePostBytes: number
  ms: number
  puts: number
  rewrites: number
  bytesWritten: number
  /** What flushing every 50 changes (the batching before) would have written: the same puts, whole-file rewrites. */
  every50Bytes: number
  fileBytes: number
  peakRssMb: number
}
/** Reopen for writing, change 100 posts, flush: the steady cost of one batch at this size. */
export type BatchPhase = { openMs: number; firstWriteMs: number; medianWriteMs: number; peakRssMb: number } | { error: string }
export type LoadPhase = { ms: number; peakRssMb: number } | { error: string }

const [phase, count, file] = process.argv.slice(2) as ['crawl' | 'batch' | 'load', string, string]
const N = Number(count)
const wchar = () => Number(/wchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0)
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024)
const tick = () => new Promise((resolve) => setImmediate(resolve))
const message = (error: unknown) => (error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message.slice(0, 120)}` : String(error))

const maker = createPostMaker()
const done = (result: CrawlPhase | BatchPhase | LoadPhase) => writeFileSync(process.env.BENCH_RESULT!, JSON.stringify(result))

if (phase === 'crawl') {
  // Each page stores its post, and its list adds a claim to two earlier posts.
  const before = wchar()
  let puts = 0
  let rewrites = 0
  let lastIno = -1
  let every50 = 0
  let stored = 0
  const started = performance.now()
  const store = await openJsonStore(file)
  const put = (post: StoredPost) => {
    store.putPost(post)
    if (++puts % 50 === 0) every50 += stored * maker.averageBytes
  }
  for (let i = 0; i < N; i++) {
    put(maker.make(i))
    stored++
    for (const j of [Math.floor(i / 2), Math.floor(i / 3)]) {
      if (j === i) continue
      const old = store.getPost(maker.urlOf(j))!
      put({ ...old, claims: [...old.claims, { from: maker.urlOf(i), entryText: `entry ${i}`, author: null, site: null }] })
    }
    // One page per turn of the event loop, as in a crawl, where every page is a few network events.
    await tick()
    if (i % 20 === 0) {
      const s = await stat(file).catch(() => null)
      if (s && s.ino !== lastIno) {
        lastIno = s.ino
        rewrites++
      }
    }
  }
  await store.close()
  const ms = performance.now() - started
  const fileBytes = (await stat(file)).size
  done({ posts: N, averagePostBytes: Math.round(maker.averageBytes), ms, puts, rewrites: rewrites + 1, bytesWritten: wchar() - before, every50Bytes: every50 + fileBytes, fileBytes, peakRssMb: peakMb() })
} else if (phase === 'batch') {
  try {
    const t0 = performance.now()
    const store = await openJsonStore(file)
    const openMs = performance.now() - t0
    const times: number[] = []
    for (let round = 0; round < 6; round++) {
      for (let k = 0; k < 100; k++) store.putPost({ ...maker.make((round * 7919 + k * 104729) % N), title: `changed ${round}` })
      const t = performance.now()
      await store.flush()
      times.push(performance.now() - t)
    }
    await store.close()
    // The first write after opening also keeps a .bak copy and writes every post from memory.
    const steady = times.slice(1).sort((a, b) => a - b)
    done({ openMs, firstWriteMs: times[0]!, medianWriteMs: steady[Math.floor(steady.length / 2)]!, peakRssMb: peakMb() })
  } catch (error) {
    done({ error: message(error) })
  }
} else {
  try {
    const t0 = performance.now()
    const reader = await openJsonStore(file, { readOnly: true })
    const ms = performance.now() - t0
    await reader.close()
    done({ ms, peakRssMb: peakMb() })
  } catch (error) {
    done({ error: message(error) })
  }
}
