/** Query parameters that only track a click and never change the page. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid',
  'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id',
  'vero_id', 'wt_mc', 'wt.mc_id', 'ncid', 'spm', 'share', 'ref_src', 'ref_url', 's_cid', 'cmpid',
])
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', 'ga_']

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase()
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix))
}

/**
 * Parse `input` (resolved against `base`) and return it only when it is an
 * absolute http(s) URL; anything else (javascript:, data:, file:, garbage) is null.
 */
export function parseHttpUrl(input: string | URL | null | undefined, base?: string | URL): URL | null {
  if (input === null || input === undefined) return null
  let url: URL
  try {
    // Strip what browsers strip: leading/trailing C0 controls and spaces, inner tabs and newlines.
    const text = typeof input === 'string' ? input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '') : input
    url = base === undefined ? new URL(text) : new URL(text, base)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (!url.hostname) return null
  return url
}

/**
 * The key under which a URL is deduplicated: lower-case scheme and host
 * (the URL parser does both), no default port, no fragment, no tracking
 * parameters, and the remaining parameters in a stable order.
 */
export function normalizeUrl(input: string | URL | null | undefined, base?: string | URL): string | null {
  const url = parseHttpUrl(input, base)
  return url ? normalizeParsed(url) : null
}

/** normalizeUrl for an http(s) URL the caller just parsed and owns: it is changed in place, not parsed again. */
export function normalizeParsed(url: URL): string {
  // Every URL setter re-parses the whole URL: only call one when something changes.
  if (url.username) url.username = ''
  if (url.password) url.password = ''
  // All trailing dots, not one: 'a..' must not normalise to 'a.' and then again to 'a'.
  if (url.hostname.endsWith('.')) {
    const host = url.hostname.replace(/\.+$/, '')
    if (host) url.hostname = host
  }
  const queryAt = url.href.indexOf('?')
  const hashAt = url.href.indexOf('#')
  if (queryAt !== -1 && (hashAt === -1 || queryAt < hashAt)) {
    const kept = [...url.searchParams.entries()].filter(([name]) => !isTrackingParam(name))
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const search = kept.length ? new URLSearchParams(kept).toString() : ''
    // An empty query still drops its bare '?'.
    if (!search || search !== url.search.slice(1)) url.search = search
  }
  return withoutFragment(url.href)
}

/** A serialised URL up to its fragment: once serialised, '#' appears nowhere else. */
export function withoutFragment(href: string): string {
  const at = href.indexOf('#')
  return at === -1 ? href : href.slice(0, at)
}

/** The host part used for politeness and robots.txt: host plus explicit port. */
export function hostKey(url: URL | string): string {
  const parsed = typeof url === 'string' ? new URL(url) : url
  return `${parsed.protocol}//${parsed.host}`
}
