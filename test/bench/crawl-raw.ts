// bench:crawl rows (a) and (b): the raw limit. undici fetches every post page, known up front,
// with no politeness, robots.txt, feeds or store; (b) also parses each page with cheerio's
// htmlparser2 path. Runs as a child of crawl.ts.
import { performance } from 'node:perf_hooks'
import { load } from 'cheerio/slim'
import pLimit from 'p-limit'
import { Agent, request } from 'undici'
import { createBlogosphere, type BlogosphereOptions } from './blogosphere.js'
import { allPostUrls } from './blogosphere-pages.js'
import { writeResult } from './crawl-child.js'

export interface RawConfig extends BlogosphereOptions {
  origins: string[]
  concurrency: number
  parse: boolean
}

const config = JSON.parse(process.argv[2]!) as RawConfig
const urls = allPostUrls(createBlogosphere(config), config.origins)
const agent = new Agent({ keepAliveTimeout: 30_000 })
const limit = pLimit(config.concurrency)
let pages = 0
let bytes = 0
let nodes = 0

const started = performance.now()
await Promise.all(
  urls.map((url) =>
    limit(async () => {
      const response = await request(url, { dispatcher: agent })
      const html = await response.body.text()
      if (response.statusCode !== 200) throw new Error(`GET ${url} returned ${response.statusCode}`)
      bytes += html.length
      if (config.parse) {
        const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } })
        nodes += $.root().children().length
      }
      pages++
    }),
  ),
)
const wallMs = performance.now() - started
await agent.close()
writeResult({ pages, wallMs, notes: { bytes, parsedRoots: nodes } })
