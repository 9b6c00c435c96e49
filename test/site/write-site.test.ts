import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderSite } from '../../src/site/render-site.js'
import { writeSite } from '../../src/site/write-site.js'
import { EVENT_ID, siteFixture } from './fixture.js'

test('writeSite: writes every file under the folder, creating it, and can write again over its own site', async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'roundup-write-')), 'new', 'site')
  const site = renderSite(siteFixture(), { eventId: EVENT_ID })
  const written = await writeSite(site.files, dir)
  assert.deepEqual(written, site.files.map((f) => join(dir, ...f.path.split('/'))))
  for (const file of site.files) assert.equal(await readFile(join(dir, file.path), 'utf8'), file.content)
  await writeSite(site.files, dir)
  assert.deepEqual((await readdir(join(dir, 'events'))).sort(), [`${EVENT_ID}.html`], 'no temporary files left behind')
})

test('writeSite: refuses a folder whose index.html someone else wrote, and leaves it alone', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-write-'))
  await writeFile(join(dir, 'index.html'), '<h1>my homepage</h1>')
  const site = renderSite(siteFixture(), { eventId: EVENT_ID })
  await assert.rejects(writeSite(site.files, dir), { code: 'SITE_CONFLICT', message: /index\.html exists and was not written by roundup/ })
  assert.equal(await readFile(join(dir, 'index.html'), 'utf8'), '<h1>my homepage</h1>')
  assert.deepEqual(await readdir(dir), ['index.html'])
})

test('writeSite: an unwritable target is SITE_IO naming the path', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-write-'))
  await writeFile(join(dir, 'events'), 'a file where a folder should be')
  const site = renderSite(siteFixture(), { eventId: EVENT_ID })
  await assert.rejects(writeSite(site.files, dir), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'SITE_IO')
    assert.match(error.message, /cannot write .*events/)
    return true
  })
})
