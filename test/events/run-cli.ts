import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { StoreData } from '../../src/store/schema.js'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))

/** Run the CLI from source in a child process, with no store or proxy inherited from the environment. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: { ...process.env, ROUNDUP_DB: '', HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', NO_COLOR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

/** A store file holding `data`, in a fresh temporary folder. */
export async function storeFile(data: StoreData): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'roundup-events-')), 'roundup.json')
  await writeFile(file, JSON.stringify(data))
  return file
}
