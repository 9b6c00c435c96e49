import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { DEFAULTS } from '../../options.js'
import { createRoundup } from '../../roundup.js'
import { FORMATS, isDigestFormat, type DigestFormat } from '../../digest/index.js'
import { readEnv } from '../env.js'
import { commonOptions, type CommonFlags } from './common.js'

interface DigestFlags extends CommonFlags {
  event?: string
  format: DigestFormat
  withSeeds?: boolean
  heading?: string
}

function parseFormat(value: string): DigestFormat {
  if (!isDigestFormat(value)) throw new InvalidArgumentError(`choose one of ${FORMATS.join(', ')}.`)
  return value
}

export function registerDigest(program: Command): void {
  const command = program
    .command('digest')
    .summary('print the stored coverage: Markdown, an HTML snippet, JSON, citations (BibTeX, RIS, CSL-JSON) or the blogs\' feeds (OPML)')
    .option('--event <id>', 'only this event (see "roundup events")')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, parseFormat, 'md' as DigestFormat)
    .option('--with-seeds', 'list the seed posts too in md/html (they are usually your own)')
    .option('--heading <text>', 'section heading for md/html', 'Related coverage')
  commonOptions(command).action(async (flags: DigestFlags) => {
    const roundup = createRoundup({ dataFile: flags.db ?? readEnv().db ?? DEFAULTS.dataFile })
    const format = flags.json ? 'json' : flags.format
    const text = await roundup.digest({
      format,
      ...(flags.event ? { eventId: flags.event } : {}),
      withSeeds: flags.withSeeds === true,
      ...(flags.heading ? { heading: flags.heading } : {}),
    })
    process.stdout.write(text)
  })
}
