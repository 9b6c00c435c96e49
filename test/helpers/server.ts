// A loopback HTTP server for tests: random port, logs every request, closes every socket.
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'

export interface LoggedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  startedAt: number
  endedAt: number | null
  status: number | null
}

export interface TestServer {
  origin: string
  host: string
  port: number
  log: LoggedRequest[]
  close(): Promise<void>
}

export function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  options: { host?: string } = {},
): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1'
  const log: LoggedRequest[] = []
  const sockets = new Set<Socket>()

  const server = createServer((req, res) => {
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: { ...req.headers },
      startedAt: performance.now(),
      endedAt: null,
      status: null,
    }
    log.push(entry)
    res.once('finish', () => {
      entry.endedAt ??= performance.now()
      entry.status = res.statusCode
    })
    // 'close' without 'finish' means the socket went away mid-response.
    res.once('close', () => {
      entry.endedAt ??= performance.now()
      if (entry.status === null && res.headersSent) entry.status = res.statusCode
    })
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) {
          res.statusCode = 500
          res.end(String(error))
        } else {
          res.destroy()
        }
      })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo
      const hostPart = host.includes(':') ? `[${host}]` : host
      resolve({
        origin: `http://${hostPart}:${port}`,
        host,
        port,
        log,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}

/** The most requests that were open at the same moment. */
export function maxInFlight(log: LoggedRequest[]): number {
  const events: Array<[number, number]> = []
  for (const entry of log) {
    events.push([entry.startedAt, 1])
    events.push([entry.endedAt ?? Infinity, -1])
  }
  // At equal times, count the end first: back-to-back is not overlapping.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let open = 0
  let max = 0
  for (const [, step] of events) {
    open += step
    max = Math.max(max, open)
  }
  return max
}

/** The smallest gap between one request ending and the next one starting; Infinity with fewer than two. */
export function minGapMs(log: LoggedRequest[]): number {
  const sorted = [...log].sort((a, b) => a.startedAt - b.startedAt)
  let min = Infinity
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!
    const next = sorted[i]!
    // A previous request that never ended overlaps the next one.
    const gap = previous.endedAt === null ? -Infinity : next.startedAt - previous.endedAt
    min = Math.min(min, gap)
  }
  return min
}
