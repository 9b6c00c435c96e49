// An infinite calendar: every day's page lists the next day as coverage. The crawl must stop
// at --depth when that is the tighter bound, and at --max-pages when it is.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRoundup } from '../../src/roundup.js'
import { startServer } from '../helpers/server.js'
import { page } from './page.js'

test('an endless calendar is cut off by --depth, then by --max-pages', async (t) => {
  const trap = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end()
    const n = Number(/\/day\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0)
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(page({ title: `Day ${n} of the conference`, author: 'Cal Endar', date: '2009-04-01', crossrefs: [`<a href="/day/${n + 1}">Cal Endar, Calendar Blog, day ${n + 1}</a>`] }))
  }, { host: '127.0.0.37' })
  const dir = await mkdtemp(join(tmpdir(), 'roundup-trap-'))
  t.after(async () => {
    await trap.close()
    await rm(dir, { recursive: true, force: true })
  })
  const pages = () => trap.log.filter((r) => r.path !== '/robots.txt').map((r) => r.path)
  const roundup = (name: string) => createRoundup({ dataFile: join(dir, name), allowPrivate: true, delayMs: 0, archive: false })

  const byDepth = await roundup('depth.json').crawl([`${trap.origin}/day/0`], { depth: 3, maxPages: 1000 })
  assert.deepEqual(pages(), ['/day/0', '/day/1', '/day/2', '/day/3'])
  assert.equal(byDepth.counts.stored, 4)

  trap.log.length = 0
  const byPages = await roundup('pages.json').crawl([`${trap.origin}/day/0`], { depth: 1_000_000, maxPages: 12 })
  assert.equal(pages().length, 12)
  assert.ok(byPages.urls.some((u) => u.outcome === 'skipped:max-pages'), 'the crawl says why it stopped')
  assert.equal(byPages.urls.filter((u) => u.outcome === 'stored').length, 12)
})
