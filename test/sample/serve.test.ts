import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as cheerio from 'cheerio'
import { isRoundupError } from '../../src/errors.js'
import { serveSample } from '../../src/sample/serve.js'
import type { SampleServer } from '../../src/sample/serve.js'

const SAMPLE = fileURLToPath(new URL('../../data/sample/', import.meta.url))
const HOSTS = join(SAMPLE, 'hosts')
const SEED_FILE = join(HOSTS, 'holger-nauheimer.example/2009/04/introduction-of-social-media-in.html')

interface ExpectedPost {
  url: string
  host: string
  entryText: string
  claimedAuthor: string
  title: string
  authors: string[]
  authorSource: 'page' | 'crossref-claim'
  published: string
  publishedAt: string | null
  excerptStart: string
  siteName: string
  feed: string
  linksTo: string[]
}
interface Expected {
  seedUrl: string
  seed: ExpectedPost
  crossRefHeading: string
  posts: ExpectedPost[]
  noise: string[]
  internalNoise: string[]
  widgetNoise: string[]
  robots: Record<string, { status: number; disallow?: string[]; neverRequested?: string[]; crawlDelaySeconds?: number }>
}

const expected = JSON.parse(await readFile(join(SAMPLE, 'expected.json'), 'utf8')) as Expected
const hostNames = (await readdir(HOSTS, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()

/** A raw GET, so paths reach the server exactly as written (fetch would resolve `..`). */
function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET', agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Visible text of a page, entities decoded and whitespace collapsed. */
function pageText(html: string): string {
  const $ = cheerio.load(html)
  $('script, style').remove()
  return $('body').text().replace(/\s+/g, ' ')
}

function hrefs(html: string): string[] {
  const $ = cheerio.load(html)
  return $('a[href]').map((_, a) => $(a).attr('href') ?? '').get()
}

/** The seed's hand-written list: the links between the lead-in and the podcast line. */
function seedList(html: string): Array<{ href: string; text: string }> {
  const start = html.indexOf(expected.crossRefHeading)
  const end = html.indexOf('You can listen to a podcast', start)
  assert.ok(start > 0 && end > start, 'the seed has the lead-in and the podcast line after it')
  const $ = cheerio.load(html.slice(start, end))
  return $('a').map((_, a) => ({ href: $(a).attr('href') ?? '', text: $(a).text() })).get()
}

describe('serveSample on the bundled sample', () => {
  let sample: SampleServer
  const origin = (host: string) => sample.origins[host]!

  before(async () => {
    sample = await serveSample()
  })
  after(async () => {
    await sample.close()
  })

  test('serves every host folder on its own 127.0.0.x address, in sorted host order', () => {
    assert.deepEqual(Object.keys(sample.origins).sort(), hostNames)
    assert.ok(hostNames.length >= 6)
    const addresses = hostNames.map((host) => new URL(origin(host)).hostname)
    assert.equal(new Set(addresses).size, hostNames.length)
    addresses.forEach((address, index) => assert.equal(address, `127.0.0.${index + 2}`))
    for (const host of hostNames) assert.match(new URL(origin(host)).port, /^[1-9]\d*$/)
  })

  test('the seed is served as HTML with links between sample hosts rewritten and other hosts untouched', async () => {
    assert.equal(sample.seedUrl, `${origin('holger-nauheimer.example')}/2009/04/introduction-of-social-media-in.html`)
    const res = await fetch(sample.seedUrl)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
    const body = await res.text()
    assert.ok(body.includes(`href="${origin('maven-digital-mashup.example')}/2009/04/01/web-20-expo-recap-why-social-media-marketing-fails/"`))
    assert.ok(body.includes(`href="${origin('zdnet.example')}/blog/feeds/`))
    for (const host of hostNames) {
      assert.ok(!body.includes(`http://${host}`) && !body.includes(`https://${host}`), `no unrewritten ${host} left`)
    }
    assert.ok(body.includes('http://reblog.zemanta.example/zemified/'))
    assert.ok(body.includes('http://holger-nauheimer.blogspot.example/search/label/'))
    // URL-encoded copies inside share links are left alone: they point at other services.
    assert.ok(body.includes('u=http%3A%2F%2Fholger-nauheimer.example%2F2009'))
    assert.equal(Buffer.byteLength(body), Number(res.headers.get('content-length')))
  })

  test('feeds get an Atom or RSS content type by their content', async () => {
    const cases: Array<[string, string, string]> = [
      ['http://holger-nauheimer.example/feeds/posts/default', 'application/atom+xml; charset=utf-8', '<feed'],
      ['http://holger-nauheimer.example/feeds/posts/default?alt=rss', 'application/rss+xml; charset=utf-8', '<rss'],
      ['http://maven-digital-mashup.example/feed/', 'application/rss+xml; charset=utf-8', '<rss'],
      ['http://marketing-mystic.example/rss', 'application/rss+xml; charset=utf-8', '<rss'],
      ['http://brass-tacks.example/brass_tacks/atom.xml', 'application/atom+xml; charset=utf-8', '<feed'],
    ]
    for (const [url, type, root] of cases) {
      const res = await fetch(sample.rewrite(url))
      assert.equal(res.status, 200, url)
      assert.equal(res.headers.get('content-type'), type, url)
      const body = await res.text()
      assert.ok(body.includes(root), url)
      for (const host of hostNames) assert.ok(!body.includes(`http://${host}`), `${url} has no unrewritten ${host}`)
    }
    const atom = await (await fetch(sample.rewrite('http://holger-nauheimer.example/feeds/posts/default'))).text()
    assert.ok(atom.includes(`href='${sample.seedUrl}'`), 'the feed links the seed on its served origin')
  })

  test('robots.txt: text/plain where present, 404 where the host has none', async () => {
    const missing = await fetch(sample.rewrite('http://marketing-mystic.example/robots.txt'))
    assert.equal(missing.status, 404)
    await missing.arrayBuffer()
    const brass = await fetch(sample.rewrite('http://brass-tacks.example/robots.txt'))
    assert.equal(brass.status, 200)
    assert.equal(brass.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.match(await brass.text(), /^Disallow: \/private\/$/m)
    const zdnet = await (await fetch(sample.rewrite('http://zdnet.example/robots.txt'))).text()
    assert.match(zdnet, /^Crawl-delay: 1$/m)
    for (const [host, robots] of Object.entries(expected.robots)) {
      const res = await fetch(`${origin(host)}/robots.txt`)
      assert.equal(res.status, robots.status, host)
      const text = await res.text()
      for (const path of robots.disallow ?? []) assert.ok(text.includes(`Disallow: ${path}`), `${host} disallows ${path}`)
    }
  })

  test('conditional requests: ETag and Last-Modified validators give 304', async () => {
    const first = await fetch(sample.seedUrl)
    await first.text()
    const etag = first.headers.get('etag')
    const lastModified = first.headers.get('last-modified')
    assert.ok(etag && /^"[^"]+"$/.test(etag))
    assert.ok(lastModified && !Number.isNaN(Date.parse(lastModified)))

    const byTag = await fetch(sample.seedUrl, { headers: { 'if-none-match': etag } })
    assert.equal(byTag.status, 304)
    assert.equal(await byTag.text(), '')
    assert.equal(byTag.headers.get('etag'), etag)

    const weak = await fetch(sample.seedUrl, { headers: { 'if-none-match': `"other", W/${etag}` } })
    assert.equal(weak.status, 304)
    await weak.arrayBuffer()

    const byDate = await fetch(sample.seedUrl, { headers: { 'if-modified-since': lastModified } })
    assert.equal(byDate.status, 304)
    await byDate.arrayBuffer()

    const stale = await fetch(sample.seedUrl, { headers: { 'if-none-match': '"something-else"' } })
    assert.equal(stale.status, 200)
    assert.ok((await stale.text()).length > 1000)

    const older = new Date(Date.parse(lastModified) - 86_400_000).toUTCString()
    const changed = await fetch(sample.seedUrl, { headers: { 'if-modified-since': older } })
    assert.equal(changed.status, 200)
    await changed.arrayBuffer()

    // If-None-Match decides when both are sent.
    const both = await fetch(sample.seedUrl, { headers: { 'if-none-match': '"nope"', 'if-modified-since': lastModified } })
    assert.equal(both.status, 200)
    await both.arrayBuffer()
  })

  test('_routes.json sets status, headers (rewritten) and alternate files; it is never served itself', async () => {
    const moved = await fetch(sample.rewrite('http://maven-digital-mashup.example/feed'), { redirect: 'manual' })
    assert.equal(moved.status, 301)
    assert.equal(moved.headers.get('location'), `${origin('maven-digital-mashup.example')}/feed/`)
    await moved.arrayBuffer()

    const article = expected.posts.find((p) => p.host === 'zdnet.example')!
    const res = await fetch(sample.rewrite(article.url))
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300')
    await res.arrayBuffer()

    const forbidden = await fetch(sample.rewrite('http://holger-nauheimer.example/search?q=x'))
    assert.equal(forbidden.status, 403)
    await forbidden.arrayBuffer()

    for (const path of ['/_routes.json', '/%5Froutes.json']) {
      const hidden = await rawGet(origin('zdnet.example'), path)
      assert.equal(hidden.status, 404, path)
    }
  })

  test('paths cannot leave the host folder', async () => {
    for (const path of ['/../../expected.json', '/..%2f..%2fexpected.json', '/%2e%2e/%2e%2e/expected.json', '/%2e%2e%5c%2e%2e%5cexpected.json', '/%ZZ', '/a%00b']) {
      const res = await rawGet(origin('brass-tacks.example'), path)
      assert.equal(res.status, 404, path)
      assert.ok(!res.body.includes('seedUrl'), path)
    }
  })

  test('HEAD has headers and no body; other methods get 405', async () => {
    const head = await fetch(sample.seedUrl, { method: 'HEAD' })
    assert.equal(head.status, 200)
    assert.ok(Number(head.headers.get('content-length')) > 1000)
    assert.equal(await head.text(), '')
    const post = await fetch(sample.seedUrl, { method: 'POST', body: 'x' })
    assert.equal(post.status, 405)
    assert.equal(post.headers.get('allow'), 'GET, HEAD')
    await post.arrayBuffer()
  })

  test('rewrite() maps sample URLs (http and https) and leaves everything else alone', () => {
    const zd = origin('zdnet.example')
    assert.equal(sample.rewrite('http://zdnet.example/a/b?c=1#d'), `${zd}/a/b?c=1#d`)
    assert.equal(sample.rewrite('https://ZDNET.example/'), `${zd}/`)
    assert.equal(sample.rewrite('http://zdnet.example'), `${zd}/`)
    for (const other of ['http://www.zemanta.example/', 'http://zdnet.example.org/', 'http://zdnet.example:8080/', 'ftp://zdnet.example/', 'not a url', '']) {
      assert.equal(sample.rewrite(other), other)
    }
  })

  test('every request is recorded with host, method, path, status and start/end times', async () => {
    const before = sample.requests.length
    const res = await fetch(sample.rewrite('http://marketing-mystic.example/robots.txt?probe=1'))
    await res.arrayBuffer()
    // The entry is appended when the response closes, which can trail the client by a tick.
    for (let i = 0; i < 50 && sample.requests.length === before; i++) await new Promise((r) => setTimeout(r, 5))
    const entry = sample.requests.slice(before).find((r) => r.path === '/robots.txt?probe=1')
    assert.ok(entry)
    assert.equal(entry.host, 'marketing-mystic.example')
    assert.equal(entry.method, 'GET')
    assert.equal(entry.status, 404)
    assert.ok(entry.endedAt >= entry.startedAt)
    assert.ok(sample.requests.every((r) => hostNames.includes(r.host)))
  })

  test("expected.json's posts are exactly the seed's list, in order, and all are served", async () => {
    const list = seedList(await readFile(SEED_FILE, 'utf8'))
    assert.deepEqual(list.map((e) => e.href), expected.posts.map((p) => p.url))
    assert.deepEqual(list.map((e) => e.text), expected.posts.map((p) => p.entryText))
    for (const post of expected.posts) {
      assert.equal(new URL(post.url).hostname, post.host)
      assert.ok(hostNames.includes(post.host))
      assert.ok(post.entryText.startsWith(post.claimedAuthor + ', '))
      const res = await fetch(sample.rewrite(post.url))
      assert.equal(res.status, 200, post.url)
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
      await res.arrayBuffer()
    }
    assert.equal(sample.seedUrl, sample.rewrite(expected.seedUrl))
  })

  test("expected.json's fields are consistent with the pages they describe", async () => {
    const event = new Set([expected.seedUrl, ...expected.posts.map((p) => p.url)])
    for (const post of [expected.seed, ...expected.posts]) {
      const html = await (await fetch(sample.rewrite(post.url))).text()
      const text = pageText(html)
      const $ = cheerio.load(html)
      assert.ok(text.includes(post.title), `title on ${post.url}`)
      assert.ok(text.includes(post.excerptStart), `excerpt on ${post.url}`)
      assert.ok(text.includes(post.siteName), `site name on ${post.url}`)
      assert.match(post.published, /^\d{4}-\d{2}-\d{2}$/)
      if (post.publishedAt) {
        assert.equal(post.publishedAt.slice(0, 10), post.published)
        assert.ok(html.includes(post.publishedAt), `timestamp on ${post.url}`)
      }
      if (post.authorSource === 'page') {
        for (const author of post.authors) assert.ok(text.includes(author), `${author} on ${post.url}`)
      } else {
        // The page names nobody, anywhere in its markup: the seed's claim is the only source.
        assert.deepEqual(post.authors, [post.claimedAuthor])
        for (const part of post.claimedAuthor.split(' ')) assert.ok(!html.includes(part), `${part} absent from ${post.url}`)
        assert.equal($('meta[name="author"], [rel="author"], .author, .byline, .vcard, script[type="application/ld+json"]').length, 0)
      }
      const links = new Set(hrefs(html).map((href) => sample.rewrite(href)))
      const linked = [...event].filter((url) => url !== post.url && links.has(sample.rewrite(url)))
      assert.deepEqual(linked.sort(), [...post.linksTo].sort(), `links from ${post.url} to the event`)
      // The advertised feed is served and lists the post.
      const feed = await fetch(sample.rewrite(post.feed))
      assert.equal(feed.status, 200, post.feed)
      assert.match(feed.headers.get('content-type') ?? '', /^application\/(rss|atom)\+xml/)
      assert.ok((await feed.text()).includes(sample.rewrite(post.url)), `${post.feed} lists ${post.url}`)
      assert.ok(html.includes(sample.rewrite(post.feed)), `${post.url} advertises ${post.feed}`)
    }
  })

  test('noise links are on the seed page; off-sample noise points at hosts nobody serves', async () => {
    const seedLinks = new Set(hrefs(await readFile(SEED_FILE, 'utf8')))
    const event = new Set([expected.seedUrl, ...expected.posts.map((p) => p.url)])
    for (const url of [...expected.noise, ...expected.internalNoise]) {
      assert.ok(seedLinks.has(url), `${url} is linked from the seed`)
      assert.ok(!event.has(url))
    }
    for (const url of expected.noise) assert.ok(!hostNames.includes(new URL(url).hostname), `${url} is off-sample`)
    for (const url of expected.internalNoise) assert.equal(new URL(url).hostname, 'holger-nauheimer.example')
    // Every off-sample link on the seed is listed as noise.
    const offSample = [...seedLinks].filter((href) => /^https?:/.test(href) && !hostNames.includes(new URL(href).hostname))
    assert.deepEqual(offSample.sort(), [...expected.noise].sort())
    const maven = await readFile(join(HOSTS, 'maven-digital-mashup.example/2009/04/01/web-20-expo-recap-why-social-media-marketing-fails/index.html'), 'utf8')
    for (const url of expected.widgetNoise) {
      assert.ok(hrefs(maven).includes(url))
      const res = await fetch(sample.rewrite(url))
      assert.equal(res.status, 200, url)
      await res.arrayBuffer()
    }
    for (const [host, robots] of Object.entries(expected.robots)) {
      for (const path of robots.neverRequested ?? []) {
        const res = await fetch(`${origin(host)}${path}`)
        assert.equal(res.status, 200, 'the disallowed page exists, so a crawler ignoring robots.txt would be caught')
        await res.arrayBuffer()
      }
    }
  })
})

test('every link and resource in the sample stays on .example hosts', async () => {
  // Namespace and DTD identifiers are never fetched by a browser or a crawler.
  const identifiers = new Set(['www.w3.org', 'www.google.com', 'schemas.google.com', 'a9.com', 'purl.org', 'schema.org', 'ogp.me', 'gmpg.org', 'www.sixapart.com', 'wellformedweb.org'])
  const files = (await readdir(HOSTS, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
  assert.ok(files.length > 30)
  for (const entry of files) {
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)
    const text = await readFile(path, 'utf8')
    for (const match of text.matchAll(/(?:href|src|action)\s*=\s*["']([^"']*)["']/gi)) {
      const value = match[1]!
      if (!/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('//')) continue
      if (/^(javascript|mailto):/i.test(value)) continue
      const host = new URL(value, 'http://base.example/').hostname
      assert.ok(host.endsWith('.example'), `${path}: ${value}`)
    }
    for (const match of text.matchAll(/\bhttps?:\/\/([A-Za-z0-9.-]+)/g)) {
      const host = match[1]!.toLowerCase()
      assert.ok(host.endsWith('.example') || identifiers.has(host), `${path}: ${match[0]}`)
    }
  }
})

describe('serveSample with another folder', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roundup-sample-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('serves a minimal tree, tolerates a broken _routes.json and falls back to the first host for the seed', async () => {
    await mkdir(join(dir, 'hosts/b-blog.example/posts'), { recursive: true })
    await mkdir(join(dir, 'hosts/a-blog.example'), { recursive: true })
    await writeFile(join(dir, 'hosts/a-blog.example/index.html'), '<a href="http://b-blog.example/posts/one.html">one</a> <a href="https://b-blog.example.org/">not us</a>')
    await writeFile(join(dir, 'hosts/a-blog.example/_routes.json'), '{ not json')
    await writeFile(join(dir, 'hosts/b-blog.example/posts/one.html'), '<p>one</p>')
    const sample = await serveSample({ dir })
    try {
      assert.deepEqual(Object.keys(sample.origins), ['a-blog.example', 'b-blog.example'])
      assert.equal(sample.seedUrl, `${sample.origins['a-blog.example']}/`)
      const body = await (await fetch(sample.seedUrl)).text()
      assert.equal(body, `<a href="${sample.origins['b-blog.example']}/posts/one.html">one</a> <a href="https://b-blog.example.org/">not us</a>`)
      const one = await fetch(sample.rewrite('http://b-blog.example/posts/one.html'))
      assert.equal(await one.text(), '<p>one</p>')
      const gone = await fetch(sample.rewrite('http://b-blog.example/posts/two.html'))
      assert.equal(gone.status, 404)
      await gone.arrayBuffer()
    } finally {
      await sample.close()
    }
    await assert.rejects(fetch(sample.seedUrl), 'nothing listens after close()')
    await sample.close()
  })

  test('a folder without hosts is OPTIONS_INVALID', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'roundup-sample-empty-'))
    try {
      await assert.rejects(serveSample({ dir: empty }), (error: unknown) => isRoundupError(error) && error.code === 'OPTIONS_INVALID')
      await mkdir(join(empty, 'hosts'))
      await assert.rejects(serveSample({ dir: empty }), (error: unknown) => isRoundupError(error) && error.code === 'OPTIONS_INVALID')
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })
})
