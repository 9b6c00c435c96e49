// Node 20's --test takes paths, not globs, so collect the test files here.
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { spawnSync } from 'node:child_process'

const root = new URL('.', import.meta.url).pathname
const filter = process.argv.slice(2)

function collect(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (name === 'fixtures' || name === 'node_modules' || name === 'bench') continue
    if (statSync(path).isDirectory()) collect(path, out)
    else if (name.endsWith('.test.ts')) out.push(path)
  }
  return out
}

let files = collect(root, [])
if (filter.length) files = files.filter((file) => filter.some((f) => relative(root, file).includes(f)))
if (!files.length) {
  console.error('no test files matched')
  process.exit(1)
}
// Every test process, and every child it spawns, refuses to reach anything but loopback.
const guard = join(root, 'helpers', 'no-network.mjs')
// A discard port on loopback: a CLI run that forgets --archive-endpoint fails fast and locally.
const env = { ...process.env, ROUNDUP_ARCHIVE_ENDPOINT: 'http://127.0.0.1:9/wayback/available', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${guard}`.trim() }
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
