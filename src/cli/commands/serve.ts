import type { Command } from 'commander'
import { serveSite } from '../../site/index.js'
import { parseInteger } from '../parse.js'
import type { CommonFlags } from './common.js'

interface ServeFlags extends Pick<CommonFlags, 'json' | 'quiet'> {
  dir: string
  port: number
}

export const DEFAULT_PORT = 8080

/** Resolves on the first SIGINT or SIGTERM, so the command can close the server and exit 0. */
function untilStopped(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      done()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .summary('serve a written site on http://127.0.0.1 (this machine only)')
    .description('Serve the folder written by "roundup site" on 127.0.0.1 until Ctrl-C. Port 0 picks a free port.')
    .option('--dir <dir>', 'the site folder', 'site')
    .option('--port <n>', 'port to listen on', parseInteger('--port'), DEFAULT_PORT)
    .option('--json', 'print {"url"} as JSON once listening')
    .option('-q, --quiet', 'print nothing')
    .action(async (flags: ServeFlags) => {
      const server = await serveSite({ dir: flags.dir, port: flags.port })
      if (flags.json) process.stdout.write(JSON.stringify({ url: server.url, dir: flags.dir }) + '\n')
      else if (!flags.quiet) process.stdout.write(`serving ${flags.dir} at ${server.url} (Ctrl-C to stop)\n`)
      await untilStopped()
      await server.close()
    })
}
