import type { Command } from 'commander'
import { isRoundupError } from '../../errors.js'
import type { RoundupRefreshReport } from '../../roundup.js'
import { createRoundup } from '../../roundup.js'
import { readEnv } from '../env.js'
import { parseInteger } from '../parse.js'
import { commonOptions, networkOptions, networkSettings, type NetworkFlags } from './common.js'

interface RefreshFlags extends NetworkFlags {
  event?: string
  force?: boolean
  matchTerms?: boolean
  wait?: boolean
  maxNew: number
}

/** How long --wait waits for the run holding the store. */
const WAIT_MS = 10 * 60_000

export const LOCKED_MESSAGE = 'another refresh is running'

function printSummary(report: RoundupRefreshReport, out: NodeJS.WritableStream): void {
  out.write(
    `refreshed ${report.events.length} event(s): ${report.feedsPolled} feeds polled (${report.feedsNotModified} unchanged), ` +
      `${report.postsChecked} posts checked: ${report.unchanged} unchanged, ${report.changed} changed, ${report.new} new, ${report.gone} gone, ` +
      `${report.newComments} new comments, ${report.errors} errors; ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)}s\n`,
  )
  if (report.notDue.feeds || report.notDue.posts) out.write(`not due yet: ${report.notDue.feeds} feeds, ${report.notDue.posts} posts (--force to ask anyway)\n`)
  for (const added of report.added) out.write(`  new      ${added.url} (${added.reason})\n`)
  for (const change of report.changes) out.write(`  ${change.field.padEnd(8)} ${change.url}: ${JSON.stringify(change.from)} -> ${JSON.stringify(change.to)}\n`)
  if (report.archive?.checked) out.write(`archive: ${report.archive.checked} looked up, ${report.archive.found} with a snapshot, ${report.archive.missing} without\n`)
}

export function registerRefresh(program: Command): void {
  const command = program
    .command('refresh')
    .summary('re-poll feeds, re-check posts, find new coverage and comments (for cron)')
    .description(
      'For each stored event: re-poll its sites\' feeds, re-check its posts with conditional requests, record changes ' +
        '(title, excerpt, gone, moved), add feed items whose page links to the event, and store new comments. ' +
        'Nothing is asked for before it is due. Quiet on success unless --verbose.',
    )
    .option('--event <id>', 'only this event (see "roundup events")')
    .option('--force', 'poll feeds and check posts now, even when not due (gone posts keep their weekly check)')
    .option('--match-terms', "also add feed items that only share the event's title words and keywords")
    .option('--max-new <n>', 'new feed items judged per feed and event in one run', parseInteger('--max-new', 1), 10)
    .option('--wait', 'wait for another run that holds the store, instead of exiting')
  networkOptions(command, 'do not look up posts that went gone in the web archive')
  commonOptions(command).action(async (flags: RefreshFlags) => {
    const env = readEnv()
    const settings = networkSettings(flags, env)
    const dataFile = settings.dataFile
    const roundup = createRoundup(settings)
    // SIGTERM (cron's timeout) and Ctrl-C stop the requests and keep what is done; a second one exits at once.
    const stop = new AbortController()
    const onSignal = (signal: NodeJS.Signals) => {
      if (stop.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143)
      stop.abort()
    }
    process.on('SIGTERM', onSignal)
    process.on('SIGINT', onSignal)
    let report: RoundupRefreshReport
    try {
      report = await roundup.refresh({
        force: flags.force === true,
        matchTerms: flags.matchTerms === true,
        maxNewPerFeed: flags.maxNew,
        waitMs: flags.wait ? WAIT_MS : 0,
        signal: stop.signal,
        ...(flags.event !== undefined ? { eventId: flags.event } : {}),
      })
    } catch (error) {
      // Overlapping cron runs are normal: the second one has nothing to do, which is success.
      if (isRoundupError(error) && error.code === 'STORE_LOCKED') {
        if (flags.json) process.stdout.write(JSON.stringify({ skipped: LOCKED_MESSAGE, store: dataFile }) + '\n')
        else if (!flags.quiet) process.stderr.write(`roundup: ${LOCKED_MESSAGE} (${dataFile} is locked); nothing done. Pass --wait to wait for it.\n`)
        return
      }
      if (stop.signal.aborted) throw new Error('refresh interrupted: what was done is stored, the rest is due for the next run', { cause: error })
      throw error
    } finally {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
    }
    if (flags.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n')
      return
    }
    if ((flags.verbose ?? 0) >= 1) printSummary(report, process.stdout)
    // Cron mails whatever a job prints: only trouble is worth a mail.
    if (report.failures.length && !flags.quiet) {
      process.stderr.write(`roundup: refresh finished with ${report.failures.length} error(s):\n`)
      for (const failure of report.failures) process.stderr.write(`  ${failure.outcome.padEnd(18)} ${failure.what} ${failure.url}${failure.reason ? ` (${failure.reason})` : ''}\n`)
    }
    if (report.archive?.failures.length && !flags.quiet) {
      process.stderr.write(`roundup: ${report.archive.failures.length} web-archive look-up(s) failed (they are tried again next run; --no-archive turns them off):\n`)
      for (const failure of report.archive.failures) process.stderr.write(`  archive-failed     ${failure.url} (${failure.message})\n`)
    }
  })
}
