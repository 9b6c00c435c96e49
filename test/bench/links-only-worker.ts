// bench:crawl row (c0): an extraction worker that does only what the crawl needs to go on
// (parse, cross-reference sections, links, feed links) and none of the fields roundup stores
// (title, authors, dates, excerpt, text, site name). It speaks the real worker's protocol, so
// the crawl around it is unchanged; its row is the floor that a cheaper extractor could reach.
import { parentPort } from 'node:worker_threads'
import type { ExtractReply, ExtractTask } from '../../src/crawl/extract-worker.js'
import { createContext } from '../../src/extract/context.js'
import { findCrossRefSections, toPublic } from '../../src/extract/crossrefs.js'
import { extractFeeds } from '../../src/extract/feeds.js'
import { extractLinks } from '../../src/extract/links.js'
import { loadHtml } from '../../src/extract/load-html.js'

parentPort?.on('message', (task: ExtractTask) => {
  let reply: ExtractReply
  try {
    const $ = loadHtml(task.html)
    const ctx = createContext($, task.url, new Date(task.fetchedAt ?? Date.now()))
    const sections = findCrossRefSections(ctx)
    reply = {
      id: task.id,
      page: {
        url: task.url, canonicalUrl: null, title: null, authors: [], published: null, updated: null, excerpt: null, siteName: null, lang: null,
        feeds: extractFeeds($, ctx.dom, ctx.baseUrl), links: extractLinks(ctx, sections), crossRefs: sections.map(toPublic), text: '', sources: {}, candidates: {}, backlinks: [],
      },
    }
  } catch (error) {
    reply = { id: task.id, error: { code: null, message: error instanceof Error ? error.message : String(error), url: task.url } }
  }
  parentPort!.postMessage(reply)
})
parentPort?.postMessage({ ready: true })
