// One extraction worker thread: extractPage on messages from the crawl's extract pool.
import { parentPort } from 'node:worker_threads'
import { isRoundupError } from '../errors.js'
import { extractPage } from '../extract/index.js'
import { findBacklinks, type PageBacklink } from '../extract/backlinks.js'

export interface ExtractTask {
  id: number
  html: string
  url: string
  fetchedAt: number | null
  maxTextLength: number | null
}

export type ExtractReply =
  | { id: number; page: ReturnType<typeof extractPage> & { backlinks: PageBacklink[] } }
  | { id: number; error: { code: string | null; message: string; url: string | null } }

parentPort?.on('message', (task: ExtractTask) => {
  let reply: ExtractReply
  try {
    const page = extractPage(task.html, task.url, {
      ...(task.fetchedAt !== null ? { fetchedAt: new Date(task.fetchedAt) } : {}),
      ...(task.maxTextLength !== null ? { maxTextLength: task.maxTextLength } : {}),
    })
    // The crawl wants the page's pingbacks too: finding them here keeps their parse off the main thread.
    reply = { id: task.id, page: { ...page, backlinks: findBacklinks(task.html, task.url) } }
  } catch (error) {
    reply = {
      id: task.id,
      error: {
        code: isRoundupError(error) ? error.code : null,
        message: error instanceof Error ? error.message : String(error),
        url: isRoundupError(error) ? (error.info.url ?? null) : null,
      },
    }
  }
  parentPort!.postMessage(reply)
})
parentPort?.postMessage({ ready: true })
