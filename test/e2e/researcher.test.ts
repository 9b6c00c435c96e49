// The researcher's path from the README: two seed posts → a searchable, exportable, browsable map, offline.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRoundup } from '../../src/roundup.js'
import { serveSample } from '../../src/sample/serve.js'
import { openJsonStore } from '../../src/store/index.js'
import { searchStore } from '../../src/search/index.js'
import { normalizeUrl } from '../../src/url/normalize.js'

const expected = JSON.parse(await readFile(new URL('../../data/sample/expected.json', import.meta.url), 'utf8')) as { seedUrl: string; posts: Array<{ url: string; title: string; authors: string[] }> }

test('two seeds → one event, search with snippets, BibTeX/RIS/CSL/OPML exports, a static site with one node per post', async () => {
  const sample = await serveSample()
  try {
    const dir = await mkdtemp(join(tmpdir(), 'roundup-e2e-'))
    const dataFile = join(dir, 'roundup.json')
    const roundup = createRoundup({ dataFile, allowPrivate: true, delayMs: 50, archive: false })
    const secondSeed = sample.rewrite(expected.posts.find((p) => p.url.includes('social-capital'))!.url)
    const report = await roundup.crawl([sample.seedUrl, secondSeed], { eventTitle: 'Why social media marketing fails (Web 2.0 Expo 2009)', depth: 2 })
    assert.equal(report.counts.errors, 0)
    const events = await roundup.events()
    assert.equal(events.length, 1)
    assert.equal(events[0]!.posts, 6)
    const eventId = events[0]!.id

    // Search: ranked hits with a snippet that marks the query words.
    const store = await openJsonStore(dataFile, { readOnly: true })
    const found = await searchStore(store, 'tire tower hub', { indexFile: join(dir, 'roundup.json.search.json'), eventId })
    await store.close()
    assert.ok(found.total >= 1)
    assert.equal(found.hits[0]!.title, 'Tire, tower or hub? Organizing for social media')
    assert.ok(found.hits[0]!.snippet)

    // Exports for a reference manager and a feed reader.
    const bibtex = await roundup.digest({ eventId, format: 'bibtex' })
    assert.equal((bibtex.match(/@online\{/g) ?? []).length, 6)
    assert.match(bibtex, /author\s*=\s*\{Valenzuela, Jessica\}/)
    const ris = await roundup.digest({ eventId, format: 'ris' })
    assert.equal((ris.match(/^TY {2}- BLOG/gm) ?? []).length, 6)
    const csl = JSON.parse(await roundup.digest({ eventId, format: 'csl' })) as Array<{ type: string; URL: string }>
    assert.equal(csl.length, 6)
    assert.ok(csl.every((item) => item.type === 'post-weblog' && /^http:\/\/127\.0\.0\.\d+:\d+\//.test(item.URL)))
    const opml = await roundup.digest({ eventId, format: 'opml' })
    assert.equal((opml.match(/<outline /g) ?? []).length, 6)

    // The browsable map: one graph node per post, each naming its post.
    const site = await roundup.site({ eventId, outDir: join(dir, 'site') })
    const page = site.events.find((e) => e.id === eventId)!
    assert.equal(page.posts, 6)
    const html = await readFile(join(dir, 'site', page.page), 'utf8')
    const dataBlock = /<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(html)
    assert.ok(dataBlock, 'the page embeds its data as JSON')
    const embedded = JSON.parse(dataBlock[1]!) as unknown
    const text = JSON.stringify(embedded)
    for (const post of expected.posts) assert.ok(text.includes(normalizeUrl(sample.rewrite(post.url))!), `site data lacks ${post.url}`)

    // The next day's cron refresh (here: at once, forced) asks no host for robots.txt again: the crawl's copies are in the store.
    const asked = sample.requests.length
    assert.ok(sample.requests.some((r) => r.path === '/robots.txt'), 'the crawl did fetch robots.txt')
    await roundup.refresh({ force: true })
    assert.ok(sample.requests.length > asked, 'the refresh made requests')
    assert.deepEqual(sample.requests.slice(asked).filter((r) => r.path === '/robots.txt'), [])
  } finally {
    await sample.close()
  }
})
