import { isUtf8 } from 'node:buffer'
import iconv from 'iconv-lite'
import type { FetchKind } from './types.js'

export interface DecodedBody {
  text: string
  /** Canonical lower-case name of the charset used. */
  charset: string
  source: 'bom' | 'header' | 'meta' | 'sniff' | 'default'
}

/** WHATWG Encoding aliases that iconv-lite spells differently or decodes differently. */
const ALIASES: Record<string, string> = {}
const alias = (target: string, labels: string) => {
  for (const label of labels.split(' ')) ALIASES[label] = target
}
alias('utf-8', 'utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8')
// Browsers read every Latin-1 and ASCII label as windows-1252, which has “ ” – … at 0x80–0x9F.
alias('windows-1252', 'ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii x-cp1252 x-user-defined')
alias('windows-1254', 'cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 x-cp1254')
alias('windows-874', 'dos-874 iso-8859-11 iso8859-11 iso885911 tis-620')
alias('gbk', 'chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 iso-ir-58 x-gbk')
alias('shift_jis', 'csshiftjis ms932 ms_kanji shift-jis sjis windows-31j x-sjis')
alias('euc-kr', 'cseuckr csksc56011987 iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949')
alias('big5', 'big5-hkscs cn-big5 csbig5 x-x-big5')
alias('utf-16le', 'csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16')

/** Labels browsers refuse: UTF-7 smuggles markup past filters; the rest decode to garbage. */
const REFUSED = new Set([
  'utf-7', 'utf7', 'unicode-1-1-utf-7', 'csunicode11utf7', 'utf-32', 'utf32', 'utf-32le', 'utf-32be',
  'csiso2022kr', 'hz-gb-2312', 'iso-2022-cn', 'iso-2022-cn-ext', 'iso-2022-kr', 'replacement',
])

/** A charset label as a name iconv-lite can decode, or null when unknown or refused. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null
  const clean = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase()
  if (!clean || REFUSED.has(clean)) return null
  const name = ALIASES[clean] ?? clean
  return iconv.encodingExists(name) ? name : null
}

/** The charset parameter of a Content-Type header, unnormalised. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*("?)([^";,\s]*)\1/i.exec(contentType ?? '')
  return match?.[2] || null
}

const PRESCAN_BYTES = 1024

/** `<meta charset>` or `<meta http-equiv=Content-Type content="…charset=…">` in the first 1024 bytes. */
export function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES))
    .toString('latin1')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
  for (const [tag] of head.matchAll(/<meta[\s/][^>]*>?/gi)) {
    const match = /charset\s*=\s*["']?\s*([^\s"'>;/]+)/i.exec(tag)
    if (!match) continue
    const name = normalizeCharset(match[1])
    // A page that could declare itself in ASCII is not UTF-16, whatever it says.
    if (name === 'utf-16le' || name === 'utf-16be') return 'utf-8'
    if (name) return name
  }
  return null
}

/** The encoding in an `<?xml … encoding="…"?>` declaration at the start. */
export function xmlDeclarationCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString('latin1')
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(head)
  const name = normalizeCharset(match?.[1])
  return name === 'utf-16le' || name === 'utf-16be' ? 'utf-8' : name
}

function bomCharset(bytes: Uint8Array): [string, number] | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return ['utf-8', 3]
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return ['utf-16be', 2]
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return ['utf-16le', 2]
  return null
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function decodeAs(bytes: Uint8Array, charset: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (charset === 'utf-8') return buffer.toString('utf8')
  const text = iconv.decode(buffer, charset, { stripBOM: false })
  // iconv-lite passes UTF-16 code units through as they are; browsers replace a lone surrogate.
  return charset.startsWith('utf-16') ? text.replace(LONE_SURROGATE, '\uFFFD') : text
}

/**
 * Decode a body the way a browser would, in this order:
 * 1. byte-order mark; 2. Content-Type charset; 3. for pages `<meta>` in the first 1024 bytes,
 * for feeds the XML declaration; 4. UTF-8 if the bytes are valid UTF-8; 5. windows-1252.
 * A UTF-8 label on bytes that are not UTF-8 is a mislabelled windows-1252 page, so it
 * decodes as that. Never throws.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null, kind: FetchKind = 'page'): DecodedBody {
  const bom = bomCharset(bytes)
  if (bom) return { text: decodeAs(bytes.subarray(bom[1]), bom[0]), charset: bom[0], source: 'bom' }

  const declared = (charset: string | null, source: DecodedBody['source']): DecodedBody | null => {
    if (!charset) return null
    if (charset === 'utf-8' && !isUtf8(bytes)) return { text: decodeAs(bytes, 'windows-1252'), charset: 'windows-1252', source: 'sniff' }
    return { text: decodeAs(bytes, charset), charset, source }
  }

  const fromHeader = declared(normalizeCharset(charsetFromContentType(contentType)), 'header')
  if (fromHeader) return fromHeader
  if (kind === 'page') {
    const fromMarkup = declared(metaCharset(bytes) ?? xmlDeclarationCharset(bytes), 'meta')
    if (fromMarkup) return fromMarkup
  } else if (kind === 'feed') {
    const fromDeclaration = declared(xmlDeclarationCharset(bytes), 'meta')
    if (fromDeclaration) return fromDeclaration
  }
  if (isUtf8(bytes)) return { text: decodeAs(bytes, 'utf-8'), charset: 'utf-8', source: 'sniff' }
  return { text: decodeAs(bytes, 'windows-1252'), charset: 'windows-1252', source: 'default' }
}
