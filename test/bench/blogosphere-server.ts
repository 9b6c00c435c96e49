// Serves the synthetic blogosphere on loopback, one 127.0.0.x address per host, from its own
// process: its CPU and memory then stay out of the crawler's figures. Run as a child with IPC
// (see startBlogosphere in blogosphere-process.ts); it logs every request so politeness is
// measured here, by the server, not taken from the crawler.
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { maxInFlight, minGapMs, type LoggedRequest } from '../helpers/server.js'
import { createBlogosphere, type BlogosphereOptions } from './blogosphere.js'
import { renderFeed, renderHome, renderPost, renderRobots } from './blogosphere-pages.js'

export interface ServerConfig extends BlogosphereOptions {
  /** Added before every response, in ms. */
  latencyMs: number
}

export type RequestKind = 'page' | 'feed' | 'robots' | 'other'

export interface ServerStats {
  requests: Record<RequestKind, number>
  /** Distinct post pages answered with 200. */
  distinctPages: number
  /** Post pages requested more than once. */
  repeatedPages: number
  notFound: number
  /** The most requests one host had open at once. */
  maxInFlightPerHost: number
  /** The shortest gap between one request to a host ending and the next starting, over all hosts (ms). */
  minGapMs: number
  /** The kinds of the two requests with that gap ("page → feed"). */
  minGapPair: string
  /** The most requests any one host received. */
  maxRequestsPerHost: number
  /** From the first request starting to the last one ending (ms). */
  spanMs: number
  /** The host that finished last: when its first request started and its last ended (ms from the first request of the run), and its gaps. */
  lastHost: { startMs: number; endMs: number; requests: number; medianGapMs: number; maxGapMs: number } | null
}

export type ToServer = { type: 'reset' } | { type: 'stats' } | { type: 'close' }
export type FromServer =
  | { type: 'ready'; origins: string[]; pageBytes: number }
  | { type: 'reset' }
  | { type: 'stats'; stats: ServerStats }

interface Resource {
  body: Buffer
  contentType: string
  kind: RequestKind
  /** Global post index for pages. */
  post?: number
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ServerConfig
  const world = createBlogosphere(config)
  const servers: Server[] = []
  const sockets = new Set<Socket>()
  const logs: LoggedRequest[][] = world.hosts.map(() => [])
  const kinds = new Map<LoggedRequest, RequestKind>()
  const pageHits = new Map<number, number>()
  let notFound = 0
  const routes: Array<Map<string, Resource>> = world.hosts.map(() => new Map())

  const handle = (host: number) => (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('#')[0]!
    const resource = routes[host]!.get(path)
    const entry: LoggedRequest = { method: req.method ?? 'GET', path, headers: {}, startedAt: performance.now(), endedAt: null, status: null }
    logs[host]!.push(entry)
    kinds.set(entry, resource?.kind ?? 'other')
    res.once('finish', () => {
      entry.endedAt ??= performance.now()
      entry.status = res.statusCode
    })
    // 'close' without 'finish': the client went away mid-response.
    res.once('close', () => {
      entry.endedAt ??= performance.now()
    })
    setTimeout(() => {
      if (!resource) {
        notFound++
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
        return
      }
      if (resource.post !== undefined) pageHits.set(resource.post, (pageHits.get(resource.post) ?? 0) + 1)
      res.writeHead(200, { 'content-type': resource.contentType, 'content-length': resource.body.length }).end(resource.body)
      // The client can read the whole response once the kernel holds it: at once, unless the
      // socket pushed back (http uncorks it on the next tick). 'finish' waits for libuv's write
      // callback, a loop turn later, and on a loaded machine that turn lags by several ms: gaps
      // would be logged shorter than they were.
      process.nextTick(() => {
        if (!res.socket || res.socket.writableLength === 0) entry.endedAt ??= performance.now()
      })
    }, config.latencyMs)
  }

  for (const host of world.hosts) {
    const server = createServer({ keepAliveTimeout: 30_000 }, handle(host.index))
    server.on('connection', (socket) => {
      sockets.add(socket)
      socket.once('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, host.address, () => resolve())
    })
    servers.push(server)
  }
  const origins = servers.map((server) => {
    const { address, port } = server.address() as AddressInfo
    return `http://${address}:${port}`
  })

  // Rendered once, up front, so serving costs the crawlers' run as little CPU as possible.
  let pageBytes = 0
  for (const post of world.posts) {
    const body = Buffer.from(renderPost(world, origins, post.global))
    pageBytes += body.length
    routes[post.host]!.set(post.path, { body, contentType: 'text/html; charset=utf-8', kind: 'page', post: post.global })
  }
  for (const host of world.hosts) {
    const feedType = host.platform === 'wordpress' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8'
    routes[host.index]!.set(host.feedPath, { body: Buffer.from(renderFeed(world, origins, host.index)), contentType: feedType, kind: 'feed' })
    routes[host.index]!.set('/robots.txt', { body: Buffer.from(renderRobots()), contentType: 'text/plain', kind: 'robots' })
    routes[host.index]!.set('/', { body: Buffer.from(renderHome(world, origins, host.index)), contentType: 'text/html; charset=utf-8', kind: 'other' })
  }

  const stats = (): ServerStats => {
    const requests: Record<RequestKind, number> = { page: 0, feed: 0, robots: 0, other: 0 }
    let inFlight = 0
    let gap = Infinity
    let gapPair = ''
    let most = 0
    let first = Infinity
    let last = -Infinity
    for (const log of logs) {
      for (const entry of log) {
        requests[kinds.get(entry)!]++
        first = Math.min(first, entry.startedAt)
        last = Math.max(last, entry.endedAt ?? performance.now())
      }
      if (!log.length) continue
      inFlight = Math.max(inFlight, maxInFlight(log))
      most = Math.max(most, log.length)
    }
    // Per host: the shortest gap (and which two requests), and the timeline of the host that finished last.
    let lastHost: ServerStats['lastHost'] = null
    let lastEnd = -Infinity
    for (const log of logs) {
      if (!log.length) continue
      const sorted = [...log].sort((a, b) => a.startedAt - b.startedAt)
      const gaps = sorted.slice(1).map((entry, i) => entry.startedAt - (sorted[i]!.endedAt ?? Infinity))
      const hostGap = minGapMs(log)
      if (hostGap < gap) {
        gap = hostGap
        const at = gaps.indexOf(hostGap)
        gapPair = at >= 0 ? `${kinds.get(sorted[at]!)} → ${kinds.get(sorted[at + 1]!)}` : ''
      }
      const end = Math.max(...sorted.map((entry) => entry.endedAt ?? performance.now()))
      if (end <= lastEnd) continue
      lastEnd = end
      gaps.sort((a, b) => a - b)
      lastHost = {
        startMs: sorted[0]!.startedAt - first, endMs: end - first, requests: sorted.length,
        medianGapMs: gaps.length ? gaps[gaps.length >> 1]! : 0, maxGapMs: gaps.length ? gaps[gaps.length - 1]! : 0,
      }
    }
    let repeated = 0
    for (const hits of pageHits.values()) if (hits > 1) repeated++
    return {
      requests, distinctPages: pageHits.size, repeatedPages: repeated, notFound, maxInFlightPerHost: inFlight,
      minGapMs: gap, minGapPair: gapPair, maxRequestsPerHost: most, spanMs: Number.isFinite(first) ? last - first : 0, lastHost,
    }
  }

  process.on('message', (message: ToServer) => {
    if (message.type === 'reset') {
      for (const log of logs) log.length = 0
      kinds.clear()
      pageHits.clear()
      notFound = 0
      // Fresh connections for every crawler: nobody inherits another's keep-alive sockets.
      for (const socket of sockets) socket.destroy()
      process.send!({ type: 'reset' } satisfies FromServer)
    } else if (message.type === 'stats') {
      process.send!({ type: 'stats', stats: stats() } satisfies FromServer)
    } else if (message.type === 'close') {
      for (const socket of sockets) socket.destroy()
      for (const server of servers) server.close()
      process.disconnect()
    }
  })
  process.send!({ type: 'ready', origins, pageBytes } satisfies FromServer)
}

if (!process.send) {
  console.error('blogosphere-server.ts runs as a child process with IPC; use npm run bench:crawl')
  process.exit(2)
}
await main()
