// Validates the labelled cross-reference set itself, not the extractor's accuracy.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, it } from 'node:test'
import { load } from 'cheerio'
import { normalizeUrl } from '../../src/url/normalize.js'
import { CROSSREF_FIXTURES, loadCrossrefCases, readCaseHtml } from '../bench/crossref-cases.js'

const cases = loadCrossrefCases()
const CATEGORIES = new Set(['lines', 'list', 'inline', 'multilingual', 'negative'])

function hrefsOf(html: string, base: string): Set<string> {
  const $ = load(html)
  const urls = new Set<string>()
  $('a[href]').each((_, el) => {
    const url = normalizeUrl($(el).attr('href') ?? '', base)
    if (url) urls.add(url)
  })
  return urls
}

describe('cross-reference fixtures', () => {
  it('has at least 40 pages with cross-references and 12 without', () => {
    const positives = cases.filter((c) => c.expected.length > 0)
    const negatives = cases.filter((c) => c.category === 'negative' && c.expected.length === 0)
    assert.ok(positives.length >= 40, `${positives.length} positive pages`)
    assert.ok(negatives.length >= 12, `${negatives.length} negative pages`)
  })

  it('covers every kind of section and the required lead-ins', () => {
    for (const category of CATEGORIES) assert.ok(cases.some((c) => c.category === category), category)
    const leadIns = cases.map((c) => c.leadIn.toLowerCase()).join('\n')
    for (const phrase of ['other blog posts on the same session', 'related coverage', 'also blogged by', 'more coverage', 'further reading', 'other takes', 'elsewhere', 'weitere beiträge', 'sur le même sujet', 'otras entradas']) {
      assert.ok(leadIns.includes(phrase), phrase)
    }
  })

  it('has one labels entry per HTML file, with a known category and an http(s) page URL', () => {
    const files = readdirSync(CROSSREF_FIXTURES).filter((f) => f.endsWith('.html')).sort()
    assert.deepEqual(cases.map((c) => c.file).sort(), files)
    assert.equal(new Set(cases.map((c) => c.url)).size, cases.length, 'page URLs are unique')
    for (const item of cases) {
      assert.ok(CATEGORIES.has(item.category), `${item.file}: category ${item.category}`)
      assert.equal(normalizeUrl(item.url), item.url, `${item.file}: page URL is normalised`)
      assert.equal(item.category === 'negative', item.expected.length === 0, `${item.file}: negatives, and only negatives, expect nothing`)
    }
  })

  for (const item of cases) {
    it(`${item.file}: every expected URL is normalised, unique, off-site and linked in the page`, () => {
      const html = readCaseHtml(item)
      const hrefs = hrefsOf(html, item.url)
      const host = new URL(item.url).hostname
      assert.equal(new Set(item.expected).size, item.expected.length, 'no duplicates')
      for (const url of item.expected) {
        assert.equal(normalizeUrl(url), url, `${url} is normalised`)
        assert.notEqual(new URL(url).hostname, host, `${url} points off the page's own site`)
        assert.ok(hrefs.has(url), `${url} occurs as an href`)
      }
      // Every page also carries links that are not cross-references, or it would test nothing about precision.
      assert.ok([...hrefs].filter((url) => !item.expected.includes(url)).length >= 5, 'has distractor links')
    })
  }
})
