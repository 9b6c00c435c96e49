// The crawlers in bench:crawl run as compiled JavaScript, as `npx roundup` does from dist/:
// under tsx every process (and every extraction worker) would also carry the TypeScript
// loader and its hooks thread, some 30-60 MB of RSS per thread that no user pays.
import { spawn } from 'node:child_process'
import { cp, rm, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Inside the repository (and gitignored), so the compiled files find node_modules. */
export const BUILD_DIR = `${ROOT}test-output/bench-build`

const ENTRIES = ['test/bench/crawl-raw.ts', 'test/bench/crawl-roundup.ts', 'test/bench/crawl-crawlee.ts', 'test/bench/store-run.ts', 'src/cli/main.ts', 'src/crawl/extract-worker.ts', 'test/bench/links-only-worker.ts']

/** Compile the runners and everything they import; type errors elsewhere in the tree do not stop the emit. */
export async function buildBench(): Promise<string> {
  await rm(BUILD_DIR, { recursive: true, force: true })
  const args = [
    `${ROOT}node_modules/typescript/bin/tsc`, '--outDir', BUILD_DIR, '--rootDir', ROOT, '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
    '--target', 'ES2022', '--lib', 'ES2023', '--skipLibCheck', '--esModuleInterop', '--resolveJsonModule', '--types', 'node', '--noCheck',
    ...ENTRIES.map((entry) => `${ROOT}${entry}`),
  ]
  const output: Buffer[] = []
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  // --noCheck: only syntax errors fail the emit.
  if (code !== 0) throw new Error(`compiling the bench runners failed:\n${Buffer.concat(output).toString().slice(-3000)}`)
  return BUILD_DIR
}

/**
 * A copy of the build whose extraction workers run test/bench/links-only-worker.ts (row c0).
 * The pool loads its worker from a fixed file beside it, so the copy replaces that file.
 */
export async function buildLinksOnly(compiled: string): Promise<string> {
  const dir = `${compiled}-links-only`
  await rm(dir, { recursive: true, force: true })
  await cp(compiled, dir, { recursive: true })
  await writeFile(`${dir}/src/crawl/extract-worker.js`, "import '../../test/bench/links-only-worker.js'\n")
  return dir
}
