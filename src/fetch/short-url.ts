const MAX = 200

/** A URL short enough for a one-line message; data: URLs and tracking junk can be huge. */
export function shortUrl(url: URL | string): string {
  const text = typeof url === 'string' ? url : url.href
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text
}
