// Crude stand-in for src/extract/index.ts, only to exercise the benches.
import { load } from 'cheerio'
const LEAD = /(other blog posts|also blogged|related coverage|more coverage|further reading|other takes|elsewhere|weitere beiträge|sur le même sujet|otras entradas)/i
export function extractPage(html: string, url: string) {
  const $ = load(html)
  const entries: any[] = []
  $('a[href]').each((_, el) => {
    const prevText = $(el).parent().prevAll().slice(0, 3).text() + $(el).parent().parent().prevAll().slice(0, 2).text() + ($(el).parent().contents().first().text())
    if (LEAD.test(prevText)) entries.push({ url: new URL($(el).attr('href')!, url).href, text: $(el).text(), entryText: '', claimedAuthor: null, claimedSite: null })
  })
  return {
    url, canonicalUrl: null,
    title: $('meta[property="og:title"]').attr('content') ?? $('title').text() ?? null,
    authors: ($('meta[name=author]').attr('content') ?? '').split(',').filter(Boolean),
    published: $('meta[property="article:published_time"]').attr('content') ?? null,
    updated: null,
    excerpt: $('meta[name=description]').attr('content') ?? null,
    siteName: $('meta[property="og:site_name"]').attr('content') ?? null,
    lang: null, feeds: [], links: [], crossRefs: [{ heading: 'x', entries }], text: '', sources: {}, candidates: {},
  }
}
