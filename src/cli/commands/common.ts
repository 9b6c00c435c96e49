import type { Command } from 'commander'
import type { LogLevel } from '../../log.js'

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
