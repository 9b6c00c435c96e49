import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createBlogosphere } from '../bench/blogosphere.js'
import { linkFollowingFloorMs } from '../bench/crawl-floor.js'

const L = 20
const D = 200

test('one host, a chain of three posts: robots.txt, then each post a delay after the last', () => {
  // With one link per post, each post lists only the next one: 0 → 1 → 2.
  const world = createBlogosphere({ hosts: 1, posts: 3, links: 1 })
  assert.deepEqual(world.posts.map((p) => p.crossrefs), [[1], [2], [0]])
  assert.equal(linkFollowingFloorMs(world, { latencyMs: L, delayMs: D }), 4 * L + 3 * D)
})

test('two hosts take turns: a post is fetched as soon as it is found and its host may be asked', () => {
  // Posts alternate hosts: 0 (host 0) → 1 (host 1) → 2 (host 0) → 3 (host 1).
  const world = createBlogosphere({ hosts: 2, posts: 2, links: 1 })
  assert.deepEqual(world.posts.map((p) => [p.host, p.crossrefs]), [[0, [1]], [1, [2]], [0, [3]], [1, [0]]])
  // Host 1's robots.txt ends at 3L+D and post 1 at 4L+2D; post 2 starts then (host 0 has
  // been free since 2L+2D); post 3 waits for host 1's delay, until 4L+3D.
  assert.equal(linkFollowingFloorMs(world, { latencyMs: L, delayMs: D }), 5 * L + 3 * D)
})

test('the bench world: never under the issue bound, and over it by the cost of finding pages', () => {
  const world = createBlogosphere({ hosts: 40, posts: 50 })
  const floor = linkFollowingFloorMs(world, { latencyMs: L, delayMs: D })
  const bound = 50 * D
  // Each host needs robots.txt plus 50 pages, each L long and D apart: (51 × (L + D)) − D + L at the least.
  assert.ok(floor >= 51 * (L + D) - D + L, `floor ${floor}`)
  assert.ok(floor > bound * 1.1 && floor < bound * 2, `floor ${floor}`)
})
