// Property tests for charset decoding: bodies and labels come from strangers.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { decodeBody, metaCharset, normalizeCharset, xmlDeclarationCharset } from '../../src/fetch/index.js'

const RUNS = { numRuns: 500 }

const LABELS = ['utf-8', 'UTF8', 'latin1', 'iso-8859-1', 'windows-1252', 'shift_jis', 'Shift-JIS', 'euc-jp', 'gb2312', 'big5', 'koi8-r', 'utf-16', 'utf-16le', 'utf-16be', 'utf-7', 'utf-32', 'x-user-defined', 'replacement', 'bogus', '', '"utf-8"', "'latin1'", 'utf-8;', '\u0000', 'ISO-2022-JP', 'macintosh']
const label = fc.oneof(fc.constantFrom(...LABELS), fc.string({ maxLength: 16 }), fc.string({ unit: 'binary', maxLength: 8 }))
const contentType = fc.oneof(
  fc.constant(null),
  label.map((l) => `text/html; charset=${l}`),
  label.map((l) => `text/html;charset="${l}"`),
  fc.string({ maxLength: 40 }),
)
/** Markup that declares a charset in the places the decoder looks, around random bytes. */
const declared = fc.tuple(label, fc.uint8Array({ maxLength: 300 }), fc.constantFrom('meta', 'http-equiv', 'xml', 'bom8', 'bom16le', 'bom16be', 'none')).map(([l, bytes, where]) => {
  const head = {
    meta: `<meta charset="${l}">`,
    'http-equiv': `<meta http-equiv="Content-Type" content="text/html; charset=${l}">`,
    xml: `<?xml version="1.0" encoding="${l}"?>`,
    bom8: '\uFEFF',
    bom16le: '',
    bom16be: '',
    none: '',
  }[where]
  const prefix = where === 'bom16le' ? Buffer.from([0xff, 0xfe]) : where === 'bom16be' ? Buffer.from([0xfe, 0xff]) : Buffer.from(head, 'utf8')
  return Buffer.concat([prefix, Buffer.from(bytes)])
})
const body = fc.oneof(fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)), declared)

/** A decoder may lose bytes to U+FFFD, but never produce a string JSON cannot round-trip. */
const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)

test('decodeBody never throws on random bytes and labels, and always names the charset it used', () => {
  fc.assert(
    fc.property(body, contentType, fc.constantFrom('page', 'feed', 'robots', 'api') as fc.Arbitrary<'page' | 'feed' | 'robots' | 'api'>, (bytes, type, kind) => {
      const decoded = decodeBody(bytes, type, kind)
      assert.equal(typeof decoded.text, 'string')
      assert.ok(decoded.charset, 'a charset is named')
      assert.ok(normalizeCharset(decoded.charset), `${decoded.charset} is one iconv-lite can decode`)
      assert.ok(!['utf-7', 'utf-32', 'replacement'].includes(decoded.charset), `refused label used: ${decoded.charset}`)
      assert.ok(wellFormed(decoded.text), 'no lone surrogates')
    }),
    RUNS,
  )
})

test('valid UTF-8 with no label decodes as UTF-8; a UTF-8 label on other bytes falls back to windows-1252', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const clean = text.replace(/^\uFEFF/, '')
      const bytes = Buffer.from(clean, 'utf8')
      // Lone surrogates in the source become U+FFFD on encoding; compare with what was encoded.
      const expected = bytes.toString('utf8')
      if (/<meta|<\?xml/i.test(expected)) return
      assert.equal(decodeBody(bytes, null).text, expected)
      assert.equal(decodeBody(bytes, 'text/html; charset=utf-8').text, expected)
    }),
    RUNS,
  )
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }), fc.constantFrom('é', '“', '—', 'ü', '€'), (ascii, accent) => {
      const bytes = iconv.encode(`${ascii}${accent}${ascii}`, 'windows-1252')
      const decoded = decodeBody(bytes, 'text/html; charset=utf-8')
      assert.equal(decoded.charset, 'windows-1252')
      assert.equal(decoded.text, `${ascii}${accent}${ascii}`)
    }),
    RUNS,
  )
})

test('the prescan helpers and normalizeCharset never throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 1500 }), label, (bytes, l) => {
      const meta = metaCharset(bytes)
      const xml = xmlDeclarationCharset(bytes)
      for (const found of [meta, xml, normalizeCharset(l)]) {
        if (found !== null) assert.ok(iconv.encodingExists(found), found)
      }
      // Nothing that declares itself in ASCII markup is UTF-16.
      assert.ok(meta !== 'utf-16le' && meta !== 'utf-16be')
    }),
    RUNS,
  )
})
