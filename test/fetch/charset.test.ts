import { test } from 'node:test'
import assert from 'node:assert/strict'
import iconv from 'iconv-lite'
import fc from 'fast-check'
import { createFetcher, decodeBody, normalizeCharset } from '../../src/fetch/index.js'
import type { FetchKind } from '../../src/fetch/index.js'
import { startServer } from '../helpers/server.js'
import { testOptions } from './options.js'

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))))

// 0x93 0x94 0x96 0x85 are “ ” – … in windows-1252; Node's TextDecoder turns them into C1 controls.
const CP1252_QUOTES = bytes([0x93], 'Hi', [0x94, 0x20, 0x96, 0x20, 0x85])
const SJIS = iconv.encode('日本語のブログ', 'shift_jis')
const CP1251 = iconv.encode('Привет', 'windows-1251')

const cases: Array<{ name: string; body: Buffer; type: string | null; kind?: FetchKind; text: string; charset: string; source: string }> = [
  { name: 'UTF-8 BOM beats the header', body: bytes([0xef, 0xbb, 0xbf], Buffer.from('café').toString('latin1')), type: 'text/html; charset=windows-1252', text: 'café', charset: 'utf-8', source: 'bom' },
  { name: 'UTF-16LE BOM', body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hé', 'utf16le')]), type: null, text: 'hé', charset: 'utf-16le', source: 'bom' },
  { name: 'UTF-16BE BOM', body: Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('hé', 'utf-16be')]), type: null, text: 'hé', charset: 'utf-16be', source: 'bom' },
  { name: 'header charset', body: Buffer.from('naïve'), type: 'text/html; charset="UTF-8"', text: 'naïve', charset: 'utf-8', source: 'header' },
  { name: 'iso-8859-1 label decodes as windows-1252', body: CP1252_QUOTES, type: 'text/html; charset=ISO-8859-1', text: '“Hi” – …', charset: 'windows-1252', source: 'header' },
  { name: 'utf-8 label on windows-1252 bytes', body: CP1252_QUOTES, type: 'text/html; charset=utf-8', text: '“Hi” – …', charset: 'windows-1252', source: 'sniff' },
  { name: 'header beats meta', body: bytes('<meta charset="shift_jis">', CP1251.toString('latin1')), type: 'text/html; charset=windows-1251', text: '<meta charset="shift_jis">Привет', charset: 'windows-1251', source: 'header' },
  { name: 'Shift_JIS declared only in meta', body: bytes('<html><head><meta charset="Shift_JIS"></head><body>', SJIS.toString('latin1')), type: 'text/html', text: '<html><head><meta charset="Shift_JIS"></head><body>日本語のブログ', charset: 'shift_jis', source: 'meta' },
  { name: 'meta http-equiv', body: bytes('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">', CP1251.toString('latin1')), type: null, text: '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">Привет', charset: 'windows-1251', source: 'meta' },
  { name: 'meta in a comment is ignored', body: bytes('<!-- <meta charset="shift_jis"> -->', [0x93, 0x94]), type: null, text: '<!-- <meta charset="shift_jis"> -->“”', charset: 'windows-1252', source: 'default' },
  { name: 'meta after the first 1024 bytes is ignored', body: bytes(' '.repeat(1100), '<meta charset="windows-1251">', [0xcf]), type: null, text: ' '.repeat(1100) + '<meta charset="windows-1251">Ï', charset: 'windows-1252', source: 'default' },
  { name: 'meta utf-16 means utf-8', body: bytes('<meta charset="utf-16">', Buffer.from('é').toString('latin1')), type: null, text: '<meta charset="utf-16">é', charset: 'utf-8', source: 'meta' },
  { name: 'feed: XML declaration', body: bytes('<?xml version="1.0" encoding="ISO-8859-1"?><rss>', [0x85], '</rss>'), type: 'application/rss+xml', kind: 'feed', text: '<?xml version="1.0" encoding="ISO-8859-1"?><rss>…</rss>', charset: 'windows-1252', source: 'meta' },
  { name: 'feed: meta is not a feed declaration', body: bytes('<rss><meta charset="shift_jis">', [0xe9], '</rss>'), type: 'text/xml', kind: 'feed', text: '<rss><meta charset="shift_jis">é</rss>', charset: 'windows-1252', source: 'default' },
  { name: 'no label, valid UTF-8', body: Buffer.from('<p>Grüße</p>'), type: 'text/html', text: '<p>Grüße</p>', charset: 'utf-8', source: 'sniff' },
  { name: 'no label, not UTF-8', body: bytes('<p>Gr', [0xfc, 0xdf], 'e</p>'), type: 'text/html', text: '<p>Grüße</p>', charset: 'windows-1252', source: 'default' },
  { name: 'unknown label falls through', body: Buffer.from('ok ✓'), type: 'text/html; charset=x-klingon', text: 'ok ✓', charset: 'utf-8', source: 'sniff' },
  { name: 'UTF-7 is refused', body: Buffer.from('+ADw-script+AD4-'), type: 'text/html; charset=utf-7', text: '+ADw-script+AD4-', charset: 'utf-8', source: 'sniff' },
  { name: 'empty body', body: Buffer.alloc(0), type: null, text: '', charset: 'utf-8', source: 'sniff' },
]

test('decodeBody follows BOM → header → meta/XML → UTF-8 → windows-1252 (pure)', () => {
  for (const c of cases) {
    const got = decodeBody(c.body, c.type, c.kind)
    assert.deepEqual(got, { text: c.text, charset: c.charset, source: c.source }, c.name)
  }
})

test('windows-1252 punctuation comes out as punctuation, not C1 controls', () => {
  const { text } = decodeBody(Buffer.from([0x93, 0x94, 0x96, 0x85]), 'text/plain; charset=windows-1252')
  assert.deepEqual([...text].map((ch) => ch.codePointAt(0)), [0x201c, 0x201d, 0x2013, 0x2026])
})

test('normalizeCharset maps WHATWG labels and refuses the dangerous ones', () => {
  assert.equal(normalizeCharset(' "Latin1" '), 'windows-1252')
  assert.equal(normalizeCharset('SJIS'), 'shift_jis')
  assert.equal(normalizeCharset('gb2312'), 'gbk')
  assert.equal(normalizeCharset('utf8'), 'utf-8')
  assert.equal(normalizeCharset('koi8-r'), 'koi8-r')
  assert.equal(normalizeCharset('UTF-7'), null)
  assert.equal(normalizeCharset('utf-32'), null)
  assert.equal(normalizeCharset('no-such-charset'), null)
  assert.equal(normalizeCharset(''), null)
})

test('decodeBody never throws, whatever the bytes and label', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2048 }), fc.option(fc.string()), fc.constantFrom<FetchKind>('page', 'feed', 'robots'), (body, type, kind) => {
      const got = decodeBody(body, type, kind)
      return typeof got.text === 'string' && got.charset.length > 0
    }),
    { numRuns: 300 },
  )
})

test('a fetched Shift_JIS page declared only in <meta> decodes', async (t) => {
  const html = Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>'), SJIS, Buffer.from('</title>')])
  const server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(html)
  })
  const fetcher = createFetcher(testOptions())
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const result = await fetcher.fetch({ url: `${server.origin}/jp` })
  assert.match(result.body, /<title>日本語のブログ<\/title>/)
  assert.equal(result.charset, 'shift_jis')
  assert.equal(result.charsetSource, 'meta')
  assert.equal(result.bytes, html.length)
})
