import type { Command } from 'commander'
import { createLogger } from '../../log.js'
import { DEFAULTS } from '../../options.js'
import type { SearchHit, Snippet } from '../../search/index.js'
import { createRoundup } from '../../roundup.js'
import { flatten } from '../../search/snippet.js'
import { readEnv } from '../env.js'
import { parseInteger } from '../parse.js'
import { commonOptions, logLevel, type CommonFlags } from './common.js'

interface SearchFlags extends CommonFlags {
  event?: string
  limit: number
}

/** Marks around each hit: bold on a colour terminal, «guillemets» anywhere else. */
function marker(stream: NodeJS.WriteStream): [string, string] {
  return stream.isTTY === true && !process.env.NO_COLOR ? ['\x1b[1m', '\x1b[22m'] : ['«', '»']
}

/** Snippet text is already flat (no controls, so no escape sequences of its own); only the marks are added. */
function markSnippet(snippet: Snippet, [open, close]: [string, string]): string {
  let out = ''
  let at = 0
  for (const { start, end } of snippet.highlights) {
    out += snippet.text.slice(at, start) + open + snippet.text.slice(start, end) + close
    at = end
  }
  return out + snippet.text.slice(at)
}

function renderHit(hit: SearchHit, rank: number, marks: [string, string]): string {
  const meta = [hit.authors.join(', '), hit.siteName ?? '', hit.published?.slice(0, 10) ?? ''].map((s) => flatten(s)).filter(Boolean)
  const lines = [`${rank}. ${flatten(hit.title ?? hit.url)}${meta.length ? ' — ' + meta.join(', ') : ''}`, `   ${flatten(hit.url)}  [${hit.events.join(', ')}]`]
  if (hit.snippet) lines.push(`   ${markSnippet(hit.snippet, marks)}`)
  return lines.join('\n')
}

export function registerSearch(program: Command): void {
  const command = program
    .command('search')
    .summary('full-text search over the stored posts: titles, authors, excerpts and body text')
    .argument('<query...>', 'words to find; prefixes ("manag") and small typos match too')
    .option('--event <id>', 'only posts of this event (see "roundup events")')
    .option('--limit <n>', 'show at most this many results', parseInteger('--limit', 1), 20)
  commonOptions(command).action(async (words: string[], flags: SearchFlags) => {
    const roundup = createRoundup({ dataFile: flags.db ?? readEnv().db ?? DEFAULTS.dataFile, logger: createLogger(logLevel(flags)) })
    const report = await roundup.search(words.join(' '), { limit: flags.limit, ...(flags.event !== undefined ? { eventId: flags.event } : {}) })
    if (flags.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n')
      return
    }
    if (flags.quiet) return
    if (report.total === 0) {
      // Every stored post came from a crawl's event: an empty index is a store with no events, known without loading it again.
      const empty = report.index.documents === 0
      process.stdout.write(`no posts match ${JSON.stringify(report.query)}${empty ? ': no events yet, run "roundup crawl <url>" first' : ''}\n`)
      return
    }
    const marks = marker(process.stdout)
    const head = `${report.total} ${report.total === 1 ? 'post matches' : 'posts match'} ${JSON.stringify(report.query)}${report.match === 'any' ? ' (no post has every word; showing posts with any)' : ''}`
    const shown = report.hits.length < report.total ? `; showing ${report.hits.length}` : ''
    process.stdout.write(`${head}${shown}\n\n${report.hits.map((hit, i) => renderHit(hit, i + 1, marks)).join('\n\n')}\n`)
  })
}
