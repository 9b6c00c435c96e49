import { headerForMessage } from './header-text.js'
import type { FetchKind } from './types.js'

/** The lower-case type/subtype of a Content-Type header, '' when absent. */
export function mimeEssence(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Types that may hold either; decided by looking at the bytes. */
const UNKNOWN_TYPES = new Set(['', 'application/octet-stream', 'application/unknown', 'application/x-unknown', 'unknown/unknown', 'binary/octet-stream'])

/**
 * Why a response of this Content-Type cannot be a `kind`, or null when it may be.
 * Checked on the headers, so a PDF or video is refused before its body is read.
 */
export function refuseContentType(kind: FetchKind, contentType: string | null | undefined): string | null {
  if (kind === 'robots') return null
  const type = mimeEssence(contentType)
  if (UNKNOWN_TYPES.has(type) || type.startsWith('text/')) return null
  if (kind === 'page') {
    if (type === 'application/xhtml+xml' || type === 'application/xml') return null
  } else if (kind === 'api') {
    if (type === 'application/json' || type.endsWith('+json')) return null
  } else if (type.endsWith('/xml') || type.endsWith('+xml') || type === 'application/json' || type.endsWith('+json')) {
    return null
  }
  return `${headerForMessage(type)} is not ${kind === 'page' ? 'a web page' : kind === 'api' ? 'JSON' : 'a feed'}`
}

const MAGIC: Array<[string, (b: Uint8Array) => boolean]> = [
  ['image/png', (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['image/gif', (b) => starts(b, [0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61],
  ['image/jpeg', (b) => starts(b, [0xff, 0xd8, 0xff])],
  ['image/webp', (b) => starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b.subarray(8), [0x57, 0x45, 0x42, 0x50])],
  ['application/pdf', (b) => starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])],
  ['application/zip', (b) => starts(b, [0x50, 0x4b]) && [0x0304, 0x0506, 0x0708].includes(((b[2] ?? 0) << 8) | (b[3] ?? 0))],
  ['application/gzip', (b) => starts(b, [0x1f, 0x8b, 0x08])],
  ['application/x-7z-compressed', (b) => starts(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])],
  ['application/vnd.rar', (b) => starts(b, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])],
  ['video/mp4', (b) => starts(b.subarray(4), [0x66, 0x74, 0x79, 0x70])],
  ['application/ogg', (b) => starts(b, [0x4f, 0x67, 0x67, 0x53, 0x00])],
]

function starts(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte)
}

/** The binary format the bytes start with, or null when they do not look binary. */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const [type, test] of MAGIC) if (test(bytes)) return type
  return null
}

/** Control bytes that never occur in text (the WHATWG "binary data bytes"). */
function hasBinaryBytes(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 512)
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return true
  }
  return false
}

/**
 * Why a decoded body cannot be a `kind`, or null when it may be. Servers label images
 * text/html often enough that the label alone is not trusted.
 */
export function refuseBody(kind: FetchKind, contentType: string | null | undefined, bytes: Uint8Array): string | null {
  if (kind === 'robots') return null
  const sniffed = sniffBinary(bytes)
  if (sniffed) return `${sniffed} data`
  // UTF-16 text has NUL bytes, so only unlabelled bodies without a BOM get this check.
  const bom = (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)
  if (UNKNOWN_TYPES.has(mimeEssence(contentType)) && !bom && hasBinaryBytes(bytes)) return 'binary data'
  return null
}
