// Property tests for URL normalisation: the dedupe key of every crawled URL.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { hostKey, normalizeUrl, parseHttpUrl } from '../../src/url/normalize.js'
import { resolveLink } from '../../src/extract/links.js'

const RUNS = { numRuns: 400 }

/** Characters that mean something in URLs, mixed into real ones. */
const URL_NOISE = ['%', '%2', '%zz', '@', ':', '::', '[', ']', '#', '?', '&', '=', '/', '\\', '.', '..', ' ', '\t', '\n', '\u0000', '\u00ad', '\u200b', 'ß', 'İ', '\uFF0E', '%00', 'javascript:', 'data:', '//', 'xn--', '\uD800']

/** A real URL with noise spliced in at random places. */
const mutatedUrl = fc
  .tuple(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...URL_NOISE)), { maxLength: 4 }))
  .map(([url, edits]) => edits.reduce((text, [at, piece]) => text.slice(0, at % (text.length + 1)) + piece + text.slice(at % (text.length + 1)), url))

const anyInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  mutatedUrl,
  fc.constantFrom('javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'http://', 'http://a..', 'http://a./', 'http://[::1]:80/', 'HTTP://EXAMPLE.COM:80/a?b=1&a=2#x', 'http://%61.example/', 'http://1.2.3.4.5/'),
)
const base = fc.option(fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })), { nil: undefined })

test('normalizeUrl never throws, and yields null or an http(s) URL', () => {
  fc.assert(
    fc.property(anyInput, base, (input, baseUrl) => {
      let key: string | null = null
      try {
        key = normalizeUrl(input, baseUrl)
      } catch {
        // parseHttpUrl documents that a bad base is simply null, never an exception.
        assert.fail(`normalizeUrl(${JSON.stringify(input)}, ${JSON.stringify(baseUrl)}) threw`)
      }
      if (key === null) return
      assert.match(key, /^https?:\/\/[^/?#]+/)
      assert.ok(parseHttpUrl(key), key)
      assert.ok(!key.includes('#'), `no fragment in ${key}`)
      assert.doesNotThrow(() => hostKey(key!))
    }),
    RUNS,
  )
})

test('normalizeUrl is idempotent', () => {
  fc.assert(
    fc.property(anyInput, (input) => {
      const once = normalizeUrl(input)
      if (once !== null) assert.equal(normalizeUrl(once), once, `${JSON.stringify(input)} → ${once}`)
    }),
    RUNS,
  )
})

test('fragments, utm_* parameters, parameter order and the case of scheme and host never change the key', () => {
  const param = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/).filter((k) => !k.startsWith('utm')), fc.stringMatching(/^[a-z0-9]{0,6}$/))
  fc.assert(
    fc.property(
      fc.webUrl({ withQueryParameters: false, withFragments: false }),
      fc.uniqueArray(param, { selector: ([k]) => k, maxLength: 4 }),
      fc.array(fc.tuple(fc.stringMatching(/^utm_[a-z]{1,8}$/), fc.string({ maxLength: 6 })), { maxLength: 3 }),
      fc.string({ maxLength: 12 }),
      (url, params, tracking, fragment) => {
        const plain = new URL(url)
        for (const [k, v] of params) plain.searchParams.append(k, v)
        const key = normalizeUrl(plain.href)
        assert.ok(key, plain.href)
        const noisy = new URL(plain.href)
        noisy.search = ''
        for (const [k, v] of [...params].reverse()) noisy.searchParams.append(k, v)
        for (const [k, v] of tracking) noisy.searchParams.append(k, v)
        noisy.hash = fragment
        const shouted = noisy.href.replace(/^https?:\/\/[^/]+/, (origin) => origin.toUpperCase())
        assert.equal(normalizeUrl(shouted), key, `${shouted} vs ${plain.href}`)
      },
    ),
    RUNS,
  )
})

test('only http(s) survives, however the scheme is spelled', () => {
  const scheme = fc.constantFrom('javascript', 'vbscript', 'data', 'file', 'ftp', 'blob', 'about', 'mailto')
  fc.assert(
    fc.property(scheme, fc.string({ maxLength: 30 }), fc.constantFrom('', ' ', '\t', '\u0000', '\n'), (name, rest, pad) => {
      const spelled = [...name].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch)).join('')
      assert.equal(normalizeUrl(`${pad}${spelled}:${rest}`), null)
      assert.equal(normalizeUrl(`${pad}${name}:${rest}`, 'http://blog.example/'), null)
    }),
    RUNS,
  )
})

test("a page's links get the same key from the link fast path as from normalizeUrl", () => {
  fc.assert(
    fc.property(anyInput, fc.oneof(fc.webUrl(), fc.constant('http://blog.example/2009/04/post.html')), (href, page) => {
      assert.equal(resolveLink(href, new URL(page)), normalizeUrl(href, page), `${JSON.stringify(href)} on ${page}`)
    }),
    RUNS,
  )
})
