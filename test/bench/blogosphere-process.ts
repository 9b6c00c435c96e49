// Parent side of the blogosphere server: start it as a child process and talk to it over IPC.
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createBlogosphere, type Blogosphere } from './blogosphere.js'
import { allPostUrls } from './blogosphere-pages.js'
import type { FromServer, ServerConfig, ServerStats, ToServer } from './blogosphere-server.js'

export interface RunningBlogosphere {
  world: Blogosphere
  origins: string[]
  /** Every post URL, in global order; the seed is urls[world.seed]. */
  urls: string[]
  seedUrl: string
  /** Bytes of all post pages together. */
  pageBytes: number
  /** Forget the request log and drop open connections before the next crawler. */
  reset(): Promise<void>
  stats(): Promise<ServerStats>
  close(): Promise<void>
}

export async function startBlogosphere(config: ServerConfig): Promise<RunningBlogosphere> {
  const child: ChildProcess = fork(new URL('./blogosphere-server.ts', import.meta.url), [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const waiting: Array<{ type: FromServer['type']; resolve: (message: FromServer) => void }> = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.on('message', (message: FromServer) => {
    const at = waiting.findIndex((w) => w.type === message.type)
    if (at !== -1) waiting.splice(at, 1)[0]!.resolve(message)
  })
  const next = <T extends FromServer['type']>(type: T): Promise<Extract<FromServer, { type: T }>> =>
    new Promise((resolve, reject) => {
      waiting.push({ type, resolve: resolve as (message: FromServer) => void })
      void exited.then(() => reject(new Error(`blogosphere server exited while waiting for ${type}`)))
    })
  const send = (message: ToServer) => child.send(message)

  const ready = await next('ready')
  const world = createBlogosphere(config)
  const urls = allPostUrls(world, ready.origins)
  return {
    world,
    origins: ready.origins,
    urls,
    seedUrl: urls[world.seed]!,
    pageBytes: ready.pageBytes,
    async reset() {
      const done = next('reset')
      send({ type: 'reset' })
      await done
    },
    async stats() {
      const reply = next('stats')
      send({ type: 'stats' })
      return (await reply).stats
    },
    async close() {
      if (child.connected) send({ type: 'close' })
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}
