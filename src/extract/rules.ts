import type { CheerioAPI } from 'cheerio/slim'
import type { Candidate } from './types.js'
import type { PageContext } from './context.js'

/** One small rule for one field: zero, one or several candidates, never required to succeed. */
export type Rule<T = string> = ($: CheerioAPI, ctx: PageContext) => Candidate<T> | Array<Candidate<T>> | null | undefined

/** A real stack overflow (not "Invalid time value", which is a RangeError too). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message)
}

/** Run every rule in order; a rule that throws contributes nothing. */
export function runRules<T>(rules: ReadonlyArray<Rule<T>>, ctx: PageContext): Array<Candidate<T>> {
  const out: Array<Candidate<T>> = []
  for (const rule of rules) {
    try {
      const result = rule(ctx.$, ctx)
      if (Array.isArray(result)) out.push(...result)
      else if (result) out.push(result)
    } catch (error) {
      if (isStackOverflow(error)) throw error
    }
  }
  return out
}
