import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { RoundupError } from '../errors.js'
import { GENERATOR } from './page-shell.js'
import type { SiteFile } from './render-site.js'

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * Write the site's files under `outDir`, creating folders as needed. A folder whose
 * index.html roundup did not write is refused, so a mistyped --out cannot clobber a page.
 * Each file is written to a temporary name and renamed, so a reader never sees half a page.
 */
export async function writeSite(files: SiteFile[], outDir: string): Promise<string[]> {
  const root = resolve(outDir)
  const indexPath = join(root, 'index.html')
  let existing: string | null
  try {
    existing = await readIfExists(indexPath)
  } catch (error) {
    throw new RoundupError('SITE_IO', `cannot read ${indexPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: indexPath }, { cause: error })
  }
  if (existing !== null && !existing.includes(`<meta name="generator" content="${GENERATOR}">`)) {
    throw new RoundupError('SITE_CONFLICT', `${indexPath} exists and was not written by roundup; choose an empty or new folder for --out`, { file: indexPath })
  }
  const written: string[] = []
  for (const file of files) {
    const path = join(root, ...file.path.split('/'))
    try {
      await mkdir(dirname(path), { recursive: true })
      const temp = `${path}.${process.pid}.tmp`
      await writeFile(temp, file.content)
      await rename(temp, path)
    } catch (error) {
      throw new RoundupError('SITE_IO', `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: path }, { cause: error })
    }
    written.push(path)
  }
  return written
}
