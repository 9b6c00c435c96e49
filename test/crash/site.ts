// A small blogosphere for crash tests: a seed listing POSTS posts spread over a few loopback
// hosts, each host with a feed. Responses are a little slow so a crawl lasts long enough to be
// killed in the middle.
import { startServer, type TestServer } from '../helpers/server.js'
import { page } from '../hostile/page.js'

export interface CrashSite {
  seedUrl: string
  /** Every post URL the seed lists, as listed. */
  postUrls: string[]
  requests(): number
  close(): Promise<void>
}

const HOSTS = 4
const FIRST_ADDRESS = 30

export async function startCrashSite(options: { posts: number; latencyMs: number }): Promise<CrashSite> {
  const servers: TestServer[] = []
  const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  const postsOf = (host: number) => Array.from({ length: options.posts }, (_, i) => i).filter((i) => i % HOSTS === host)
  for (let host = 0; host < HOSTS; host++) {
    const server: TestServer = await startServer(async (req, res) => {
      await later(options.latencyMs)
      if (req.url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n')
      if (req.url === '/feed.xml') {
        const items = postsOf(host).map((i) => `<item><title>Session notes ${i}</title><link>${server.origin}/2009/04/notes-${i}.html</link><pubDate>Wed, 0${1 + (i % 3)} Apr 2009 10:00:00 +0000</pubDate><dc:creator>Writer Number${i}</dc:creator><description>Notes number ${i} on the session.</description></item>`)
        res.writeHead(200, { 'content-type': 'application/rss+xml' })
        return void res.end(`<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog ${host}</title><link>${server.origin}/</link>${items.join('')}</channel></rss>`)
      }
      const n = Number(/notes-(\d+)\.html$/.exec(req.url ?? '')?.[1] ?? NaN)
      if (!Number.isInteger(n)) return void res.writeHead(404).end()
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(page({ title: `Session notes ${n}`, date: `2009-04-0${1 + (n % 3)}`, feed: '/feed.xml', body: `<p>${`Post ${n} describes the session in its own words, with a quote or two from the panel. `.repeat(12)}</p>` }))
    }, { host: `127.0.0.${FIRST_ADDRESS + host}` })
    servers.push(server)
  }
  const postUrls = Array.from({ length: options.posts }, (_, i) => `${servers[i % HOSTS]!.origin}/2009/04/notes-${i}.html`)
  const seed = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page({
      title: 'The session everyone wrote about', author: 'Holger Nauheimer', date: '2009-04-01',
      crossrefs: postUrls.map((url, i) => `<a href="${url}">Writer Number${i}, Blog ${i % HOSTS}</a>`),
    }))
  }, { host: `127.0.0.${FIRST_ADDRESS + HOSTS}` })
  servers.push(seed)
  return {
    seedUrl: `${seed.origin}/2009/04/session.html`,
    postUrls,
    requests: () => servers.reduce((n, s) => n + s.log.length, 0),
    close: async () => void (await Promise.all(servers.map((s) => s.close()))),
  }
}
