import { isRoundupError, type ErrorCode } from '../errors.js'

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** Codes that mean the user asked for something malformed, not that the work failed. */
const USAGE_CODES = new Set<ErrorCode>(['OPTIONS_INVALID', 'URL_INVALID', 'EVENT_NOT_FOUND', 'POST_NOT_FOUND'])

export class UsageError extends Error {
  override name = 'UsageError'
}

export interface OutputFlags {
  json?: boolean
  verbose?: boolean | number
}

/** One clear line on stderr (JSON in --json mode); the stack only with --verbose. Returns the exit code. */
export function reportError(error: unknown, flags: OutputFlags, stderr: NodeJS.WritableStream = process.stderr): number {
  const usage = error instanceof UsageError || (isRoundupError(error) && USAGE_CODES.has(error.code))
  const code = isRoundupError(error) ? error.code : usage ? 'USAGE' : 'INTERNAL'
  const message = error instanceof Error ? error.message : String(error)
  if (flags.json) stderr.write(JSON.stringify({ error: { code, message } }) + '\n')
  else stderr.write(`roundup: ${message}${usage ? ' (see roundup --help)' : ''}\n`)
  if (flags.verbose && error instanceof Error && error.stack) stderr.write(error.stack + '\n')
  return usage ? EXIT.usage : EXIT.failed
}

/** A one-line progress indicator, only when stderr is a terminal. */
export function createProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr) {
  const active = enabled && stream.isTTY === true && !process.env.NO_COLOR
  let last = 0
  return {
    update(done: number, queued: number, label: string) {
      if (!active) return
      const now = Date.now()
      if (now - last < 80) return
      last = now
      const width = Math.max(20, (stream.columns ?? 80) - 30)
      const text = label.length > width ? label.slice(0, width - 1) + '…' : label
      stream.write(`\r\x1b[2K[${done}/${done + queued}] ${text}`)
    },
    done() {
      if (active) stream.write('\r\x1b[2K')
    },
  }
}
