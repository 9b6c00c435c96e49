import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import iconv from 'iconv-lite'
import { decodeHtml, loadCorpus, siteKey, sniffCharset, splitOf } from '../bench/corpus.js'
import { median, renderTable, summarize, type PageRun } from '../bench/report.js'

describe('decodeHtml', () => {
  it('prefers UTF-8 when the bytes are valid UTF-8, whatever the page declares', () => {
    const html = '<meta charset="gb2312"><p>Grüße 日本</p>'
    assert.equal(decodeHtml(Buffer.from(html, 'utf8')), html)
  })
  it('falls back to the declared charset', () => {
    const html = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Grüße</p>'
    assert.equal(decodeHtml(iconv.encode(html, 'latin1')), html)
    const chinese = '<meta charset="gb2312"><p>中文</p>'
    assert.equal(decodeHtml(iconv.encode(chinese, 'gb2312')), chinese)
  })
  it('decodes a false UTF-8 claim lossily and an undeclared page as windows-1252', () => {
    const lying = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>K'), Buffer.from([0xfc]), Buffer.from('chen</p>')])
    assert.equal(decodeHtml(lying), '<meta charset="utf-8"><p>K\uFFFDchen</p>')
    const bare = Buffer.concat([Buffer.from('<p>'), Buffer.from([0x93, 0x68, 0x69, 0x94]), Buffer.from('</p>')])
    assert.equal(decodeHtml(bare), '<p>\u201Chi\u201D</p>')
  })
  it('sniffs the charset from meta tags', () => {
    assert.equal(sniffCharset(Buffer.from('<meta charset=Shift_JIS>')), 'shift_jis')
    assert.equal(sniffCharset(Buffer.from('<p>nothing</p>')), null)
  })
})

describe('split', () => {
  it('keys a page by host without www, else by name up to the date', () => {
    assert.equal(siteKey('fundus-us-reuters_2023_05_16', 'https://www.reuters.com/x'), 'reuters.com')
    assert.equal(siteKey('fundus-us-reuters_2023_05_16', null), 'fundus-us-reuters')
    assert.equal(siteKey('readability-lwn-1', null), 'readability-lwn-1')
  })
  it('is deterministic and puts one site on one side only', () => {
    assert.equal(splitOf('reuters.com'), splitOf('reuters.com'))
    const sides = new Set(Array.from({ length: 200 }, (_, i) => splitOf(`site-${i}.example`)))
    assert.deepEqual([...sides].sort(), ['check', 'dev'])
  })
})

describe('loadCorpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roundup-corpus-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  const expected = { url: null, title: 'T', author: null, published: null, excerpt: null, siteName: null, lang: null }
  for (const name of ['fundus-a_2024_01_01', 'htmldate-b']) {
    mkdirSync(join(dir, name))
    writeFileSync(join(dir, name, 'source.html'), '<title>T</title>')
    writeFileSync(join(dir, name, 'expected.json'), JSON.stringify(expected))
  }
  mkdirSync(join(dir, 'incomplete'))

  it('reads complete page folders and gives null-url pages the fake evaluation URL', () => {
    const pages = loadCorpus(dir)
    assert.deepEqual(pages.map((p) => [p.name, p.source, p.url]), [
      ['fundus-a_2024_01_01', 'fundus', 'https://example.com/roundup-eval/fundus-a_2024_01_01'],
      ['htmldate-b', 'htmldate', 'https://example.com/roundup-eval/htmldate-b'],
    ])
  })
  it('dev and check partition the pages', () => {
    const dev = loadCorpus(dir, 'dev').map((p) => p.name)
    const check = loadCorpus(dir, 'check').map((p) => p.name)
    assert.deepEqual([...dev, ...check].sort(), ['fundus-a_2024_01_01', 'htmldate-b'])
  })
})

describe('summarize and renderTable', () => {
  const run = (score: PageRun['score'], ms: number, bytes: number, error: string | null = null): PageRun => ({
    name: 'p', source: 's', bytes, ms, error, prediction: null, score,
  })
  const runs = [
    run({ title: 1, excerpt: 0.4 }, 10, 100 * 1024),
    run({ title: 0, excerpt: 0.8, published: 1 }, 30, 1000),
    run({ title: 1 }, 20, 90 * 1024, 'TypeError: x'),
  ]
  it('counts n per field and averages', () => {
    const s = summarize(runs)
    assert.equal(s.fields.title.n, 3)
    assert.ok(Math.abs(s.fields.title.value - 2 / 3) < 1e-9)
    assert.equal(s.fields.published.n, 1)
    assert.equal(s.fields.author.n, 0)
    assert.ok(Math.abs(s.fields.excerpt.value - 0.6) < 1e-9)
    assert.equal(s.fields.excerpt.shareAtHalf, 0.5)
    assert.equal(s.errors, 1)
    assert.equal(s.pagesPerSecond, 50)
    assert.equal(s.medianMs, 20)
    assert.equal(s.median100kMs, 15)
    assert.equal(s.n100k, 2)
  })
  it('renders one row per field and a dash where nothing is labelled', () => {
    const table = renderTable(['roundup', 'peer'], [summarize(runs), summarize(runs)])
    assert.match(table, /^\| field \| n \| roundup \| peer \|/)
    assert.match(table, /\| title \| 3 \| 66\.7% \| 66\.7% \|/)
    assert.match(table, /\| author \| 0 \| – \| – \|/)
  })
  it('median', () => {
    assert.equal(median([]), null)
    assert.equal(median([3, 1, 2]), 2)
    assert.equal(median([4, 1, 2, 3]), 2.5)
  })
})
