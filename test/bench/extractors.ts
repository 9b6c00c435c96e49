import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import createMetascraper from 'metascraper'
import metascraperAuthor from 'metascraper-author'
import metascraperDate from 'metascraper-date'
import metascraperDescription from 'metascraper-description'
import metascraperPublisher from 'metascraper-publisher'
import metascraperTitle from 'metascraper-title'
import type { ExtractedPage, ExtractOptions } from '../../src/extract/types.js'
import type { Prediction } from './score.js'

/** One extractor under test, reduced to the five scored fields. */
export interface Extractor {
  name: string
  extract(html: string, url: string): Prediction | Promise<Prediction>
}

type ExtractPage = (html: string, url: string, options?: ExtractOptions) => ExtractedPage | Promise<ExtractedPage>

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

/** Reduce roundup's page to the scored fields, authors comma-joined as the evaluation expects. */
export function toPrediction(page: ExtractedPage): Prediction {
  return {
    title: page.title,
    author: page.authors.length ? page.authors.join(', ') : null,
    published: page.published,
    excerpt: page.excerpt,
    siteName: page.siteName,
  }
}

/**
 * Load roundup's extractPage. It is imported by a computed path so the bench
 * still typechecks and runs its peers while src/extract/index.ts is missing.
 */
export async function loadRoundup(
  specifier = new URL('../../src/extract/index.ts', import.meta.url).href,
): Promise<Extractor | Error> {
  try {
    const module = (await import(specifier)) as { extractPage?: ExtractPage }
    const extractPage = module.extractPage
    if (typeof extractPage !== 'function') return new Error(`${specifier} does not export extractPage`)
    return { name: 'roundup', extract: async (html, url) => toPrediction(await extractPage(html, url)) }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

/** @mozilla/readability on a linkedom document: title, byline, excerpt, siteName, publishedTime. */
export function createReadability(): Extractor {
  return {
    name: 'Readability',
    extract(html) {
      const { document } = parseHTML(html)
      const article = new Readability(document as never).parse()
      return {
        title: text(article?.title),
        author: text(article?.byline),
        published: text(article?.publishedTime),
        excerpt: text(article?.excerpt),
        siteName: text(article?.siteName),
      }
    },
  }
}

/**
 * metascraper 5.49.24 with the title, author, date, description and publisher
 * rules. Its `date` field is the one the brief names; note that its rule list
 * tries dateModified before datePublished.
 */
export function createMetascraperPeer(): Extractor {
  const scrape = createMetascraper([
    metascraperTitle(),
    metascraperAuthor(),
    metascraperDate(),
    metascraperDescription(),
    metascraperPublisher(),
  ])
  return {
    name: 'metascraper',
    async extract(html, url) {
      const meta = await scrape({ html, url })
      return {
        title: text(meta.title),
        author: text(meta.author),
        published: text(meta.date),
        excerpt: text(meta.description),
        siteName: text(meta.publisher),
      }
    },
  }
}
