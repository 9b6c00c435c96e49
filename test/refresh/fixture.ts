// A copy of the sample blogosphere in a temp dir, served on loopback, crawled once; tests then
// change its files (the server re-reads them on every request) and refresh.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crawl } from '../../src/crawl/crawl.js'
import { extractPage, formatDate, parseDate } from '../../src/extract/index.js'
import { createFetcher } from '../../src/fetch/index.js'
import { DEFAULTS } from '../../src/options.js'
import { refresh, type RefreshInput, type RefreshReport } from '../../src/refresh/index.js'
import { serveSample, type SampleServer } from '../../src/sample/serve.js'
import { openJsonStore, readStoreFile, type StoreData } from '../../src/store/index.js'
import { normalizeUrl } from '../../src/url/normalize.js'
import { robotsMemoryOf } from '../../src/store/robots-memory.js'

const SAMPLE = fileURLToPath(new URL('../../data/sample', import.meta.url))
export const DELAY = 20

export const SEED = 'http://holger-nauheimer.example/2009/04/introduction-of-social-media-in.html'
export const GONE = 'http://brass-tacks.example/brass_tacks/2009/04/social-media-marketing-fails-when-it-stays-in-marketing.html'
export const MOVED = 'http://social-capital-value-add.example/2009/04/tire-tower-or-hub-organizing-for-social.html'
export const MOVED_TO = 'http://social-capital-value-add.example/2009/04/tire-tower-hub-organizing-for-social-media.html'
export const RETITLED = 'http://zdnet.example/blog/feeds/web-20-expo-social-media-marketing-fails-without-executive-buy-in/1187'
export const PINGED = 'http://maven-digital-mashup.example/2009/04/01/web-20-expo-recap-why-social-media-marketing-fails/'
export const NEW_LINKING = 'http://marketing-mystic.example/post/94100001/still-thinking-about-why-social-media-marketing-fails'
export const NEW_UNRELATED = 'http://maven-digital-mashup.example/2009/04/06/spring-cleaning-my-feed-reader/'
export const NEW_TERMS = 'http://zdnet.example/blog/feeds/why-social-media-marketing-fails-revisited/1201'
export const COMMENT_LINK = 'http://another-blog.example/2009/04/my-take-on-the-panel.html'
export const PINGBACK_FROM = 'http://another-blog.example/2009/04/web-2-0-expo-roundup.html'

export interface Fixture {
  dir: string
  dataFile: string
  sample: SampleServer
  /** A sample URL as served, normalised: the key the store uses. */
  key(url: string): string
  /** The eventId of the crawled sample event. */
  eventId: string
  read(): Promise<StoreData>
  /** A library refresh of the store (or of another copy of it). */
  refresh(input?: RefreshInput, now?: () => Date, dataFile?: string): Promise<RefreshReport>
  edit(relative: string, change: (text: string) => string): Promise<void>
  write(relative: string, text: string): Promise<void>
  remove(relative: string): Promise<void>
  close(): Promise<void>
}

const dateParser = (text: string) => {
  const parts = parseDate(text)
  return parts ? formatDate(parts) : null
}

export function fetcherOptions() {
  return { ...DEFAULTS, proxy: undefined, delayMs: DELAY, allowPrivate: true, maxRetries: 0, totalTimeoutMs: 5000 }
}

/** Copy, serve and crawl the sample. zdnet's Crawl-delay of 1 s is dropped from the copy to keep tests fast. */
export async function startFixture(): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'roundup-refresh-'))
  const dir = join(root, 'sample')
  await cp(SAMPLE, dir, { recursive: true })
  const hosts = join(dir, 'hosts')
  const robots = join(hosts, 'zdnet.example', 'robots.txt')
  await writeFile(robots, (await readFile(robots, 'utf8')).replace(/^Crawl-delay:.*\n/m, ''))
  const sample = await serveSample({ dir })
  const dataFile = join(root, 'roundup.json')
  const key = (url: string) => normalizeUrl(sample.rewrite(url))!

  const store = await openJsonStore(dataFile)
  const fetcher = createFetcher(fetcherOptions())
  let eventId: string
  try {
    const report = await crawl({ seeds: [sample.seedUrl], depth: 1, maxPages: 50 }, { fetcher, store, extract: extractPage, parseDate: dateParser })
    eventId = report.event.id
  } finally {
    await fetcher.close()
    await store.close()
  }

  return {
    dir,
    dataFile,
    sample,
    key,
    eventId,
    read: () => readStoreFile(dataFile),
    async refresh(input = {}, now, file = dataFile) {
      const store = await openJsonStore(file)
      // As createRoundup does: robots.txt is kept in the store across runs.
      const fetcher = createFetcher({ ...fetcherOptions(), ...robotsMemoryOf(store) })
      try {
        return await refresh(input, { store, fetcher, extract: extractPage, parseDate: dateParser, ...(now ? { now } : {}) })
      } finally {
        await fetcher.close()
        await store.close()
      }
    },
    async edit(relative, change) {
      const path = join(hosts, relative)
      const before = await readFile(path, 'utf8')
      const after = change(before)
      if (after === before) throw new Error(`edit of ${relative} changed nothing`)
      await writeFile(path, after)
    },
    async write(relative, text) {
      const path = join(hosts, relative)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, text)
    },
    remove: (relative) => rm(join(hosts, relative)),
    async close() {
      await sample.close()
      await rm(root, { recursive: true, force: true })
    },
  }
}

function tumblrPost(title: string, date: string, body: string): string {
  return `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>Marketing Mystic &mdash; ${title}</title>
<link rel="alternate" type="application/rss+xml" href="http://marketing-mystic.example/rss" />
</head><body><div id="container">
<div id="header"><h1><a href="http://marketing-mystic.example/">Marketing Mystic</a></h1>
<ul class="nav"><li><a href="http://marketing-mystic.example/">Home</a></li><li><a href="http://marketing-mystic.example/archive">Archive</a></li></ul></div>
<div id="content"><div class="post text">
<h3><a href="${NEW_LINKING}">${title}</a></h3>
${body}
<div class="meta"><a href="${NEW_LINKING}">${date}</a> &middot; Tagged: <a href="http://marketing-mystic.example/tagged/web2expo">#web2expo</a></div>
</div></div>
<div id="footer"><p><a href="http://www.tumblr.example/">Powered by Tumblr</a></p></div>
</div></body></html>
`
}

function wordpressPost(url: string, title: string, iso: string, day: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en-US"><head><title>${title} &laquo; Maven Digital Mashup</title>
<meta http-equiv="content-type" content="text/html; charset=UTF-8" />
<link rel="alternate" type="application/rss+xml" href="http://maven-digital-mashup.example/feed/" title="Maven Digital Mashup Posts RSS feed" />
</head><body class="wordpress single"><div id="wrapper" class="hfeed">
<div id="header"><div id="blog-title"><a href="http://maven-digital-mashup.example/" rel="home">Maven Digital Mashup</a></div></div>
<div id="content"><div class="hentry post publish author-jessica">
<h1 class="entry-title">${title}</h1>
<div class="entry-meta"><span class="author vcard"><a class="url fn n" href="http://maven-digital-mashup.example/author/jessica/">Jessica Valenzuela</a></span>
<span class="entry-date"><abbr class="published" title="${iso}">${day}</abbr></span></div>
<div class="entry-content">${body}</div>
<div class="entry-utility">Bookmark the <a href="${url}" rel="bookmark">permalink</a>.</div>
</div></div>
<div id="footer">Powered by <a href="http://wordpress.example/">WordPress</a>.</div>
</div></body></html>
`
}

/** The changes between the crawl and the first refresh, as the issue lists them. */
export async function changeTheBlogosphere(f: Fixture): Promise<void> {
  // 1. A new post that links to the seed, announced in its blog's feed.
  await f.write('marketing-mystic.example/post/94100001/still-thinking-about-why-social-media-marketing-fails/index.html', tumblrPost(
    'Still thinking about why social media marketing fails', '5 April 2009',
    `<p>A few days on, the panel keeps coming back to me. <a href="${SEED}">Holger Nauheimer's notes</a> put it best: bringing social media into an organization is change management.</p>
<p>My own takeaways are in my earlier post.</p>`,
  ))
  await f.edit('marketing-mystic.example/rss/index.xml', (xml) => xml.replace('<item>', `<item><title>Still thinking about why social media marketing fails</title><description>&lt;p&gt;A few days on, the panel keeps coming back to me.&lt;/p&gt;</description><link>${NEW_LINKING}</link><guid>${NEW_LINKING}</guid><pubDate>Sun, 05 Apr 2009 10:00:00 -0700</pubDate><category>web2expo</category></item><item>`))
  // 2. A new post about something else, on another blog of the event.
  await f.write('maven-digital-mashup.example/2009/04/06/spring-cleaning-my-feed-reader/index.html', wordpressPost(
    NEW_UNRELATED, 'Spring cleaning my feed reader', '2009-04-06T08:30:00-07:00', 'April 6, 2009',
    '<p>Four hundred subscriptions is too many. This weekend I unsubscribed from everything I had not opened in three months, and my mornings are quieter already.</p>',
  ))
  await f.edit('maven-digital-mashup.example/feed/index.xml', (xml) => xml.replace('<item>', `<item>
		<title>Spring cleaning my feed reader</title>
		<link>${NEW_UNRELATED}</link>
		<pubDate>Mon, 06 Apr 2009 15:30:00 +0000</pubDate>
		<dc:creator>Jessica Valenzuela</dc:creator>
		<category><![CDATA[Personal]]></category>
		<guid isPermaLink="false">http://maven-digital-mashup.example/?p=430</guid>
		<description><![CDATA[Four hundred subscriptions is too many.]]></description>
		</item>
		<item>`))
  // 3. One post goes 404.
  await f.remove('brass-tacks.example/brass_tacks/2009/04/social-media-marketing-fails-when-it-stays-in-marketing.html')
  // 4. One post moves: its old address answers 301.
  const movedFrom = 'social-capital-value-add.example/2009/04/tire-tower-or-hub-organizing-for-social.html'
  await f.write('social-capital-value-add.example/2009/04/tire-tower-hub-organizing-for-social-media.html', await readFile(join(f.dir, 'hosts', movedFrom), 'utf8'))
  await f.edit('social-capital-value-add.example/_routes.json', (json) => {
    const routes = JSON.parse(json) as Record<string, unknown>
    routes['/2009/04/tire-tower-or-hub-organizing-for-social.html'] = { status: 301, headers: { Location: MOVED_TO } }
    return JSON.stringify(routes, null, 2)
  })
  // 5. A new comment on the seed, with a link in it.
  await f.edit('holger-nauheimer.example/feeds/5830214483910487364/comments/default/index.xml', (xml) => xml.replace('<entry>', `<entry><id>tag:blogger.com,1999:blog-2318264537760839142.post-6600000000000000001</id><published>2009-04-08T09:15:00.000-07:00</published><updated>2009-04-08T09:15:00.000-07:00</updated><title type='text'>I wrote up the same panel...</title><content type='html'>I wrote up the same panel from the back row: &lt;a href="${COMMENT_LINK}"&gt;my take on it&lt;/a&gt;. Thanks for the notes!</content><link rel='alternate' type='text/html' href='http://holger-nauheimer.example/2009/04/introduction-of-social-media-in.html?showComment=1239207300000#c6600000000000000001' title=''/><author><name>Priya Raman</name><uri>http://another-blog.example/</uri></author></entry>
<entry>`))
  // 6. A post's title changes.
  await f.edit('zdnet.example/blog/feeds/web-20-expo-social-media-marketing-fails-without-executive-buy-in/1187/index.html', (html) =>
    html.replaceAll('Social media marketing fails without executive buy-in', 'Social media marketing fails without an executive sponsor'))
  // 7. A pingback appears in a post's comment list.
  await f.edit('maven-digital-mashup.example/2009/04/01/web-20-expo-recap-why-social-media-marketing-fails/index.html', (html) => html.replace('\t\t\t\t\t</ol>', `\t\t\t\t\t\t<li id="comment-97" class="pingback"><div class="comment-author vcard">Pingback: <a href="${PINGBACK_FROM}" rel="external nofollow" class="url">Another Blog &raquo; Web 2.0 Expo roundup</a></div></li>
\t\t\t\t\t</ol>`))
}

/** A post that only shares the event's words, for --match-terms. */
export async function addTermsOnlyPost(f: Fixture): Promise<void> {
  await f.write('zdnet.example/blog/feeds/why-social-media-marketing-fails-revisited/1201/index.html', `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Why social media marketing fails, revisited | Feeds | ZDNet</title>
<meta property="og:title" content="Why social media marketing fails, revisited"></head>
<body><article><h1 class="post-title">Why social media marketing fails, revisited</h1>
<p class="byline">By Jennifer Leggio | April 9, 2009</p>
<div class="entry"><p>A week after the Web 2.0 Expo, readers keep writing in about social media marketing programs that stalled. Most of the stories are the same story: a marketing team alone with a tool.</p></div>
</article></body></html>
`)
  await f.edit('zdnet.example/blog/feeds/rss/index.xml', (xml) => xml.replace('<item>', `<item>
<title>Why social media marketing fails, revisited</title>
<link>${NEW_TERMS}</link>
<description>A week after the Web 2.0 Expo, readers keep writing in about social media marketing programs that stalled.</description>
<dc:creator>Jennifer Leggio</dc:creator>
<pubDate>Thu, 09 Apr 2009 16:00:00 GMT</pubDate>
<guid isPermaLink="true">${NEW_TERMS}</guid>
</item>
<item>`))
}
