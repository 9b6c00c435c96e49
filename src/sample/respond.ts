import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { resolve, sep } from 'node:path'
import { isNotModified } from './conditional.js'
import { contentTypeFor, isTextType } from './content-type.js'
import { resolveSamplePath } from './resolve-path.js'
import type { HostRewriter } from './rewrite-hosts.js'
import { findRoute, readRoutes } from './routes.js'

/** One served host: its name and folder. */
export interface SampleSite {
  host: string
  dir: string
}

/** The file that answers `candidates`, if any, never outside the host folder. */
async function findFile(hostDir: string, candidates: string[]): Promise<{ path: string; mtime: Date } | null> {
  const root = resolve(hostDir)
  for (const candidate of candidates) {
    const path = resolve(root, candidate)
    if (!path.startsWith(root + sep)) continue
    try {
      const info = await stat(path)
      if (info.isFile()) return { path, mtime: info.mtime }
    } catch {
      // Not there: try the next candidate.
    }
  }
  return null
}

function requestTarget(req: IncomingMessage): string {
  const raw = req.url ?? '/'
  if (raw.startsWith('/')) return raw
  // Absolute-form targets come from clients that think they talk to a proxy.
  try {
    const url = new URL(raw)
    return url.pathname + url.search
  } catch {
    return raw
  }
}

const STATUS_TEXT: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 410: 'Gone', 500: 'Internal Server Error' }

/** Answer one request for `site` from its folder and routes. */
export async function respond(site: SampleSite, rewriter: HostRewriter, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET'
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
    res.end('Method Not Allowed\n')
    return
  }
  const target = requestTarget(req)
  const queryAt = target.indexOf('?')
  const pathname = queryAt >= 0 ? target.slice(0, queryAt) : target
  const route = findRoute(await readRoutes(site.dir), target)
  const candidates = route?.file !== undefined ? resolveSamplePath('/' + route.file.replace(/^\/+/, '')) : resolveSamplePath(pathname)
  const file = await findFile(site.dir, candidates)
  const status = route?.status ?? (file ? 200 : 404)
  const extra = Object.fromEntries(Object.entries(route?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), rewriter.text(value)]))

  if (status === 200 && file) {
    const bytes = await readFile(file.path)
    const type = route?.contentType ?? contentTypeFor(file.path, bytes.subarray(0, 2048).toString('utf8'))
    const body = isTextType(type) ? Buffer.from(rewriter.text(bytes.toString('utf8')), 'utf8') : bytes
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`
    const validators = { etag, 'last-modified': file.mtime.toUTCString() }
    if (isNotModified(req.headers, etag, file.mtime)) {
      res.writeHead(304, { ...extra, ...validators })
      res.end()
      return
    }
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, ...extra, ...validators })
    res.end(method === 'HEAD' ? undefined : body)
    return
  }

  const text = route?.body ?? (status >= 300 && status < 400 ? '' : `${STATUS_TEXT[status] ?? `Status ${status}`}\n`)
  const body = Buffer.from(rewriter.text(text), 'utf8')
  res.writeHead(status, { 'content-type': route?.contentType ?? 'text/plain; charset=utf-8', 'content-length': body.length, ...extra })
  res.end(method === 'HEAD' ? undefined : body)
}
