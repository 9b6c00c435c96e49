import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { mergeEvents, renameEvent } from '../../events/index.js'
import { DEFAULTS } from '../../options.js'
import { createMemoryStore } from '../../store/memory-store.js'
import { openJsonStore } from '../../store/json-store.js'
import type { Store } from '../../store/store.js'
import { readEnv } from '../env.js'
import { commonOptions, type CommonFlags } from './common.js'

export interface WriteFlags extends CommonFlags {
  wait?: boolean
}

/**
 * Run a change under the store's lock, then flush and release it. A store
 * file that does not exist yet holds no events, so nothing is created for it.
 */
export async function withWritableStore<T>(flags: WriteFlags, change: (store: Store) => T): Promise<T> {
  const file = flags.db ?? readEnv().db ?? DEFAULTS.dataFile
  const store = existsSync(file) ? await openJsonStore(file, { waitMs: flags.wait ? 10 * 60_000 : 0 }) : createMemoryStore()
  try {
    return change(store)
  } finally {
    await store.close()
  }
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
    const result = await withWritableStore(flags, (store) => mergeEvents(store, into, from))
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
    const renamed = await withWritableStore(flags, (store) => renameEvent(store, id, words.join(' ')))
    say(flags, { event: { id: renamed.id, title: renamed.title, titleSource: renamed.titleSource } }, `renamed ${renamed.id}: ${JSON.stringify(renamed.title)}`)
  })
}
