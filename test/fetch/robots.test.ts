import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { ServerResponse } from 'node:http'
import { createFetcher, isAllowed, productToken } from '../../src/fetch/index.js'
import type { RememberedRobots } from '../../src/fetch/robots.js'
import { minGapMs, startServer } from '../helpers/server.js'
import { TEST_AGENT, rejectsWith, testOptions } from './options.js'

const page = (res: ServerResponse) => {
  res.setHeader('content-type', 'text/html')
  res.end('<p>page</p>')
}

async function site(robots: (res: ServerResponse) => void, host?: string) {
  return startServer((req, res) => (req.url === '/robots.txt' ? robots(res) : page(res)), host ? { host } : {})
}

test('a path disallowed for our product token is refused and never requested', async (t) => {
  const server = await site((res) =>
    res.end('User-agent: *\nDisallow: /\n\nUser-agent: roundup\nDisallow: /private\n'),
  )
  const fetcher = createFetcher(testOptions({ respectRobots: true }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/private/post.html` }), 'FETCH_ROBOTS')
  assert.match(error.message, /private\/post\.html/)
  // Our own group applies, not the catch-all that disallows everything.
  const ok = await fetcher.fetch({ url: `${server.origin}/public.html` })
  assert.equal(ok.status, 200)
  const paths = server.log.map((r) => r.path)
  assert.deepEqual(paths, ['/robots.txt', '/public.html'], 'robots.txt once (cached), no private page')
  assert.equal(server.log[0]!.headers['user-agent'], TEST_AGENT)
})

test('a 404 robots.txt allows everything', async (t) => {
  const server = await site((res) => res.writeHead(404).end('nope'))
  const fetcher = createFetcher(testOptions({ respectRobots: true }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const result = await fetcher.fetch({ url: `${server.origin}/anything` })
  assert.equal(result.body, '<p>page</p>')
})

test('a 500 robots.txt disallows the whole host for the run', async (t) => {
  const server = await site((res) => res.writeHead(500).end())
  const fetcher = createFetcher(testOptions({ respectRobots: true, maxRetries: 0 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/a` }), 'FETCH_ROBOTS')
  assert.match(error.message, /robots\.txt is unavailable .*returned 500/)
  await rejectsWith(fetcher.fetch({ url: `${server.origin}/b` }), 'FETCH_ROBOTS')
  assert.deepEqual(server.log.map((r) => r.path), ['/robots.txt'])
})

test('an unreachable or silent robots.txt disallows the host', async (t) => {
  const closed = await startServer(() => {})
  const origin = closed.origin
  await closed.close()
  const silent = await startServer(() => {}, { host: '127.0.0.2' })
  const fetcher = createFetcher(testOptions({ respectRobots: true, headersTimeoutMs: 150, maxRetries: 0 }))
  t.after(async () => {
    await fetcher.close()
    await silent.close()
  })
  await rejectsWith(fetcher.fetch({ url: `${origin}/page` }), 'FETCH_ROBOTS')
  await rejectsWith(fetcher.fetch({ url: `${silent.origin}/page` }), 'FETCH_ROBOTS')
  assert.deepEqual(silent.log.map((r) => r.path), ['/robots.txt'])
})

test('a Crawl-delay longer than delayMs spaces requests to that host, from robots.txt on', async (t) => {
  const server = await site((res) => res.end('User-agent: roundup\nCrawl-delay: 0.3\nDisallow: /x\n'))
  const fetcher = createFetcher(testOptions({ respectRobots: true, delayMs: 20 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  await Promise.all(['/1', '/2'].map((path) => fetcher.fetch({ url: server.origin + path })))
  assert.equal(server.log.length, 3)
  assert.ok(minGapMs(server.log) >= 300, `gap ${minGapMs(server.log)}ms`)
})

test('a Crawl-delay longer than we are willing to wait refuses the host', async (t) => {
  const server = await site((res) => res.end('User-agent: *\nCrawl-delay: 3600\n'))
  const fetcher = createFetcher(testOptions({ respectRobots: true, maxRetryAfterMs: 1000 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const error = await rejectsWith(fetcher.fetch({ url: `${server.origin}/a` }), 'FETCH_ROBOTS')
  assert.match(error.message, /Crawl-delay of 3600s/)
})

test('robots.txt redirects are followed (up to five), and more than five means no robots.txt', async (t) => {
  const server = await startServer((req, res) => {
    const hop = /^\/r(\d+)$/.exec(req.url ?? '')
    if (req.url === '/robots.txt') return void res.writeHead(301, { location: '/r1' }).end()
    if (hop && Number(hop[1]) < 5) return void res.writeHead(302, { location: `/r${Number(hop[1]) + 1}` }).end()
    if (hop) return void res.end('User-agent: *\nDisallow: /blocked\n')
    page(res)
  }, { host: '127.0.0.2' })
  const endless = await startServer((req, res) => {
    const n = Number(/\d+/.exec(req.url ?? '')?.[0] ?? 0)
    if (req.url === '/robots.txt' || req.url?.startsWith('/loop')) return void res.writeHead(302, { location: `/loop${n + 1}` }).end()
    page(res)
  }, { host: '127.0.0.3' })
  const fetcher = createFetcher(testOptions({ respectRobots: true }))
  t.after(async () => {
    await fetcher.close()
    await Promise.all([server.close(), endless.close()])
  })
  await rejectsWith(fetcher.fetch({ url: `${server.origin}/blocked` }), 'FETCH_ROBOTS')
  assert.equal((await fetcher.fetch({ url: `${endless.origin}/page` })).status, 200)
  assert.equal(endless.log.filter((r) => r.path !== '/page').length, 6, 'robots.txt and five redirects')
})

test('respectRobots: false never asks for robots.txt', async (t) => {
  const server = await site((res) => res.end('User-agent: *\nDisallow: /\n'))
  const fetcher = createFetcher(testOptions({ respectRobots: false }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  assert.equal((await fetcher.fetch({ url: `${server.origin}/a` })).status, 200)
  assert.deepEqual(server.log.map((r) => r.path), ['/a'])
})

test('isAllowed and productToken (pure)', () => {
  const robots = 'User-agent: *\nDisallow: /\n\nUser-agent: RoundUp\nAllow: /\nDisallow: /drafts/\nDisallow: /*.pdf$\n'
  const cases: Array<{ url: string; agent: string; want: boolean }> = [
    { url: 'https://blog.example/post', agent: TEST_AGENT, want: true },
    { url: 'https://blog.example/drafts/x', agent: TEST_AGENT, want: false },
    { url: 'https://blog.example/paper.pdf', agent: 'roundup', want: false },
    { url: 'https://blog.example/paper.pdf?x=1', agent: 'roundup', want: true },
    { url: 'https://blog.example/post', agent: 'otherbot/2.0', want: false },
  ]
  for (const { url, agent, want } of cases) assert.equal(isAllowed(robots, url, agent), want, `${agent} ${url}`)
  assert.equal(isAllowed('', 'https://blog.example/x', 'roundup'), true)
  assert.equal(isAllowed('garbage\u0000\nDisallow', 'https://blog.example/x', 'roundup'), true)
  assert.equal(productToken('roundup/0.1 (+https://example.org)'), 'roundup')
  assert.equal(productToken('Mozilla/5.0 (compatible; roundup)'), 'mozilla')
  assert.equal(productToken('  '), '*')
})

test('only the first 500 KiB of a huge robots.txt are read', async (t) => {
  const padding = '# padding\n'.repeat(60_000)
  const server = await site((res) => res.end(`User-agent: *\nDisallow: /early\n${padding}Disallow: /late\n`))
  const fetcher = createFetcher(testOptions({ respectRobots: true, maxBodyBytes: 10_000_000 }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  await rejectsWith(fetcher.fetch({ url: `${server.origin}/early` }), 'FETCH_ROBOTS')
  assert.equal((await fetcher.fetch({ url: `${server.origin}/late` })).status, 200)
})

/** A robots memory over a plain map, as the store keeps it. */
function memory() {
  const kept = new Map<string, RememberedRobots>()
  return { kept, memory: { get: (host: string) => kept.get(host), put: (robots: RememberedRobots) => void kept.set(robots.url, robots) } }
}

test('robots.txt is remembered across runs for a day: the next run asks no more, and still obeys it', async (t) => {
  const server = await site((res) => res.end('User-agent: *\nDisallow: /private\nCrawl-delay: 0.3\n'))
  t.after(() => server.close())
  const { kept, memory: robotsMemory } = memory()
  const first = createFetcher(testOptions({ respectRobots: true, robotsMemory }))
  await first.fetch({ url: `${server.origin}/a.html` })
  await first.close()
  assert.equal(kept.get(server.origin)?.kind, 'rules')
  assert.match(kept.get(server.origin)!.body, /Disallow: \/private/)

  // A second run (a new fetcher) within the day: no robots.txt request, the rules and the Crawl-delay still hold.
  const second = createFetcher(testOptions({ respectRobots: true, robotsMemory, delayMs: 0 }))
  t.after(() => second.close())
  await rejectsWith(second.fetch({ url: `${server.origin}/private/x.html` }), 'FETCH_ROBOTS')
  await second.fetch({ url: `${server.origin}/b.html` })
  await second.fetch({ url: `${server.origin}/c.html` })
  assert.deepEqual(server.log.map((r) => r.path), ['/robots.txt', '/a.html', '/b.html', '/c.html'])
  assert.ok(minGapMs(server.log.slice(2)) >= 300, 'the remembered Crawl-delay spaces requests')
})

test('a remembered robots.txt older than a day is fetched again; an unavailable one is never remembered', async (t) => {
  let status = 200
  const server = await site((res) => (status === 200 ? res.end('User-agent: *\nAllow: /\n') : res.writeHead(status).end('down')))
  t.after(() => server.close())
  const { kept, memory: robotsMemory } = memory()
  kept.set(server.origin, { url: server.origin, kind: 'rules', body: 'User-agent: *\nDisallow: /\n', fetchedAt: new Date(Date.now() - 25 * 3600_000).toISOString() })
  const fetcher = createFetcher(testOptions({ respectRobots: true, robotsMemory }))
  await fetcher.fetch({ url: `${server.origin}/a.html` })
  await fetcher.close()
  assert.deepEqual(server.log.map((r) => r.path), ['/robots.txt', '/a.html'], 'the stale copy (disallow all) was not used')
  assert.match(kept.get(server.origin)!.body, /Allow: \//)

  // A 503 is "disallow for this run" (RFC 9309 §2.3.1.4), not an answer to keep.
  status = 503
  kept.clear()
  const down = createFetcher(testOptions({ respectRobots: true, robotsMemory }))
  t.after(() => down.close())
  await rejectsWith(down.fetch({ url: `${server.origin}/b.html` }), 'FETCH_ROBOTS')
  assert.equal(kept.size, 0)
})
