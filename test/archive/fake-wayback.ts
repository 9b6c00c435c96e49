// A local stand-in for the Wayback availability API: answers from a table, logs every query.
import { startServer, type TestServer } from '../helpers/server.js'

export type FakeAnswer =
  | { snapshots: Array<{ timestamp: string; status?: string; url?: string }> }
  | { raw: string; status?: number; type?: string }

export interface FakeWayback extends TestServer {
  endpoint: string
  /** The `url` and `timestamp` parameters of every query, in order. */
  queries: Array<{ url: string | null; timestamp: string | null }>
}

/** `answers` maps a post URL to what the API says about it; unknown URLs have no snapshot. */
export async function startFakeWayback(answers: Record<string, FakeAnswer>, options: { host?: string } = {}): Promise<FakeWayback> {
  const queries: FakeWayback['queries'] = []
  const server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid')
    if (url.pathname !== '/wayback/available') {
      res.statusCode = 404
      res.end('not found')
      return
    }
    const asked = url.searchParams.get('url')
    queries.push({ url: asked, timestamp: url.searchParams.get('timestamp') })
    const answer = asked ? answers[asked] : undefined
    if (answer && 'raw' in answer) {
      res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'application/json' })
      res.end(answer.raw)
      return
    }
    // The real API names one "closest" snapshot; extra ones test that we choose.
    const entries = (answer?.snapshots ?? []).map((s, i) => [i === 0 ? 'closest' : `other${i}`, {
      status: s.status ?? '200',
      available: true,
      url: s.url ?? `http://web.archive.org/web/${s.timestamp}/${asked}`,
      timestamp: s.timestamp,
    }])
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ url: asked, archived_snapshots: Object.fromEntries(entries) }))
  }, options)
  return Object.assign(server, { endpoint: `${server.origin}/wayback/available`, queries })
}
