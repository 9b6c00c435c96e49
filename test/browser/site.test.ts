// The event page in a real headless Chromium: no console errors, every post listed and
// drawn, search and filters narrow the list, hostile titles stay text, nothing leaves loopback.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { renderSite, serveSite, writeSite, type SiteServer } from '../../src/site/index.js'
import { EVENT_ID, siteFixture, URLS, XSS_AUTHOR, XSS_SITE, XSS_TITLE } from '../site/fixture.js'

const CHROMIUM = '/usr/bin/chromium'
const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url))

async function launch(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    assert.fail(`Chromium is not installed at ${CHROMIUM}; install Debian's package (apt-get install -y chromium), as .ci/run does`)
  }
  const profile = await mkdtemp(join(tmpdir(), 'roundup-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  })
  return {
    context,
    close: async () => {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/** Console errors, page errors and every request that was not to the site's own origin. */
function watch(page: Page, origin: string) {
  const problems: string[] = []
  const offsite: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) offsite.push(request.url())
  })
  return { problems, offsite }
}

const visibleUrls = (page: Page) =>
  page.$$eval('#coverage li.post', (items) => items.filter((li) => !(li as unknown as { hidden: boolean }).hidden).map((li) => li.getAttribute('data-url')))

test('the event page in headless Chromium: list, graph, timeline, search, filters, hostile text', async () => {
  // The browser first: without Chromium the test fails at once, with nothing left running.
  const browser = await launch()
  const dir = await mkdtemp(join(tmpdir(), 'roundup-site-'))
  let running: SiteServer | null = null
  try {
    const site = renderSite(siteFixture(), { eventId: EVENT_ID, now: new Date('2026-01-02T00:00:00Z') })
    await writeSite(site.files, dir)
    const server = (running = await serveSite({ dir, port: 0 }))
    const page = await browser.context.newPage()
    // Nothing may leave loopback: any other request is recorded and refused.
    await page.route((url) => !url.href.startsWith(server.url), (route) => route.abort())
    const { problems, offsite } = watch(page, server.url)
    const event = site.events[0]!
    await page.goto(`${server.url}${`events/${event.slug}.html`}`)
    await page.waitForSelector('html[data-ready="true"]')

    const allUrls = Object.values(URLS).sort()
    assert.deepEqual((await visibleUrls(page)).sort(), allUrls, 'the list shows every post')

    const nodes = await page.$$eval('#graph .node', (els) => els.map((el) => el.getAttribute('data-url')))
    assert.equal(nodes.length, allUrls.length, 'one graph node per post')
    assert.deepEqual([...nodes].sort(), allUrls)
    // The seed lists five posts (cross-reference edges) and links ZDNet in its text; Maven and Lightspeed link back.
    assert.equal(await page.locator('#graph .edge.crossref').count(), 6)
    assert.equal(await page.locator('#graph .edge.body').count(), 3)
    assert.equal(await page.locator('#graph .edge.comment').count(), 1)
    assert.equal(await page.locator('#timeline .dot').count(), 6, 'dated posts on the timeline')
    assert.match((await page.textContent('#undated')) ?? '', /^1 post has no date/)

    // Hostile markup is text: no handler ran, no element was made from it.
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __xss?: unknown }).__xss), undefined)
    const hostile = page.locator(`#coverage li[data-url="${URLS.hostile}"]`)
    assert.equal(await hostile.locator('.post-title').textContent(), XSS_TITLE)
    assert.equal(await hostile.locator('.author').textContent(), XSS_AUTHOR)
    assert.equal(await hostile.locator('.blog').textContent(), XSS_SITE)
    assert.equal(await hostile.locator('a').count(), 0, 'a javascript: URL is not linked')
    assert.equal(await page.locator('#coverage img, #coverage script, #coverage svg, #coverage b').count(), 0)
    assert.equal(await page.locator(`#graph .node[data-url="${URLS.hostile}"] title`).textContent(), `${XSS_TITLE} — ${XSS_AUTHOR}`)

    // Lost posts: the archived copy is linked, its absence said.
    const gone = page.locator(`#coverage li[data-url="${URLS.gone}"]`)
    assert.equal(await gone.locator('a.archive').getAttribute('href'), 'http://web.archive.org/web/20090405101500/http://gone.example/2009/04/cayley.html')
    assert.equal(await gone.locator('a.archive').getAttribute('rel'), 'nofollow ugc noopener noreferrer')
    assert.match((await gone.textContent()) ?? '', /unavailable \(HTTP 404\) — archived copy of 2009-04-05/)
    assert.match((await page.locator(`#coverage li[data-url="${URLS.down}"]`).textContent()) ?? '', /no archived copy/)

    // Search narrows the list and dims the graph; clearing it brings everything back.
    await page.fill('#search', 'social media')
    assert.deepEqual((await visibleUrls(page)).sort(), [URLS.lightspeed, URLS.maven, URLS.seed].sort())
    assert.equal(await page.locator('#graph .node.dim').count(), allUrls.length - 3)
    assert.equal(await page.textContent('#count'), `Showing 3 of ${allUrls.length} posts`)
    await page.fill('#search', 'panel')
    assert.deepEqual(await visibleUrls(page), [URLS.lightspeed])
    await page.fill('#search', 'no such words anywhere')
    assert.deepEqual(await visibleUrls(page), [])
    assert.equal(await page.locator('#coverage li.empty').isVisible(), true)
    await page.fill('#search', '')
    assert.equal((await visibleUrls(page)).length, allUrls.length)

    // Filters: author, blog, dates.
    await page.selectOption('#filter-author', 'Mia Dand')
    assert.deepEqual(await visibleUrls(page), [URLS.lightspeed])
    await page.selectOption('#filter-author', '')
    await page.selectOption('#filter-blog', 'ZDNet')
    assert.deepEqual(await visibleUrls(page), [URLS.zdnet])
    await page.selectOption('#filter-blog', '')
    await page.fill('#filter-from', '2009-04-02')
    await page.fill('#filter-to', '2009-04-04')
    assert.deepEqual((await visibleUrls(page)).sort(), [URLS.gone, URLS.hostile, URLS.maven].sort())
    await page.click('#filter-reset')
    assert.equal((await visibleUrls(page)).length, allUrls.length)

    // Clicking a node marks its entry in the list.
    await page.click(`#graph .node[data-url="${URLS.zdnet}"]`)
    assert.equal(await page.locator(`#coverage li[data-url="${URLS.zdnet}"]`).getAttribute('class'), 'post focus')

    await mkdir(OUTPUT, { recursive: true })
    await page.screenshot({ path: join(OUTPUT, 'site.png'), fullPage: true })

    // The front page links the event.
    await page.goto(server.url)
    assert.equal(await page.locator(`a[href="events/${event.slug}.html"]`).count(), 1)

    assert.deepEqual(problems, [], 'no console errors or warnings')
    assert.deepEqual(offsite, [], 'no request left the site')

    // Opened straight from disk, without the server, it works the same.
    const local = await browser.context.newPage()
    const fromDisk = watch(local, 'file://')
    await local.goto(pathToFileURL(join(dir, 'events', `${event.slug}.html`)).href)
    await local.waitForSelector('html[data-ready="true"]')
    assert.equal(await local.locator('#coverage li.post').count(), allUrls.length)
    assert.equal(await local.locator('#graph .node').count(), allUrls.length)
    assert.deepEqual(fromDisk.problems, [])
    assert.deepEqual(fromDisk.offsite, [])
  } finally {
    await browser.close()
    await running?.close()
    await rm(dir, { recursive: true, force: true })
  }
})
