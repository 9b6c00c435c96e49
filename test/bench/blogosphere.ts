// The shape of the synthetic blogosphere for bench:crawl: hosts, posts and who lists whom.
// Pure and deterministic, so the server, the crawlers and the checks agree without talking.
import { blogName, createRandom, personName, sentence, slugOf, between, type Random } from './blogosphere-text.js'

export type Platform = 'blogger' | 'wordpress' | 'typepad'

export interface BlogosphereOptions {
  hosts: number
  posts: number
  /** Cross-reference entries per post. @default 5 */
  links?: number
  /** Page sizes are drawn between these, in bytes. @default [20_000, 80_000] */
  sizeRange?: [number, number]
  seed?: number
}

export interface Host {
  index: number
  /** A distinct loopback address per host, so politeness is per host as for real blogs. */
  address: string
  platform: Platform
  name: string
  author: string
  feedPath: string
}

export interface Post {
  host: number
  /** Index among its host's posts. */
  index: number
  /** Position in the interleaved order: post p of host h is p * hosts + h. */
  global: number
  path: string
  title: string
  author: string
  published: string
  /** Global indices of the posts its cross-reference section lists, all on other hosts. */
  crossrefs: number[]
  /** Global indices it links to in running text only (crawlers must not follow these). */
  mentions: number[]
  /** Target page size in bytes. */
  size: number
}

export interface Blogosphere {
  hosts: Host[]
  posts: Post[]
  /** The seed post's global index. */
  seed: number
}

const PLATFORMS: Platform[] = ['blogger', 'wordpress', 'typepad']
const FEED_PATH: Record<Platform, string> = { blogger: '/feeds/posts/default', wordpress: '/feed/', typepad: '/blog/atom.xml' }

/** 127.0.0.2 … 127.0.0.251, then 127.0.1.2 …: all loopback, each its own host for politeness. */
export function hostAddress(index: number): string {
  return `127.0.${Math.floor(index / 250)}.${(index % 250) + 2}`
}

function postPath(platform: Platform, title: string, index: number, published: Date): string {
  const yyyy = published.getUTCFullYear()
  const mm = String(published.getUTCMonth() + 1).padStart(2, '0')
  const dd = String(published.getUTCDate()).padStart(2, '0')
  const slug = `${slugOf(title)}-${index}`
  if (platform === 'blogger') return `/${yyyy}/${mm}/${slug}.html`
  if (platform === 'wordpress') return `/${yyyy}/${mm}/${dd}/${slug}/`
  return `/blog/${yyyy}/${mm}/${slug}.html`
}

function distinctTargets(random: Random, count: number, total: number, hosts: number, self: number, avoid: Set<number>): number[] {
  const out: number[] = []
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const target = Math.floor(random() * total)
    if (target % hosts === self % hosts && hosts > 1) continue
    if (target === self || avoid.has(target) || out.includes(target)) continue
    out.push(target)
  }
  return out
}

export function createBlogosphere(options: BlogosphereOptions): Blogosphere {
  const { hosts: hostCount, posts: perHost, links = 5, sizeRange = [20_000, 80_000], seed = 2009 } = options
  const random = createRandom(seed)
  const hosts: Host[] = []
  for (let h = 0; h < hostCount; h++) {
    const platform = PLATFORMS[h % PLATFORMS.length]!
    hosts.push({ index: h, address: hostAddress(h), platform, name: blogName(h), author: personName(random), feedPath: FEED_PATH[platform] })
  }
  const total = hostCount * perHost
  const posts: Post[] = new Array(total)
  for (let g = 0; g < total; g++) {
    const h = g % hostCount
    const p = Math.floor(g / hostCount)
    const published = new Date(Date.UTC(2009, 3, 1, 8, 0) + p * 36e5 * 7 + h * 6e4 * 13)
    const title = sentence(random, 4, 9).replace(/[.?]$/, '')
    // The next post in interleaved order is always listed, so one seed reaches every post.
    const next = (g + 1) % total
    const crossrefs = next === g ? [] : [next]
    crossrefs.push(...distinctTargets(random, links - 1, total, hostCount, g, new Set(crossrefs)))
    const mentions = distinctTargets(random, 2, total, hostCount, g, new Set(crossrefs))
    posts[g] = {
      host: h, index: p, global: g, title, author: hosts[h]!.author,
      path: postPath(hosts[h]!.platform, title, p, published),
      published: published.toISOString().replace('.000Z', '+00:00'),
      crossrefs, mentions, size: between(random, sizeRange[0], sizeRange[1]),
    }
  }
  return { hosts, posts, seed: 0 }
}

/** Each host's posts in their own order (newest last). */
export function postsOfHost(world: Blogosphere, host: number): Post[] {
  const out: Post[] = []
  for (let g = host; g < world.posts.length; g += world.hosts.length) out.push(world.posts[g]!)
  return out
}
