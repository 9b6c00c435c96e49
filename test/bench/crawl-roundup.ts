// bench:crawl rows (c) and (e): the real `roundup crawl` command, run in this child process.
// The CLI's modules are loaded first, so the clock covers the crawl (store open to store closed),
// not tsx compiling TypeScript. argv after the script name is the CLI's own argv.
import { performance } from 'node:perf_hooks'
import { writeResult } from './crawl-child.js'

// Warm the module cache with everything main.ts pulls in, without running it.
await import('../../src/cli/commands/crawl.js')
await import('../../src/cli/output.js')
await import('commander')

const cliArgs = process.argv.slice(2)
let started = 0
let reported = false
const captured: Buffer[] = []
// The CLI prints its --json report on stdout; keep it to count what was stored.
const write = process.stdout.write.bind(process.stdout)
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  captured.push(Buffer.from(chunk))
  return typeof rest[rest.length - 1] === 'function' ? ((rest[rest.length - 1] as () => void)(), true) : true
}) as typeof process.stdout.write

process.once('beforeExit', () => {
  if (reported) return
  reported = true
  const wallMs = performance.now() - started
  process.stdout.write = write
  const text = Buffer.concat(captured).toString()
  let report: { counts?: { stored: number; skipped: number; errors: number; total: number }; requests?: number } = {}
  try {
    report = JSON.parse(text) as typeof report
  } catch {
    process.stderr.write(`roundup printed no JSON report:\n${text.slice(0, 2000)}\n`)
  }
  writeResult({ pages: report.counts?.stored ?? 0, wallMs, notes: { counts: report.counts, requests: report.requests, exitCode: process.exitCode ?? 0 } })
})

process.argv = [process.argv[0]!, 'roundup', ...cliArgs]
started = performance.now()
await import('../../src/cli/main.js')
