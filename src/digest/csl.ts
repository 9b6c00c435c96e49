import { toCitations, type DateParts } from './citations.js'
import { fullFamily, type CitationName } from './names.js'
import type { Digest } from './types.js'

type CslName = { family: string; given?: string; suffix?: string } | { literal: string }

function cslName(name: CitationName): CslName {
  if ('literal' in name) return { literal: name.literal }
  // The particle stays in the family name ("van der Berg"), the way Zotero stores it.
  return { family: fullFamily(name), ...(name.given ? { given: name.given } : {}), ...(name.suffix ? { suffix: name.suffix } : {}) }
}

function cslDate(parts: DateParts | null): { 'date-parts': [DateParts] } | undefined {
  return parts ? { 'date-parts': [parts] } : undefined
}

/** CSL-JSON (citeproc, Zotero, Pandoc): one `post-weblog` item per post, the blog as container. */
export function renderCsl(digest: Digest): string {
  const items = toCitations(digest).map((c) => ({
    id: c.key,
    type: 'post-weblog',
    title: c.title,
    ...(c.authors.length ? { author: c.authors.map(cslName) } : {}),
    ...(c.container ? { 'container-title': c.container } : {}),
    ...(c.issued ? { issued: cslDate(c.issued) } : {}),
    ...(c.accessed ? { accessed: cslDate(c.accessed) } : {}),
    URL: c.url,
    ...(c.abstract ? { abstract: c.abstract } : {}),
  }))
  return JSON.stringify(items, null, 2) + '\n'
}
