// Every crawler in bench:crawl runs in its own process, so its peak RSS is its own and nothing
// it leaves behind (sockets, heap, timers) colours the next one. This file holds both sides.
import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

/** What a crawler child reports about itself. */
export interface ChildResult {
  /** Pages the crawler says it fetched (and parsed, where it parses). */
  pages: number
  /** From the start of the work (modules already loaded) to its end, in ms. */
  wallMs: number
  /** Peak resident set size of the crawler's process, in MB. */
  peakRssMb: number
  /** CPU time (user + system) of the process, in ms. */
  cpuMs: number
  /** Anything else the runner wants to show. */
  notes?: Record<string, unknown>
}

export interface SpawnedResult extends ChildResult {
  /** Spawn to exit, module loading included. */
  processMs: number
  stdout: string
}

/** Child side: write the result where the parent asked, with this process's own peak RSS. */
export function writeResult(result: Omit<ChildResult, 'peakRssMb' | 'cpuMs'>): void {
  const file = process.env.BENCH_RESULT
  if (!file) throw new Error('BENCH_RESULT is not set: run this through bench:crawl')
  const usage = process.resourceUsage()
  const full: ChildResult = { ...result, peakRssMb: Math.round(usage.maxRSS / 1024), cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }
  writeFileSync(file, JSON.stringify(full))
}

/**
 * Parent side: run `script` (a .ts file under test/bench) and collect its result: from the
 * `compiled` build when given (see crawl-build.ts), else with tsx.
 */
export async function runChild(script: string, args: string[], options: { timeoutMs?: number; env?: Record<string, string>; compiled?: string; nice?: number } = {}): Promise<SpawnedResult> {
  const file = join(tmpdir(), `roundup-bench-${process.pid}-${Math.random().toString(36).slice(2)}.json`)
  const started = performance.now()
  const entry = options.compiled
    ? ['--enable-source-maps', `${options.compiled}/test/bench/${script.replace(/^\.\//, '').replace(/\.ts$/, '.js')}`]
    : ['--import', 'tsx', new URL(script, import.meta.url).pathname]
  // `nice` before node starts, so every thread of the child (workers, GC helpers) inherits it.
  const niced = options.nice !== undefined && process.platform !== 'win32'
  const command = niced ? ['nice', '-n', String(options.nice), process.execPath] : [process.execPath]
  const child = spawn(command[0]!, [...command.slice(1), ...entry, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, BENCH_RESULT: file },
  })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30 * 60_000)
  const code = await new Promise<number | null>((resolve) => child.once('close', (status) => resolve(status)))
  clearTimeout(timer)
  const processMs = performance.now() - started
  const stderr = Buffer.concat(err).toString()
  let result: ChildResult
  try {
    result = JSON.parse(await readFile(file, 'utf8')) as ChildResult
  } catch {
    throw new Error(`${script} exited with ${code} and no result:\n${stderr.slice(-4000)}`)
  } finally {
    await rm(file, { force: true })
  }
  if (code !== 0) throw new Error(`${script} exited with ${code}:\n${stderr.slice(-4000)}`)
  if (stderr.trim()) process.stderr.write(stderr.split('\n').slice(-20).map((l) => `  [${script}] ${l}`).join('\n') + '\n')
  return { ...result, processMs, stdout: Buffer.concat(out).toString() }
}
