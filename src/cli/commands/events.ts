import type { Command } from 'commander'
import { DEFAULTS } from '../../options.js'
import { createRoundup } from '../../roundup.js'
import { readEnv } from '../env.js'
import { commonOptions, type CommonFlags } from './common.js'

export function registerEvents(program: Command): void {
  const command = program.command('events').summary('list the stored events with post counts and date ranges')
  commonOptions(command).action(async (flags: CommonFlags) => {
    const roundup = createRoundup({ dataFile: flags.db ?? readEnv().db ?? DEFAULTS.dataFile })
    const events = await roundup.events()
    if (flags.json) {
      process.stdout.write(JSON.stringify({ events }, null, 2) + '\n')
      return
    }
    if (!events.length) {
      if (!flags.quiet) process.stdout.write('no events yet: run "roundup crawl <url>" first\n')
      return
    }
    for (const e of events) {
      const range = e.from ? ` ${e.from.slice(0, 10)}${e.to && e.to.slice(0, 10) !== e.from.slice(0, 10) ? ' to ' + e.to.slice(0, 10) : ''}` : ''
      // Keywords last, so the first three columns read as before.
      process.stdout.write(`${e.id}\t${e.posts} posts (${e.stored} stored, ${e.unavailable} unavailable)${range}\t${e.title}\t${e.keywords.join(', ')}\n`)
    }
  })
}
