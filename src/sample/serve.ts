import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { RoundupError } from '../errors.js'
import { createLogger, silentLogger } from '../log.js'
import type { Logger } from '../log.js'
import { respond } from './respond.js'
import type { SampleSite } from './respond.js'
import { createHostRewriter } from './rewrite-hosts.js'
import type { HostRewriter } from './rewrite-hosts.js'

/** One request as the sample server saw it; times from performance.now(). */
export interface SampleRequest {
  /** The sample host name, e.g. 'zdnet.example'. */
  host: string
  method: string
  /** The request target as sent: path plus query. */
  path: string
  status: number
  startedAt: number
  /** When the response finished or its socket closed. */
  endedAt: number
}

export interface SampleServer {
  /** Sample host name → the origin serving it, e.g. 'http://127.0.0.2:40123'. */
  origins: Record<string, string>
  /** The seed post's URL on its served origin. */
  seedUrl: string
  /** Map a `.example` URL to its served one; other URLs come back unchanged. */
  rewrite(url: string): string
  /** Every request answered so far, appended as each one ends. */
  requests: SampleRequest[]
  /** Stop listening and drop open connections. */
  close(): Promise<void>
}

export interface ServeSampleOptions {
  /** Folder with hosts/<hostname>/ and expected.json. @default the package's data/sample */
  dir?: string
  /** Write one line per request to stderr. @default false */
  log?: boolean
}

interface Site extends SampleSite {
  server: Server
}

const FIRST_ADDRESS = 2
const LAST_ADDRESS = 254

/** Walk up from this file, so the default works from src/ (tsx) and from dist/src/ alike. */
function defaultDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data', 'sample')
    if (existsSync(join(candidate, 'hosts'))) return candidate
    dir = dirname(dir)
  }
  return join(process.cwd(), 'data', 'sample')
}

async function listHosts(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(join(dir, 'hosts'), { withFileTypes: true })
  } catch (error) {
    throw new RoundupError('OPTIONS_INVALID', `no sample hosts: cannot read ${join(dir, 'hosts')}`, { file: dir }, { cause: error })
  }
  const hosts = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name.toLowerCase()).sort()
  if (!hosts.length) throw new RoundupError('OPTIONS_INVALID', `no sample hosts in ${join(dir, 'hosts')}`, { file: dir })
  if (hosts.length > LAST_ADDRESS - FIRST_ADDRESS + 1) {
    throw new RoundupError('OPTIONS_INVALID', `too many sample hosts (${hosts.length}) for 127.0.0.${FIRST_ADDRESS}-${LAST_ADDRESS}`, { file: dir })
  }
  return hosts
}

async function readSeedUrl(dir: string): Promise<string | null> {
  try {
    const expected: unknown = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8'))
    const seedUrl = (expected as { seedUrl?: unknown } | null)?.seedUrl
    return typeof seedUrl === 'string' ? seedUrl : null
  } catch {
    return null
  }
}

function listen(server: Server, address: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: Error) => reject(error)
    server.once('error', onError)
    server.listen(0, address, () => {
      server.off('error', onError)
      resolvePort((server.address() as AddressInfo).port)
    })
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    if (!server.listening) return done()
    server.close(() => done())
    server.closeAllConnections()
  })
}

/**
 * Serve the sample blogosphere on loopback: each host folder on its own address
 * (127.0.0.2, 127.0.0.3, … in sorted host order) and an ephemeral port, with every
 * `http(s)://<sample host>` in text bodies rewritten to the served origin so links
 * between sample hosts work. Uses node:http only and binds nothing outside 127.0.0.0/8.
 */
export async function serveSample(options: ServeSampleOptions = {}): Promise<SampleServer> {
  const dir = resolve(options.dir ?? defaultDir())
  const hosts = await listHosts(dir)
  const logger: Logger = options.log ? createLogger('info') : silentLogger
  const requests: SampleRequest[] = []
  const origins: Record<string, string> = {}
  const sites: Site[] = []
  // Filled in once every port is known; requests cannot arrive before serveSample resolves.
  let rewriter: HostRewriter = createHostRewriter({})

  const closeAll = () => Promise.all(sites.map((site) => closeServer(site.server))).then(() => undefined)

  for (const [index, host] of hosts.entries()) {
    const address = `127.0.0.${FIRST_ADDRESS + index}`
    const site: Site = { host, dir: join(dir, 'hosts', host), server: createServer() }
    site.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const startedAt = performance.now()
      const entry = { host, method: req.method ?? 'GET', path: req.url ?? '/' }
      res.once('close', () => {
        const record: SampleRequest = { ...entry, status: res.statusCode, startedAt, endedAt: performance.now() }
        requests.push(record)
        logger.info(`sample ${record.method} ${host}${record.path} ${record.status}`, { ms: Math.round(record.endedAt - startedAt) })
      })
      respond(site, rewriter, req, res).catch((error: unknown) => {
        logger.error(`sample ${entry.method} ${host}${entry.path} failed`, { error: error instanceof Error ? error.message : String(error) })
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        res.end()
      })
    })
    sites.push(site)
    try {
      const port = await listen(site.server, address)
      origins[host] = `http://${address}:${port}`
    } catch (error) {
      await closeAll()
      const reason = error instanceof Error ? error.message : String(error)
      // macOS routes only 127.0.0.1 until more loopback aliases are added.
      throw new Error(`cannot serve ${host} on ${address}: ${reason} (every sample host needs its own 127.0.0.x address)`, { cause: error })
    }
  }

  rewriter = createHostRewriter(origins)
  const seed = await readSeedUrl(dir)
  const firstHost = hosts[0]!
  let closed: Promise<void> | null = null
  return {
    origins,
    seedUrl: seed ? rewriter.url(seed) : `${origins[firstHost]}/`,
    rewrite: (url) => rewriter.url(url),
    requests,
    close: () => (closed ??= closeAll()),
  }
}
