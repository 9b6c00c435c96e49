// The hostile targets, one per misbehaving server, each with the outcome the README promises.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { gzipSync } from 'node:zlib'
import iconv from 'iconv-lite'
import type { LoggedRequest } from '../helpers/server.js'
import { LOREM, html, page, stream } from './page.js'

export interface Target {
  /** Short name, also the host's key. */
  name: string
  /** Path listed by the seed (joined to the host's origin). */
  path: string
  /** Outcome the crawl must record for the listed URL; null when it must not be crawled at all. */
  outcome: string | null
  /** Why, in the words of the README's contract. */
  because: string
  /** Link text in the seed's list. */
  label?: string
  /** Listed as this exact URL instead of origin + path (for URLs that are not ours). */
  href?: string
  /** Served but not listed by the seed (the archive's API). */
  unlisted?: boolean
  robots?: (req: IncomingMessage, res: ServerResponse) => void
  handle?: (req: IncomingMessage, res: ServerResponse, ctx: HostContext) => void
  /** A raw TCP server instead of node:http (for responses http refuses to send). */
  raw?: (socket: Socket, ctx: RawContext) => void
}

export interface HostContext {
  origin: string
  /** Origins of every host, by target name. */
  origins: Record<string, string>
  count(key: string): number
  addBytes(key: string, n: number): void
}

export interface RawContext {
  log: LoggedRequest[]
}

export const GOOD = {
  title: 'Change management meets the social web',
  author: 'Jessica Valenzuela',
  published: '2009-04-01',
  excerptStart: 'Holger Nauheimer opened the session',
}

export const CP1252_TITLE = '“Café society” – naïve questions about change'
export const SJIS_TITLE = '変化管理とソーシャルメディア'

/** The targets, each with the outcome the README promises for it. */
export function buildTargets(): Target[] {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>/laughs-post</link></item></channel></rss>`
  // Many gzip members of 1 MB of zeros each: about 1 KB apiece on the wire, 200 MB decoded.
  const member = gzipSync(Buffer.alloc(1_000_000))
  const bomb = Buffer.concat(Array.from({ length: 200 }, () => member))
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096, 7)])
  const redirect = (location: string) => (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(302, { location }).end()

  return [
    {
      name: 'good', path: '/2009/04/change-management-social-web.html', outcome: 'stored', label: 'Jessica Valenzuela, Maven Digital Mashup',
      because: 'an ordinary post among hostile ones is still stored; its 100k-item feed is parsed and capped',
      handle: (req, res, ctx) => {
        if (req.url === '/feeds/posts/default') {
          const items = [`<item><title>${GOOD.title}</title><link>${ctx.origin}/2009/04/change-management-social-web.html</link><pubDate>Wed, 01 Apr 2009 10:32:00 -0700</pubDate><author>jv@example.test (${GOOD.author})</author></item>`]
          for (let i = 0; i < 100_000; i++) items.push(`<item><guid>${i}</guid></item>`)
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
          return void res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Maven Digital Mashup</title><link>${ctx.origin}/</link>${items.join('')}</channel></rss>`)
        }
        html(res, page({
          title: GOOD.title, author: GOOD.author, date: GOOD.published, feed: '/feeds/posts/default',
          // Its own list points back at the seed and at itself with tracking junk: nothing new to fetch.
          crossrefs: [`<a href="${ctx.origins.seed}/2009/04/session.html?utm_source=twitter">Holger Nauheimer, Change Blog</a>`, `<a href="${ctx.origin}/2009/04/change-management-social-web.html?utm_medium=self#top">this post again</a>`],
        }))
      },
    },
    { name: 'good-utm', href: 'good?utm_source=feedburner&utm_medium=feed&utm_campaign=x', path: '', outcome: null, label: 'Jessica Valenzuela (again, via Feedburner)', because: 'differs from the good post only by utm_* parameters: one post, one fetch' },
    { name: 'good-fragment', href: 'good#comments-section', path: '', outcome: null, label: 'Jessica Valenzuela (again, with a fragment)', because: 'differs from the good post only by its fragment: one post, one fetch' },
    {
      name: 'redirect-endless', path: '/loop/0', outcome: 'error:redirects', because: 'redirects are followed by hand, at most 10',
      handle: (req, res) => void res.writeHead(302, { location: `/loop/${Number(req.url!.split('/')[2]) + 1}` }).end(),
    },
    {
      name: 'redirect-30', path: '/hop/30', outcome: 'error:redirects', because: '30 hops is more than the 10 we follow',
      handle: (req, res) => {
        const n = Number(req.url!.split('/')[2])
        if (n > 0) return void res.writeHead(301, { location: `/hop/${n - 1}` }).end()
        html(res, page({ title: 'The end of a long chain' }))
      },
    },
    { name: 'redirect-metadata', path: '/meta', outcome: 'skipped:ssrf', because: 'link-local (cloud metadata) is refused even with --allow-private', handle: redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/') },
    { name: 'redirect-metadata-hex', path: '/meta', outcome: 'skipped:ssrf', because: 'the same address spelled in hex is the same address', handle: redirect('http://0xa9fea9fe/latest/meta-data/') },
    { name: 'redirect-metadata-v6', path: '/meta', outcome: 'skipped:ssrf', because: 'the same address mapped into IPv6', handle: redirect('http://[::ffff:a9fe:a9fe]/latest/meta-data/') },
    { name: 'redirect-file', path: '/file', outcome: 'skipped:scheme', because: 'only http and https are fetched', handle: redirect('file:///etc/passwd') },
    { name: 'redirect-javascript', path: '/js', outcome: 'skipped:scheme', because: 'only http and https are fetched', handle: redirect('javascript:alert(document.domain)') },
    { name: 'metadata-direct', href: 'http://169.254.169.254/latest/meta-data/', path: '', outcome: 'skipped:ssrf', label: 'Instance Metadata, Cloud Blog', because: 'a listed link-local URL is refused before any connection' },
    { name: 'file-direct', href: 'file:///etc/passwd', path: '', outcome: null, label: 'Password File, Local Blog', because: 'a non-http(s) entry is never queued' },
    { name: 'javascript-direct', href: 'javascript:alert(1)', path: '', outcome: null, label: 'Script Link, Evil Blog', because: 'a javascript: entry is never queued' },
    {
      name: 'trickle', path: '/slow', outcome: 'error:timeout', because: 'the total deadline covers the body, so 1 byte/s is cut off',
      handle: (_req, res, ctx) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.write('<')
        const timer = setInterval(() => {
          res.write('p')
          ctx.addBytes('trickle', 1)
        }, 1000)
        res.once('close', () => clearInterval(timer))
      },
    },
    { name: 'headers-never', path: '/hang', outcome: 'error:timeout', because: 'a response whose headers never come hits the headers timeout', handle: () => {} },
    {
      name: 'headers-trickle', path: '/slow-headers', outcome: 'error:timeout', because: 'headers sent one byte at a time still hit the headers timeout',
      raw: (socket, ctx) => {
        socket.once('data', (data: Buffer) => {
          const path = /^GET (\S+)/.exec(data.toString('latin1'))?.[1] ?? '?'
          ctx.log.push({ method: 'GET', path, headers: {}, startedAt: performance.now(), endedAt: null, status: null })
          if (path === '/robots.txt') return void socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')
          socket.write('HTTP/1.1 200 OK\r\nx-slow: ')
          const timer = setInterval(() => socket.write('a'), 100)
          socket.once('close', () => clearInterval(timer))
        })
      },
    },
    {
      name: 'huge-streamed', path: '/2gb', outcome: 'error:too-large', because: 'the 5 MB cap is counted while streaming; the server never builds the 2 GB body',
      handle: (_req, res, ctx) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        stream(res, 2 * 1024 ** 3, Buffer.alloc(64 * 1024, 'a'), (n) => ctx.addBytes('huge-streamed', n), '<html><body><p>')
      },
    },
    {
      name: 'huge-announced', path: '/2gb', outcome: 'error:too-large', because: 'an announced Content-Length over the cap is refused before reading',
      handle: (_req, res, ctx) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(2 * 1024 ** 3) })
        stream(res, 2 * 1024 ** 3, Buffer.alloc(64 * 1024, 'a'), (n) => ctx.addBytes('huge-announced', n))
      },
    },
    {
      name: 'gzip-bomb', path: '/bomb', outcome: 'error:too-large', because: 'the cap counts decompressed bytes',
      handle: (_req, res) => html(res, bomb, 200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }),
    },
    {
      name: 'single-line-50mb', path: '/one-line', outcome: 'error:too-large', because: 'a 50 MB page is over the 5 MB cap, however it is laid out',
      handle: (_req, res, ctx) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        stream(res, 50_000_000, Buffer.from('word '.repeat(13_000)), (n) => ctx.addBytes('single-line-50mb', n), '<!doctype html><html><head><title>One line</title></head><body><p>', '</p></body></html>')
      },
    },
    {
      name: 'cp1252-as-utf8', path: '/cafe', outcome: 'stored', because: 'bytes that are not UTF-8 under a UTF-8 label are read as windows-1252, as browsers do',
      handle: (_req, res) => {
        const text = page({ title: CP1252_TITLE, author: 'René Müller', date: '2009-04-02', body: `<p>Une société — “naïve” — ${LOREM}</p>` }).replace('<meta charset="utf-8">', '')
        html(res, iconv.encode(text, 'windows-1252'))
      },
    },
    {
      name: 'sjis-meta', path: '/sjis', outcome: 'stored', because: 'a charset declared only in <meta> is honoured',
      handle: (_req, res) => {
        const text = page({ title: SJIS_TITLE, author: 'Taro Yamada', date: '2009-04-02', body: `<p>${'ソーシャルメディアは組織の変化を促す道具です。'.repeat(8)}</p>` })
          .replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end(iconv.encode(text, 'Shift_JIS'))
      },
    },
    {
      name: 'invalid-utf8', path: '/broken', outcome: 'stored', because: 'invalid UTF-8 with no label falls back to windows-1252; nothing throws',
      handle: (_req, res) => {
        const head = Buffer.from('<!doctype html><html><head><title>Broken bytes ')
        const bad = Buffer.from([0xc3, 0x28, 0x20, 0xed, 0xa0, 0x80, 0x20, 0xf8, 0x88, 0x80, 0x80, 0x80, 0x20, 0xc0, 0xaf])
        const rest = Buffer.from(` here</title></head><body><article><h1>Broken bytes here</h1><p>${LOREM}</p></article></body></html>`)
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end(Buffer.concat([head, bad, rest]))
      },
    },
    {
      name: 'xss', path: '/2009/04/xss.html', outcome: 'stored', label: 'Eve Hacker, <img src=x onerror=alert(1)> Evil Blog', because: 'script and handler payloads are stripped to text; script URLs are dropped',
      handle: (req, res, ctx) => {
        if (req.url!.startsWith('/echo')) {
          // Reflects its query into the page, like a careless search page.
          const q = new URL(req.url!, ctx.origin).searchParams.get('q') ?? ''
          return void html(res, page({ title: `Results for ${q}`, author: q }))
        }
        html(res, `<!doctype html><html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;<script>alert(2)</script> Payload post <img src=x onerror=alert(3)></title>
<meta property="og:title" content="<script>alert(4)</script>Payload post">
<meta property="og:description" content="<img src=x onerror=alert(document.cookie)> &lt;script&gt;alert(5)&lt;/script&gt; A post full of payloads.">
<meta name="description" content="<svg/onload=alert(6)> described">
<meta name="author" content="<svg onload=alert(7)>Eve Hacker">
<meta property="og:site_name" content="<b onmouseover=alert(8)>Evil Blog</b>">
<link rel="canonical" href="javascript:alert(9)//http://example.test/">
<meta property="og:url" content="javascript:alert(10)">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(11)">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"<script>alert(12)</script>Payload post","url":"javascript:alert(13)","author":{"@type":"Person","name":"<img src=x onerror=alert(14)>Eve Hacker","url":"javascript:alert(15)"},"datePublished":"2009-04-02T09:00:00+02:00","description":"<iframe src=javascript:alert(16)></iframe>JSON description"}</script>
</head><body><div class="post hentry"><h1 class="entry-title" onclick="alert(17)">Payload post</h1>
<p class="byline">by <a rel="author" href="javascript:alert(18)" onmouseover="alert(19)">Eve Hacker</a> on <abbr class="published" title="2009-04-02T09:00:00+02:00">April 2</abbr></p>
<div class="entry-content"><p onmouseover="alert(20)">A post full of payloads <img src=x onerror=alert(21)> with a <a href="javascript:alert(22)">script link</a>, a <a href="data:text/html,&lt;script&gt;alert(23)&lt;/script&gt;">data link</a> and a <a href="vbscript:msgbox(24)">vbscript link</a>. ${LOREM}</p>
<p>Other blog posts on the same session:</p><ul>
<li><a href="javascript:alert(25)">Mallory Jones, Script Blog</a></li>
<li><a href=" JaVaScRiPt:alert(26)">Trent Smith, Spaced Blog</a></li>
<li><a href="${ctx.origin}/echo?q=%22%3E%3Cscript%3Ealert(27)%3C/script%3E">Reflected Search, <script>alert(28)</script>Echo Blog</a></li>
</ul></div></div></body></html>`)
      },
    },
    {
      name: 'robots-500', path: '/post.html', outcome: 'skipped:robots', because: 'robots.txt that answers 5xx disallows the host for the run (RFC 9309)',
      robots: (_req, res) => void res.writeHead(500).end('oops'),
    },
    {
      name: 'robots-disallow', path: '/post.html', outcome: 'skipped:robots', because: 'robots.txt that disallows all is obeyed',
      robots: (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /\n'),
    },
    {
      name: 'retry-after', path: '/busy', outcome: 'stored', because: '429 is retried after Retry-After',
      handle: (_req, res, ctx) => {
        if (ctx.count('retry-after') === 1) return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down')
        // Lists the good post again, with tracking junk: the frontier has already seen it.
        html(res, page({ title: 'Worth the wait', author: 'Patient Poster', date: '2009-04-03', crossrefs: [`<a href="${ctx.origins.good}/2009/04/change-management-social-web.html?utm_campaign=retry#section-2">Jessica Valenzuela, Maven Digital Mashup</a>`] }))
      },
    },
    {
      name: 'flaky-503', path: '/flaky', outcome: 'stored', because: '503 is retried with backoff; the third attempt succeeds',
      handle: (_req, res, ctx) => {
        if (ctx.count('flaky-503') <= 2) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('down')
        html(res, page({ title: 'Third time lucky', author: 'Flaky Host', date: '2009-04-03' }))
      },
    },
    {
      name: 'reset', path: '/reset', outcome: 'error:network', because: 'a connection reset mid-body is retried, then recorded',
      handle: (req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': '20000' })
        res.write('<!doctype html><html><head><title>Cut short</title></head><body><p>' + 'x'.repeat(5000))
        setTimeout(() => req.socket.resetAndDestroy(), 20)
      },
    },
    {
      name: 'evil-content-type', path: '/evil-type', outcome: 'error:not-html', because: 'a type that is not a page is refused; the header is not repeated in the reason',
      handle: (_req, res) => void res.writeHead(200, { 'content-type': '<script>alert(1)</script>/javascript:alert(2)' }).end('<p>hi</p>'),
    },
    {
      name: 'evil-encoding', path: '/evil-encoding', outcome: 'error:not-html', because: 'an encoding we never asked for is refused; the header is not repeated',
      handle: (_req, res) => html(res, '<p>hi</p>', 200, { 'content-encoding': 'gzip, <img src=x onerror=alert(1)>' }),
    },
    {
      name: 'evil-label', path: '/evil-label', outcome: 'error:not-html', because: 'sniffed as PNG whatever the label says; the label is not repeated',
      handle: (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; x="javascript:alert(1)"' }).end(png),
    },
    { name: 'empty', path: '/empty', outcome: 'error:empty', because: 'an empty 200 is an error, not an empty post', handle: (_req, res) => html(res, '') },
    { name: 'png-as-html', path: '/image', outcome: 'error:not-html', because: 'bytes are sniffed: a PNG labelled text/html is not a page', handle: (_req, res) => html(res, png) },
    {
      name: 'nested-divs', path: '/deep', outcome: 'stored', because: '100k nested divs are flattened before parsing, not a stack overflow',
      handle: (_req, res) => html(res, `<!doctype html><html><head><title>Deep thoughts</title><meta name="author" content="Deep Diver"></head><body>${'<div>'.repeat(100_000)}<p>${LOREM}</p>${'</div>'.repeat(100_000)}</body></html>`),
    },
    {
      name: 'laughs-feed', path: '/laughs-post', outcome: 'stored', because: 'the post is stored; its billion-laughs feed is refused (FEED_INVALID)',
      handle: (req, res) => {
        if (req.url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(laughs)
        html(res, page({ title: 'A post with a dangerous feed', author: 'Lol Cat', date: '2009-04-02', feed: '/feed.xml' }))
      },
    },
    {
      name: 'malformed-feed', path: '/malformed-post', outcome: 'stored', because: 'the post is stored; its malformed feed is recorded as invalid',
      handle: (req, res) => {
        if (req.url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><title>never closed</channel>')
        html(res, page({ title: 'A post with a broken feed', author: 'Mal Formed', date: '2009-04-02', feed: '/feed.xml' }))
      },
    },
    { name: 'gone', path: '/deleted-post', outcome: 'error:http-404', because: 'a 404 is recorded as gone, and its archived copy looked up', handle: (_req, res) => html(res, 'Not here', 404) },
    {
      name: 'archive', path: '/wayback/available', outcome: null, unlisted: true, because: 'the web archive is untrusted too: a javascript: snapshot is never stored',
      handle: (req, res) => {
        const asked = new URL(req.url!, 'http://archive.test').searchParams.get('url') ?? ''
        const closest = { available: true, url: 'javascript:alert(document.domain)//', timestamp: '20090401120000', status: '200' }
        const other = { available: true, url: 'http://127.0.0.1:9/web/20090402/"><script>alert(1)</script>', timestamp: '20090402120000', status: '200' }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ url: asked, archived_snapshots: asked.includes('/reset') ? { closest } : { closest, other } }))
      },
    },
    {
      name: 'trap', path: '/day/2009-04-01.html', outcome: 'stored', because: 'an endless calendar is cut off by --depth / --max-pages',
      handle: (req, res) => {
        const day = /(\d{4}-\d{2}-\d{2})/.exec(req.url!)?.[1] ?? '2009-04-01'
        const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10)
        html(res, page({ title: `Calendar for ${day}`, author: 'Cal Endar', date: day, crossrefs: [`<a href="/day/${next}.html">Cal Endar, Calendar Blog (${next})</a>`] }))
      },
    },
  ]
}
