import type { Command } from 'commander'
import { createRoundup, type Roundup } from '../../roundup.js'
import { DEFAULTS } from '../../options.js'
import { readEnv } from '../env.js'
import { commonOptions, type CommonFlags } from './common.js'

export interface WriteFlags extends CommonFlags {
  wait?: boolean
}

/** The store these flags name, and how long to wait for another run's lock on it. */
export function forChange(flags: WriteFlags): { roundup: Roundup; waitMs: number } {
  return { roundup: createRoundup({ dataFile: flags.db ?? readEnv().db ?? DEFAULTS.dataFile }), waitMs: flags.wait ? 10 * 60_000 : 0 }
}

function writeOptions(command: Command): Command {
  return commonOptions(command).option('--wait', 'wait for another run that holds the store lock, instead of failing')
}

function say(flags: CommonFlags, json: unknown, text: string): void {
  if (flags.json) process.stdout.write(JSON.stringify(json, null, 2) + '\n')
  else if (!flags.quiet) process.stdout.write(text + '\n')
}

export function registerEvent(program: Command): void {
  const event = program.command('event').summary('change stored events: merge two, or rename one')
  event.exitOverride()

  const merge = event
    .command('merge')
    .summary('move the posts and seeds of event B into event A, then delete B')
    .argument('<a>', 'the event that stays (see "roundup events")')
    .argument('<b>', 'the event merged into A and deleted')
  writeOptions(merge).exitOverride().action(async (into: string, from: string, flags: WriteFlags) => {
    const { roundup, waitMs } = forChange(flags)
    const result = await roundup.mergeEvents(into, from, { waitMs })
    say(
      flags,
      { event: { id: result.event.id, title: result.event.title, posts: result.event.posts.length, seeds: result.event.seeds }, movedPosts: result.movedPosts, movedSeeds: result.movedSeeds, deleted: result.deleted },
      `merged ${from} into ${into}: ${result.movedPosts} posts and ${result.movedSeeds} seeds moved, ${result.event.posts.length} posts in ${into} now; ${from} deleted`,
    )
  })

  const rename = event
    .command('rename')
    .summary('give an event a new title (its id stays the same)')
    .argument('<id>', 'the event (see "roundup events")')
    .argument('<title...>', 'the new title')
  writeOptions(rename).exitOverride().action(async (id: string, words: string[], flags: WriteFlags) => {
    const { roundup, waitMs } = forChange(flags)
    const renamed = await roundup.renameEvent(id, words.join(' '), { waitMs })
    say(flags, { event: { id: renamed.id, title: renamed.title, titleSource: renamed.titleSource } }, `renamed ${renamed.id}: ${JSON.stringify(renamed.title)}`)
  })
}
