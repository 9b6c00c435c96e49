import type { Command } from 'commander'
import { DEFAULTS } from '../../options.js'
import { createRoundup } from '../../roundup.js'
import { readEnv } from '../env.js'
import { commonOptions, type CommonFlags } from './common.js'

interface SiteFlags extends CommonFlags {
  event?: string
  out: string
}

export function registerSite(program: Command): void {
  const command = program
    .command('site')
    .summary('write a browsable static site: coverage list, timeline, link graph, filters and search')
    .description('Write index.html, one page per event, and their CSS and JS to a folder. The pages need no network; open them directly or with "roundup serve".')
    .option('--event <id>', 'only this event (see "roundup events"); default: every event')
    .requiredOption('--out <dir>', 'folder to write the site to (created if missing)')
  commonOptions(command).action(async (flags: SiteFlags) => {
    const roundup = createRoundup({ dataFile: flags.db ?? readEnv().db ?? DEFAULTS.dataFile })
    const report = await roundup.site({ outDir: flags.out, ...(flags.event !== undefined ? { eventId: flags.event } : {}) })
    if (flags.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n')
      return
    }
    if (flags.quiet) return
    process.stdout.write(`wrote ${report.files.length} files to ${flags.out}\n`)
    for (const event of report.events) process.stdout.write(`  ${event.page}\t${event.posts} posts\t${event.title}\n`)
    process.stdout.write(`view it with: roundup serve --dir ${JSON.stringify(flags.out)}\n`)
  })
}
