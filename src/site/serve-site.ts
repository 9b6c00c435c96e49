import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'
import { RoundupError } from '../errors.js'
import { CONTENT_SECURITY_POLICY } from './page-shell.js'
import { requestSegments } from './request-path.js'

/** Only loopback: the site is for the person at this machine. */
export const SERVE_HOST = '127.0.0.1'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
}

export interface SiteServer {
  url: string
  port: number
  close(): Promise<void>
}

function within(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)
}

/** The file a request maps to inside `root` (symlinks resolved), or null. */
async function fileFor(root: string, target: string): Promise<string | null> {
  const segments = requestSegments(target)
  if (!segments) return null
  let path = join(root, ...segments)
  if (!within(root, path)) return null
  try {
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html')
    const real = await realpath(path)
    // A symlink inside the site must not lead out of it.
    if (!within(root, real) || !(await stat(real)).isFile()) return null
    return real
  } catch {
    return null
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers })
  res.end(text + '\n')
}

/**
 * Serve a written site on 127.0.0.1 with node:http: GET and HEAD only, no directory
 * listings, no path outside `dir`, and only Host headers naming this address, so a
 * page elsewhere cannot read it through DNS rebinding. Port 0 picks a free port.
 */
export async function serveSite(options: { dir: string; port?: number }): Promise<SiteServer> {
  let root: string
  try {
    root = await realpath(resolve(options.dir))
  } catch (error) {
    throw new RoundupError('SITE_IO', `cannot serve ${options.dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: options.dir }, { cause: error })
  }
  let port = options.port ?? 0
  const allowedHosts = () => new Set([`${SERVE_HOST}:${port}`, `localhost:${port}`])

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed', { allow: 'GET, HEAD' })
    if (!allowedHosts().has((req.headers.host ?? '').toLowerCase())) return plain(res, 421, 'wrong host')
    const file = await fileFor(root, req.url ?? '/')
    if (!file) return plain(res, 404, 'not found')
    const info = await stat(file)
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'x-content-type-options': 'nosniff',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file).on('error', () => res.destroy()).pipe(res)
  }

  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, 'internal error')
      else res.destroy()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(new RoundupError('SITE_IO', `cannot listen on ${SERVE_HOST}:${port}: ${error.code === 'EADDRINUSE' ? 'the port is in use; pick another with --port' : error.code ?? error.message}`, {}, { cause: error })))
    server.listen(port, SERVE_HOST, () => done())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://${SERVE_HOST}:${port}/`,
    port,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => done())
      }),
  }
}
