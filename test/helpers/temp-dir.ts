import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Run `body` in a fresh temporary folder, removed afterwards whatever happens. */
export async function inTempDir(prefix: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  try {
    await body(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
