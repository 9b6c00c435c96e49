/** Numeric thresholds, so `level >= LEVELS.info` reads naturally. */
export const LEVELS = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 } as const
export type LogLevel = keyof typeof LEVELS

export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface Logger {
  error(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  debug(message: string, fields?: LogFields): void
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} }

function formatFields(fields: LogFields | undefined): string {
  if (!fields) return ''
  const parts: string[] = []
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    const text = String(value)
    parts.push(`${key}=${/[\s"]/.test(text) ? JSON.stringify(text) : text}`)
  }
  return parts.length ? ' ' + parts.join(' ') : ''
}

/** A logger that writes one line per message to a stream (stderr by default). */
export function createLogger(level: LogLevel = 'warn', stream: { write(s: string): unknown } = process.stderr): Logger {
  const threshold = LEVELS[level]
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (LEVELS[at] <= threshold) stream.write(`${at}: ${message}${formatFields(fields)}\n`)
  }
  return {
    error: (m, f) => emit('error', m, f),
    warn: (m, f) => emit('warn', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
  }
}
