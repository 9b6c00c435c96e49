import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' }

interface NoProxyEntry {
  host: string
  port: string | null
}

/** Split one NO_PROXY entry into host and optional port: `example.com:8080`, `[::1]:443`, `::1`. */
function parseEntry(raw: string): NoProxyEntry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw)
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ?? null }
  const hostPort = /^([^:]+):(\d+)$/.exec(raw)
  if (hostPort) return { host: hostPort[1]!, port: hostPort[2]! }
  return { host: raw, port: null }
}

function matchesHost(host: string, pattern: string): boolean {
  if (pattern.includes('/') && isIP(host) && ipaddr.isValidCIDR(pattern)) {
    try {
      const [range, bits] = ipaddr.parseCIDR(pattern)
      const address = ipaddr.process(host)
      return address.kind() === range.kind() && address.match(range, bits)
    } catch {
      return false
    }
  }
  if (isIP(host) && isIP(pattern)) return ipaddr.process(host).toString() === ipaddr.process(pattern).toString()
  // `.example.com` and `*.example.com` mean the domain and everything under it, as curl reads them.
  const domain = pattern.replace(/^\*?\./, '')
  return host === domain || host.endsWith(`.${domain}`)
}

/**
 * Whether NO_PROXY-style `noProxy` sends `url` around the proxy. Entries are separated by
 * commas or spaces: `*` (everything), a host or domain (with its subdomains), `.domain`,
 * `host:port`, an IP or a CIDR range. Matching ignores case and a trailing dot.
 */
export function bypassesProxy(url: URL | string, noProxy: string): boolean {
  let parsed: URL
  try {
    parsed = typeof url === 'string' ? new URL(url) : url
  } catch {
    return false
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase()
  const port = parsed.port || DEFAULT_PORTS[parsed.protocol] || ''
  for (const raw of noProxy.toLowerCase().split(/[\s,]+/)) {
    if (!raw) continue
    if (raw === '*') return true
    const entry = parseEntry(raw)
    if (entry.port !== null && entry.port !== port) continue
    if (matchesHost(host, entry.host.replace(/\.$/, ''))) return true
  }
  return false
}

export type ProxyEnv = Record<string, string | undefined>

function pick(env: ProxyEnv, name: string): string | undefined {
  // Lower case first, as curl does; upper-case HTTP_PROXY can be forged by CGI request headers.
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()]
  return value?.trim() || undefined
}

/**
 * The proxy curl would use for `url` under `env` (http_proxy / https_proxy / all_proxy,
 * minus no_proxy), or undefined for a direct connection. Pure; the CLI passes process.env.
 */
export function proxyForUrl(env: ProxyEnv, url: URL | string): string | undefined {
  let parsed: URL
  try {
    parsed = typeof url === 'string' ? new URL(url) : url
  } catch {
    return undefined
  }
  const proxy = (parsed.protocol === 'https:' ? pick(env, 'https_proxy') : pick(env, 'http_proxy')) ?? pick(env, 'all_proxy')
  if (!proxy) return undefined
  return bypassesProxy(parsed, pick(env, 'no_proxy') ?? '') ? undefined : proxy
}

/**
 * Fetcher options from the environment: one proxy for both schemes (https_proxy preferred,
 * since most crawled blogs are https) and the no_proxy list.
 */
export function proxyFromEnv(env: ProxyEnv): { proxy: string | undefined; noProxy: string } {
  return {
    proxy: pick(env, 'https_proxy') ?? pick(env, 'http_proxy') ?? pick(env, 'all_proxy'),
    noProxy: pick(env, 'no_proxy') ?? '',
  }
}
