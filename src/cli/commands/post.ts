import type { Command } from 'commander'
import { commonOptions } from './common.js'
import { forChange, type WriteFlags } from './event.js'

interface RemoveFlags extends WriteFlags {
  event?: string
}

export function registerPost(program: Command): void {
  const post = program.command('post').summary('change stored posts: remove one from its events for good')
  post.exitOverride()

  const remove = post
    .command('remove')
    .summary('take a post out of an event (or every event); later crawls and refreshes leave it out')
    .argument('<url>', 'the post: its listed URL, where it redirected, or its canonical URL')
    .option('--event <id>', 'only from this event (see "roundup events")')
    .option('--wait', 'wait for another run that holds the store lock, instead of failing')
  commonOptions(remove).exitOverride().action(async (url: string, flags: RemoveFlags) => {
    const { roundup, waitMs } = forChange(flags)
    const result = await roundup.removePost(url, { waitMs, ...(flags.event !== undefined ? { eventId: flags.event } : {}) })
    if (flags.json) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n')
      return
    }
    if (flags.quiet) return
    const lines: string[] = []
    if (result.removedFrom.length) lines.push(`removed ${result.url} from ${result.removedFrom.join(', ')}; later crawls and refreshes leave it out`)
    if (result.alreadyRemoved.length) lines.push(`${result.url} was already removed from ${result.alreadyRemoved.join(', ')}`)
    process.stdout.write(lines.join('\n') + '\n')
  })
}
