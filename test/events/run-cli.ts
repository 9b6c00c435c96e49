import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StoreData } from '../../src/store/schema.js'

export { runCli } from '../helpers/cli.js'

/** A store file holding `data`, in a fresh temporary folder. */
export async function storeFile(data: StoreData): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'roundup-events-')), 'roundup.json')
  await writeFile(file, JSON.stringify(data))
  return file
}
