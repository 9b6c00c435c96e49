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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' })
process.exit(result.status ?? 1)
