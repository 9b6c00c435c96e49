import { readFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { Command } from 'commander'
import { extractPage } from '../../extract/index.js'
import type { ExtractedPage } from '../../extract/types.js'
import { createFetcher, decodeBody } from '../../fetch/index.js'
import { createLogger } from '../../log.js'
import { DEFAULTS } from '../../options.js'
import { parseHttpUrl } from '../../url/normalize.js'
import { readEnv } from '../env.js'
import { UsageError } from '../output.js'
import { commonOptions, logLevel, type CommonFlags } from './common.js'

interface ExtractFlags extends CommonFlags {
  url?: string
  allowPrivate?: boolean
  userAgent?: string
}

/** The fields the corpus scorer reads, first, then the full extraction. */
export function extractionJson(page: ExtractedPage, name?: string): Record<string, unknown> {
  const { title, published, excerpt, siteName, ...rest } = page
  return {
    ...(name ? { name } : {}),
    title,
    author: page.authors.length ? page.authors.join(', ') : null,
    published,
    excerpt,
    siteName,
    ...rest,
  }
}

async function loadInput(input: string, flags: ExtractFlags): Promise<{ html: string; url: string }> {
  const remote = /^[a-z][a-z0-9+.-]*:/i.test(input) && !/^[a-z]:[\\/]/i.test(input)
  if (remote) {
    if (!parseHttpUrl(input)) throw new UsageError(`not an http(s) URL or a readable file: ${JSON.stringify(input)}`)
    const env = readEnv()
    const fetcher = createFetcher({
      userAgent: flags.userAgent ?? DEFAULTS.userAgent, concurrency: 1, perHost: 1, delayMs: 0,
      connectTimeoutMs: DEFAULTS.connectTimeoutMs, headersTimeoutMs: DEFAULTS.headersTimeoutMs, totalTimeoutMs: DEFAULTS.totalTimeoutMs,
      maxBodyBytes: DEFAULTS.maxBodyBytes, maxRedirects: DEFAULTS.maxRedirects, maxRetries: DEFAULTS.maxRetries,
      retryBaseMs: DEFAULTS.retryBaseMs, maxRetryAfterMs: DEFAULTS.maxRetryAfterMs, allowPrivate: flags.allowPrivate === true,
      respectRobots: true, proxy: env.proxy, noProxy: env.noProxy, logger: createLogger(logLevel(flags)),
    })
    try {
      const result = await fetcher.fetch({ url: input, kind: 'page' })
      return { html: result.body, url: flags.url ?? result.finalUrl }
    } finally {
      await fetcher.close()
    }
  }
  let bytes: Buffer
  try {
    bytes = await readFile(input)
  } catch (error) {
    throw new UsageError(`cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  const base = flags.url ?? `https://example.com/roundup-eval/${basename(input) === 'source.html' ? basename(dirname(input)) : basename(input)}`
  if (!parseHttpUrl(base)) throw new UsageError(`--url must be an absolute http(s) URL, got ${JSON.stringify(flags.url)}`)
  return { html: decodeBody(bytes, null, 'page').text, url: base }
}

export function registerExtract(program: Command): void {
  const command = program
    .command('extract')
    .summary("print one page's extraction (title, author, date, excerpt, links)")
    .argument('<file|url>', 'an HTML file, or an http(s) URL to fetch')
    .option('--url <base>', 'the page URL, for resolving links (files only need it)')
    .option('--allow-private', 'allow loopback and private addresses when fetching')
    .option('--user-agent <ua>', 'User-Agent to send')
  commonOptions(command).action(async (input: string, flags: ExtractFlags) => {
    const { html, url } = await loadInput(input, flags)
    const page = extractPage(html, url)
    if (flags.json) {
      process.stdout.write(JSON.stringify(extractionJson(page), null, 2) + '\n')
      return
    }
    const lines = [
      ['title', page.title], ['author', page.authors.join(', ') || null], ['published', page.published],
      ['site', page.siteName], ['excerpt', page.excerpt], ['canonical', page.canonicalUrl],
      ['feeds', page.feeds.map((f) => f.url).join(' ') || null],
    ]
    for (const [key, value] of lines) process.stdout.write(`${(key as string).padEnd(10)} ${value ?? '-'}\n`)
    for (const section of page.crossRefs) {
      process.stdout.write(`cross-references: ${section.heading}\n`)
      for (const entry of section.entries) process.stdout.write(`  - ${entry.entryText} <${entry.url}>\n`)
    }
  })
}
