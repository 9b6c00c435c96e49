import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRoundup } from '../../src/roundup.js'
import { serveSample, type SampleRequest } from '../../src/sample/serve.js'
import { normalizeUrl } from '../../src/url/normalize.js'
import type { Digest } from '../../src/digest/types.js'

interface ExpectedPost { url: string; title: string; authors: string[]; authorSource: string; published: string; excerptStart: string; siteName: string; feed: string; linksTo: string[]; entryText: string }
const expected = JSON.parse(await readFile(new URL('../../data/sample/expected.json', import.meta.url), 'utf8')) as {
  seed: ExpectedPost; posts: ExpectedPost[]; noise: string[]; internalNoise: string[]; widgetNoise: string[]
}

const DELAY = 150

test('crawling the sample blogosphere from its seed yields every listed post, politely, and no noise', async () => {
  const sample = await serveSample()
  try {
    const dataFile = join(await mkdtemp(join(tmpdir(), 'roundup-sample-')), 'roundup.json')
    const roundup = createRoundup({ dataFile, allowPrivate: true, delayMs: DELAY })
    const report = await roundup.crawl([sample.seedUrl])
    const key = (url: string) => normalizeUrl(sample.rewrite(url))!

    assert.equal(report.counts.stored, 6, JSON.stringify(report.urls, null, 2))
    assert.equal(report.counts.errors, 0)
    const digest = JSON.parse(await roundup.digest({ format: 'json' })) as Digest
    assert.equal(digest.events.length, 1)
    const event = digest.events[0]!
    const byUrl = new Map(event.posts.map((p) => [p.url, p]))
    assert.equal(event.posts.length, 6)
    assert.equal(event.title, expected.seed.title)

    for (const want of [expected.seed, ...expected.posts]) {
      const got = byUrl.get(key(want.url))
      assert.ok(got, `missing ${want.url}`)
      assert.equal(got.title, want.title, want.url)
      assert.deepEqual(got.authors, want.authors, want.url)
      if (want.authorSource === 'crossref-claim') assert.equal(got.sources.author, 'crossref-claim', want.url)
      assert.equal(got.published?.slice(0, 10), want.published, want.url)
      assert.ok(got.excerpt?.startsWith(want.excerptStart), `${want.url}: excerpt ${JSON.stringify(got.excerpt)}`)
      assert.ok(got.excerpt!.length <= 300)
      assert.equal(got.siteName, want.siteName, want.url)
      assert.equal(got.feedUrl, key(want.feed), want.url)
      // Who links to whom, as written in the pages.
      assert.deepEqual(got.linksTo, want.linksTo.map(key).sort(), `${want.url} linksTo`)
      if (want !== expected.seed) assert.equal(got.listedAs, want.entryText)
    }

    // None of the seed's noise links became part of the event, nor were they fetched.
    const members = new Set(event.posts.map((p) => p.url))
    for (const noise of [...expected.noise, ...expected.internalNoise, ...expected.widgetNoise]) {
      assert.ok(!members.has(key(noise)), `noise in event: ${noise}`)
    }
    const fetchedPaths = sample.requests.map((r) => `${r.host}${r.path}`)
    assert.ok(!fetchedPaths.some((p) => p.startsWith('brass-tacks.example/private')), 'robots.txt disallowed path was requested')
    for (const noise of expected.internalNoise.concat(expected.widgetNoise)) {
      const u = new URL(noise)
      assert.ok(!fetchedPaths.includes(`${u.hostname}${u.pathname}${u.search}`) || noise.endsWith('.html') && noise === expected.seed.url, `fetched noise ${noise}`)
    }

    // Politeness, measured by the server: one request per host at a time, DELAY apart (Crawl-delay 1 s on zdnet).
    const byHost = new Map<string, SampleRequest[]>()
    for (const r of sample.requests) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r])
    assert.equal(byHost.size, 6)
    for (const [host, list] of byHost) {
      list.sort((a, b) => a.startedAt - b.startedAt)
      assert.equal(list[0]!.path, '/robots.txt', `${host} robots.txt first`)
      for (let i = 1; i < list.length; i++) {
        assert.ok(list[i]!.startedAt >= list[i - 1]!.endedAt, `${host}: overlapping requests`)
        const gap = list[i]!.startedAt - list[i - 1]!.endedAt
        assert.ok(gap >= (host === 'zdnet.example' ? 1000 : DELAY) - 5, `${host}: gap ${gap.toFixed(0)} ms`)
      }
    }
    assert.equal(report.maxInFlightPerHost, 1)

    // The pasteable section: one entry per listed post, seed left out.
    const md = await roundup.digest({ format: 'md' })
    assert.equal(md.split('\n').filter((l) => l.startsWith('- [')).length, 5)
    assert.ok(!md.includes(expected.seed.title))

    // A re-crawl updates the same event, and the unchanged pages answer 304.
    const before = sample.requests.length
    const again = await roundup.crawl([sample.seedUrl])
    assert.equal(again.event.id, report.event.id)
    assert.equal(again.event.created, false)
    assert.equal((await roundup.events()).length, 1)
    const pagePaths = new Set([expected.seed, ...expected.posts].map((p) => new URL(p.url).pathname))
    const second = sample.requests.slice(before).filter((r) => pagePaths.has(r.path))
    assert.ok(second.length >= 6)
    assert.ok(second.every((r) => r.status === 304), JSON.stringify(second.map((r) => [r.path, r.status])))
  } finally {
    await sample.close()
  }
})
