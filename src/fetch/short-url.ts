const MAX = 200

/** A URL short enough for a one-line message; data: URLs and tracking junk can be huge. */
export function shortUrl(url: URL | string): string {
  const text = typeof url === 'string' ? url : url.href
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text
}

/** Schemes whose URLs are code or a document in themselves: a message names them, never quotes them. */
const ACTIVE_SCHEMES = new Set(['javascript:', 'vbscript:', 'data:', 'blob:'])

/** The scheme without its colon ('javascript'), for messages. */
export function schemeName(url: URL): string {
  return url.protocol.replace(/:$/, '')
}

/**
 * A refused URL for a message: quoted when harmless (file:///etc/passwd), only named when it
 * is script or a document (messages are stored and end up in the digest's JSON).
 */
export function describeTarget(url: URL): string {
  return ACTIVE_SCHEMES.has(url.protocol) ? `a ${schemeName(url)} URL` : shortUrl(url)
}
