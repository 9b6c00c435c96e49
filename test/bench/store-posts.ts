// Realistic posts for bench:store: real extractions of synthetic blogosphere pages (so text,
// links, candidates and claims have the sizes a crawl stores), varied by URL and title.
import { applyExtraction } from '../../src/crawl/merge.js'
import { extractPage } from '../../src/extract/index.js'
import { emptyPost, type StoredPost } from '../../src/store/index.js'
import { createBlogosphere } from './blogosphere.js'
import { allPostUrls, renderPost } from './blogosphere-pages.js'

export interface PostMaker {
  /** Post number `i`, a fresh object each call. */
  make(i: number): StoredPost
  urlOf(i: number): string
  /** Average serialised size, in bytes. */
  averageBytes: number
}

export function createPostMaker(templates = 40): PostMaker {
  const world = createBlogosphere({ hosts: 8, posts: Math.ceil(templates / 8) })
  const origins = world.hosts.map((h) => `http://${h.address}:8080`)
  const urls = allPostUrls(world, origins)
  const models: StoredPost[] = []
  for (let g = 0; g < templates; g++) {
    const post = emptyPost(urls[g]!, '2026-01-01T00:00:00.000Z')
    applyExtraction(post, extractPage(renderPost(world, origins, g), urls[g]!, { fetchedAt: new Date('2026-01-01T00:00:00Z') }))
    Object.assign(post, { status: 'ok', outcome: 'stored', httpStatus: 200, finalUrl: urls[g], fetchedAt: '2026-01-01T00:00:01.000Z' })
    post.claims = [{ from: urls[(g + 1) % templates]!, entryText: `${post.authors[0] ?? 'Someone'}, ${post.siteName ?? 'A blog'}`, author: post.authors[0] ?? null, site: post.siteName }]
    models.push(post)
  }
  const urlOf = (i: number) => `http://blog-${i % 997}.example/2009/04/post-${i}.html`
  const averageBytes = models.reduce((sum, p) => sum + Buffer.byteLength(JSON.stringify(p)), 0) / models.length
  return {
    urlOf,
    averageBytes,
    make(i) {
      const model = models[i % models.length]!
      const url = urlOf(i)
      return { ...model, url, finalUrl: url, canonicalUrl: url, title: `${model.title} (${i})`, claims: [...model.claims], sources: { ...model.sources } }
    },
  }
}
