import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import type { Expected } from './score.js'

export interface CorpusPage {
  name: string
  /** Prefix of the name before the first '-': readability, metascraper, fundus, htmldate, newspaper4k. */
  source: string
  html: string
  /** Size of source.html on disk. */
  bytes: number
  expected: Expected
  /** URL handed to the extractors: expected.url, or the fixed fake one the evaluation uses. */
  url: string
}

export type Split = 'dev' | 'check' | 'all'

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i

/** The charset a page declares in a <meta> tag within its first 4 KB, lower-cased, or null. */
export function sniffCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  return META_CHARSET.exec(head)?.[1]?.toLowerCase() ?? null
}

/**
 * Decode source.html as the corpus README says: UTF-8 when the bytes are
 * valid UTF-8 (some pages declare another charset but were re-encoded),
 * else the <meta charset>. A page that claims UTF-8 and isn't is decoded
 * lossily; one that claims nothing falls back to windows-1252, as browsers do.
 */
export function decodeHtml(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const declared = sniffCharset(bytes)
    if (declared === 'utf-8' || declared === 'utf8') return new TextDecoder('utf-8').decode(bytes)
    const charset = declared && iconv.encodingExists(declared) ? declared : 'windows-1252'
    return iconv.decode(Buffer.from(bytes), charset)
  }
}

/**
 * The site a page belongs to, so a split never puts one site on both sides:
 * expected.url's host without "www.", else the page name up to its date part.
 */
export function siteKey(name: string, url: string | null): string {
  if (url) {
    try {
      return new URL(url).hostname.toLowerCase().replace(/^www\d*\./, '')
    } catch {
      // fall through to the name
    }
  }
  return name.replace(/[_-]\d{4}[_-]\d{2}[_-]\d{2}$/, '')
}

/** Deterministic half of the corpus a site falls in: first byte of sha256(site) even → dev. */
export function splitOf(site: string): 'dev' | 'check' {
  const first = createHash('sha256').update(site).digest()[0] ?? 0
  return first % 2 === 0 ? 'dev' : 'check'
}

function readExpected(path: string): Expected {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  const field = (key: string): string | null => (typeof raw[key] === 'string' ? (raw[key] as string) : null)
  return {
    url: field('url'),
    title: field('title'),
    author: field('author'),
    published: field('published'),
    excerpt: field('excerpt'),
    siteName: field('siteName'),
    lang: field('lang'),
  }
}

/** Load every page folder under dir (those with source.html and expected.json), sorted by name. */
export function loadCorpus(dir: string, split: Split = 'all'): CorpusPage[] {
  const pages: CorpusPage[] = []
  for (const name of readdirSync(dir).sort()) {
    const sourcePath = join(dir, name, 'source.html')
    const expectedPath = join(dir, name, 'expected.json')
    if (!existsSync(sourcePath) || !existsSync(expectedPath)) continue
    const expected = readExpected(expectedPath)
    if (split !== 'all' && splitOf(siteKey(name, expected.url)) !== split) continue
    const bytes = readFileSync(sourcePath)
    pages.push({
      name,
      source: name.split('-')[0] ?? name,
      html: decodeHtml(bytes),
      bytes: bytes.length,
      expected,
      url: expected.url ?? `https://example.com/roundup-eval/${name}`,
    })
  }
  return pages
}
