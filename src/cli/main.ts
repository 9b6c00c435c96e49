#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { registerCrawl } from './commands/crawl.js'
import { registerDigest } from './commands/digest.js'
import { registerEvent } from './commands/event.js'
import { registerEvents } from './commands/events.js'
import { registerExtract } from './commands/extract.js'
import { registerPost } from './commands/post.js'
import { registerRefresh } from './commands/refresh.js'
import { registerSearch } from './commands/search.js'
import { registerServe } from './commands/serve.js'
import { registerSite } from './commands/site.js'
import { EXIT, reportError } from './output.js'
import { tuneV8 } from './v8-flags.js'

function version(): string {
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { version: string }).version
    } catch {
      // dist/ sits one level deeper than src/
    }
  }
  return 'unknown'
}

export function buildProgram(): Command {
  const program = new Command()
    .name('roundup')
    .description('Tie together every write-up of one event: crawl a post\'s cross-references into a linked digest.')
    .version(version())
    .showHelpAfterError('(run roundup --help for usage)')
    .exitOverride()
  registerCrawl(program)
  registerDigest(program)
  registerEvents(program)
  registerEvent(program)
  registerPost(program)
  registerSearch(program)
  registerExtract(program)
  registerRefresh(program)
  registerSite(program)
  registerServe(program)
  for (const command of program.commands) command.exitOverride()
  return program
}

export async function main(argv: string[] = process.argv): Promise<number> {
  tuneV8()
  const program = buildProgram()
  const flags = { json: argv.includes('--json'), verbose: argv.includes('--verbose') || argv.includes('-v') || argv.includes('-vv') }
  try {
    await program.parseAsync(argv)
    return EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version also arrive here, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    return reportError(error, flags)
  }
}

main().then((code) => {
  process.exitCode = code
})
