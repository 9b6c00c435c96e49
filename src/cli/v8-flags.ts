import { setFlagsFromString } from 'node:v8'

interface Tuning {
  flag: string
  /** Flags by which the user has already made this choice themselves. */
  given: RegExp
}

const TUNINGS: readonly Tuning[] = [
  {
    // V8 lets a busy heap grow to several times its live size before a full collection; over a
    // long crawl the main thread then sits on hundreds of MB of garbage. A 30% growing factor
    // (read by V8 at every collection, so it applies when set at run time) kept a 10,000-page
    // crawl's peak RSS at ~510 MB instead of ~670-790 MB, for ~3% more CPU (npm run bench:crawl).
    flag: '--heap-growing-percent=30',
    given: /^--(?:heap[-_]growing[-_]percent|optimize[-_]for[-_]size)\b/,
  },
  {
    // The extractor's big once-per-page functions reach TurboFan after a few dozen pages, and
    // each of them takes 30-100 ms to compile, once per thread: the main thread and every
    // extraction worker. Nine times the default budget (67,584) leaves them to the baseline
    // tiers and still optimises the hot loops. A 2,000-page crawl: V8's helper threads 8.7 ->
    // 4.6 CPU s, the crawl 26.3 -> 21.7 CPU s and 13.7 -> 11.6 s (medians of 5, alternating).
    flag: '--interrupt-budget=600000',
    given: /^--(?:interrupt[-_]budget|max[-_]lazy|no[-_]turbofan|jitless)\b/,
  },
]

/** The V8 flags the CLI sets: each one unless the user already chose otherwise. */
export function v8FlagsFor(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)]
  return TUNINGS.filter((tuning) => !given.some((flag) => tuning.given.test(flag))).map((tuning) => tuning.flag)
}

/** Set the flags for this process (and the extraction workers it starts later). */
export function tuneV8(): void {
  for (const flag of v8FlagsFor(process.execArgv, process.env.NODE_OPTIONS)) setFlagsFromString(flag)
}
