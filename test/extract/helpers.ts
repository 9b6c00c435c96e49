import { extractPage } from '../../src/extract/index.js'
import type { ExtractedPage, ExtractOptions } from '../../src/extract/index.js'

export const BASE = 'http://blog.example/2009/04/post.html'
export const FETCHED_AT = new Date('2025-01-01T00:00:00Z')

/** Extract a small HTML snippet at the fixed fake base URL. */
export function extract(html: string, url = BASE, options: ExtractOptions = {}): ExtractedPage {
  return extractPage(html, url, { fetchedAt: FETCHED_AT, ...options })
}

/** Wrap body markup in a minimal document. */
export function doc(body: string, head = ''): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`
}

/** Enough prose to look like a post body. */
export const PROSE = '<p>The panel spent most of the hour on measurement, and on why counting followers tells you very little about whether a programme works.</p><p>Several speakers argued that the organization has to change before the marketing can, which surprised nobody who has run a change project.</p>'
