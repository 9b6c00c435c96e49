import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** One entry of a host's optional `_routes.json`, keyed by path (with its query, if any). */
export interface SampleRoute {
  status?: number
  contentType?: string
  headers?: Record<string, string>
  /** Serve this file (relative to the host folder) instead of the path's own. */
  file?: string
  /** A literal body, for statuses that have no file. */
  body?: string
}

function toRoute(value: unknown): SampleRoute | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  const raw = value as Record<string, unknown>
  const route: SampleRoute = {}
  if (typeof raw.status === 'number' && Number.isInteger(raw.status) && raw.status >= 200 && raw.status <= 599) route.status = raw.status
  if (typeof raw.contentType === 'string') route.contentType = raw.contentType
  if (typeof raw.file === 'string') route.file = raw.file
  if (typeof raw.body === 'string') route.body = raw.body
  if (raw.headers && typeof raw.headers === 'object' && !Array.isArray(raw.headers)) {
    route.headers = Object.fromEntries(
      Object.entries(raw.headers as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    )
  }
  return route
}

/** Read a host's `_routes.json`; a missing or broken file means no overrides. */
export async function readRoutes(hostDir: string): Promise<Map<string, SampleRoute>> {
  let text: string
  try {
    text = await readFile(join(hostDir, '_routes.json'), 'utf8')
  } catch {
    return new Map()
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return new Map()
  }
  const routes = new Map<string, SampleRoute>()
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return routes
  for (const [key, value] of Object.entries(parsed)) {
    const route = toRoute(value)
    if (route) routes.set(key, route)
  }
  return routes
}

/** The route for a request target: an exact `path?query` entry wins over the bare path. */
export function findRoute(routes: Map<string, SampleRoute>, target: string): SampleRoute | undefined {
  const exact = routes.get(target)
  if (exact) return exact
  const queryAt = target.indexOf('?')
  return queryAt >= 0 ? routes.get(target.slice(0, queryAt)) : undefined
}
