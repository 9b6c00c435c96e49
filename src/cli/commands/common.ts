import type { Command } from 'commander'
import { createLogger, type LogLevel } from '../../log.js'
import { DEFAULTS, type RoundupOptions } from '../../options.js'
import { parseHttpUrl } from '../../url/normalize.js'
import type { CliEnv } from '../env.js'
import { UsageError } from '../output.js'
import { parseInteger } from '../parse.js'

export interface CommonFlags {
  db?: string
  json?: boolean
  verbose?: number
  quiet?: boolean
}

/** Flags every command takes: where the store is, and how to talk. */
export function commonOptions(command: Command): Command {
  return command
    .option('--db <file>', 'store file (default: $ROUNDUP_DB or data/roundup.json)')
    .option('--json', 'machine-readable output on stdout; errors as JSON on stderr')
    .option('-v, --verbose', 'more detail on stderr (twice for debug); stack traces on errors', (_: string, n: number) => n + 1, 0)
    .option('-q, --quiet', 'print nothing on success')
}

export function logLevel(flags: CommonFlags): LogLevel {
  if (flags.quiet) return 'error'
  if ((flags.verbose ?? 0) >= 2) return 'debug'
  if ((flags.verbose ?? 0) >= 1) return 'info'
  return 'warn'
}

/** Flags of the commands that fetch (crawl, refresh): politeness, network and archive. */
export interface NetworkFlags extends CommonFlags {
  concurrency: number
  perHost: number
  delay: number
  proxy?: string
  allowPrivate?: boolean
  userAgent?: string
  robots: boolean
  archive: boolean
  archiveEndpoint?: string
}

export function networkOptions(command: Command, noArchiveHelp: string): Command {
  return command
    .option('--concurrency <n>', 'requests in flight across all hosts', parseInteger('--concurrency', 1), DEFAULTS.concurrency)
    .option('--per-host <n>', 'requests in flight to one host', parseInteger('--per-host', 1), DEFAULTS.perHost)
    .option('--delay <ms>', 'minimum gap between requests to one host', parseInteger('--delay'), DEFAULTS.delayMs)
    .option('--proxy <url>', 'HTTP proxy (default: HTTPS_PROXY / HTTP_PROXY; NO_PROXY honoured)')
    .option('--allow-private', 'allow loopback and private addresses (never link-local)')
    .option('--user-agent <ua>', 'User-Agent to send (keep a contact URL in it)')
    .option('--no-robots', 'ignore robots.txt (only for your own sites)')
    .option('--no-archive', noArchiveHelp)
    .option('--archive-endpoint <url>', `the archive's availability API (default: $ROUNDUP_ARCHIVE_ENDPOINT or ${DEFAULTS.archiveEndpoint})`)
}

/** createRoundup's options from the flags and the environment; a bad proxy or archive URL is a usage error. */
export function networkSettings(flags: NetworkFlags, env: CliEnv): RoundupOptions & { dataFile: string } {
  const proxy = flags.proxy ?? env.proxy
  if (proxy !== undefined && !parseHttpUrl(proxy)) throw new UsageError(`--proxy must be an http(s) URL, got ${JSON.stringify(proxy)}`)
  const archiveEndpoint = flags.archiveEndpoint ?? env.archiveEndpoint
  if (archiveEndpoint !== undefined && !parseHttpUrl(archiveEndpoint)) {
    throw new UsageError(`--archive-endpoint must be an http(s) URL, got ${JSON.stringify(archiveEndpoint)}`)
  }
  return {
    dataFile: flags.db ?? env.db ?? DEFAULTS.dataFile,
    concurrency: flags.concurrency,
    perHost: flags.perHost,
    delayMs: flags.delay,
    allowPrivate: flags.allowPrivate === true,
    respectRobots: flags.robots,
    proxy,
    noProxy: env.noProxy,
    archive: flags.archive,
    ...(archiveEndpoint !== undefined ? { archiveEndpoint } : {}),
    ...(flags.userAgent ? { userAgent: flags.userAgent } : {}),
    logger: createLogger(logLevel(flags)),
  }
}
