import type { IncomingHttpHeaders } from 'node:http'

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, '')
}

/**
 * RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison, `*` matches);
 * only without it does If-Modified-Since count, at whole-second precision.
 */
export function isNotModified(headers: IncomingHttpHeaders, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = headers['if-none-match']
  if (ifNoneMatch !== undefined) {
    const wanted = opaque(etag)
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted)
  }
  const ifModifiedSince = headers['if-modified-since']
  if (ifModifiedSince === undefined) return false
  const since = Date.parse(ifModifiedSince)
  if (Number.isNaN(since)) return false
  return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000)
}
