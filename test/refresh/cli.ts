// The refresh tests run the CLI as cron would, without colour.
import { runCli as run, startCli as start } from '../helpers/cli.js'

export const startCli = (args: string[]) => start(args, { NO_COLOR: '1' })
export const runCli = (args: string[]) => run(args, { NO_COLOR: '1' })
