// The hostile blogosphere on loopback: every target of targets.ts on its own 127.0.0.x host,
// and one seed page that lists them all.
import { createServer as createTcpServer } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import { startServer, type LoggedRequest, type TestServer } from '../helpers/server.js'
import { html, page } from './page.js'
import { buildTargets, type HostContext, type Target } from './targets.js'

export { CP1252_TITLE, GOOD, SJIS_TITLE } from './targets.js'

/** First loopback address used; the sample server and other tests use ports of their own. */
const FIRST_ADDRESS = 40

export interface HostileWeb {
  seedUrl: string
  origins: Record<string, string>
  targets: Target[]
  /** Requests each host saw, by target name ('seed' for the seed host). */
  log(name: string): LoggedRequest[]
  /** Body bytes each streaming handler actually wrote. */
  bytesSent: Record<string, number>
  /** Absolute URL of a target's listed path. */
  urlOf(name: string): string
  close(): Promise<void>
}

/** Start every host and the seed; close() stops them all. */
export async function startHostileWeb(): Promise<HostileWeb> {
  const targets = buildTargets()
  const counts = new Map<string, number>()
  const bytesSent: Record<string, number> = {}
  const servers = new Map<string, TestServer>()
  const origins: Record<string, string> = {}
  let address = FIRST_ADDRESS

  const context = (name: string): HostContext => ({
    get origin() {
      return origins[name]!
    },
    origins,
    count: (key) => {
      const n = (counts.get(key) ?? 0) + 1
      counts.set(key, n)
      return n
    },
    addBytes: (key, n) => void (bytesSent[key] = (bytesSent[key] ?? 0) + n),
  })

  const hosted = targets.filter((t) => t.handle || t.raw || t.robots)
  for (const target of hosted) {
    const host = `127.0.0.${address++}`
    if (target.raw) {
      const log: LoggedRequest[] = []
      const server = createTcpServer((socket) => {
        // The crawler hangs up on us by design; that is not an error here.
        socket.on('error', () => {})
        target.raw!(socket, { log })
      })
      const sockets = new Set<Socket>()
      server.on('connection', (s) => (sockets.add(s), s.once('close', () => sockets.delete(s))))
      await new Promise<void>((done) => server.listen(0, host, done))
      const port = (server.address() as AddressInfo).port
      origins[target.name] = `http://${host}:${port}`
      servers.set(target.name, {
        origin: origins[target.name]!, host, port, log,
        close: () => new Promise((done) => {
          for (const s of sockets) s.destroy()
          server.close(() => done())
        }),
      })
      continue
    }
    const ctx = context(target.name)
    const server = await startServer((req, res) => {
      if (req.url === '/robots.txt') return target.robots ? target.robots(req, res) : void res.writeHead(404).end()
      target.handle ? target.handle(req, res, ctx) : html(res, page({ title: target.name }))
    }, { host })
    servers.set(target.name, server)
    origins[target.name] = server.origin
  }

  const urlOf = (name: string): string => {
    const target = targets.find((t) => t.name === name)!
    if (target.href) {
      // 'good?utm…' and 'good#…' are spelled relative to another target.
      const m = /^([a-z0-9-]+)([?#].*)$/.exec(target.href)
      if (m && origins[m[1]!]) return urlOf(m[1]!) + m[2]
      return target.href
    }
    return origins[name]! + target.path
  }

  const seedHost = `127.0.0.${address++}`
  const seed = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end()
    const entries = targets.filter((t) => !t.unlisted).map((t) => `<a href="${urlOf(t.name).replace(/&/g, '&amp;')}">${t.label ?? `${t.name.replace(/-/g, ' ')} report, Hostile Blog`}</a>`)
    html(res, page({
      title: 'Introduction of social media in organization is a change management tool', author: 'Holger Nauheimer', date: '2009-04-01',
      crossrefs: entries,
    }))
  }, { host: seedHost })
  servers.set('seed', seed)
  origins.seed = seed.origin

  return {
    seedUrl: `${seed.origin}/2009/04/session.html`,
    origins,
    targets,
    log: (name) => servers.get(name)?.log ?? [],
    bytesSent,
    urlOf,
    close: async () => {
      await Promise.all([...servers.values()].map((s) => s.close()))
    },
  }
}
