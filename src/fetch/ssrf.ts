import { lookup as dnsLookup } from 'node:dns'
import type { LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns'
import { isIP } from 'node:net'
import type { LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'
import { RoundupError } from '../errors.js'
import { describeTarget, schemeName, shortUrl } from './short-url.js'

/** The IPv4 address hidden inside an IPv6 one, for the forms that route to it. */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = ip.parts
  const fromParts = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff])
  switch (ip.range()) {
    case 'ipv4Mapped':
      return ip.toIPv4Address()
    case 'rfc6145':
      return fromParts(p[6]!, p[7]!)
    case '6to4':
      return fromParts(p[1]!, p[2]!)
    case 'rfc6052':
      // Only the well-known NAT64 prefix carries the address in the last 32 bits.
      return p[0] === 0x64 && p[1] === 0xff9b && p[2] === 0 ? fromParts(p[6]!, p[7]!) : null
    default:
      return null
  }
}

/**
 * Why `address` must not be fetched, or null when it may.
 * `allowPrivate` lifts loopback, RFC 1918, CGNAT and unique-local, never link-local.
 */
export function refuseAddress(address: string, allowPrivate: boolean): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, ''))
  } catch {
    return 'unparseable address'
  }
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6
    const inner = embeddedIPv4(v6)
    if (inner) return refuseAddress(inner.toString(), allowPrivate)
    const range = v6.range()
    switch (range) {
      case 'unicast':
        // ::a.b.c.d (IPv4-compatible) is deprecated and never a real web server.
        return v6.parts.slice(0, 6).every((part) => part === 0) ? 'reserved address' : null
      case 'loopback':
        return allowPrivate ? null : 'loopback address'
      case 'uniqueLocal':
        return allowPrivate ? null : 'unique-local address'
      case 'linkLocal':
        return 'link-local address'
      case 'unspecified':
        return 'unspecified address'
      case 'multicast':
        return 'multicast address'
      default:
        return 'reserved address'
    }
  }
  const range = (ip as ipaddr.IPv4).range()
  switch (range) {
    case 'unicast':
    case 'as112':
    case 'amt':
      return null
    case 'loopback':
      return allowPrivate ? null : 'loopback address'
    case 'private':
      return allowPrivate ? null : 'private address'
    case 'carrierGradeNat':
      return allowPrivate ? null : 'carrier-grade NAT address'
    case 'linkLocal':
      return 'link-local address'
    case 'unspecified':
      return 'unspecified address'
    case 'broadcast':
      return 'broadcast address'
    case 'multicast':
      return 'multicast address'
    default:
      return 'reserved address'
  }
}

/** The URL's host as a bare IP literal, or null for a name. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return isIP(host) ? host : null
}

/**
 * Check what can be checked without DNS: the scheme and a literal IP host.
 * The WHATWG parser has already turned 2130706433, 0177.0.0.1 and 0x7f.1 into 127.0.0.1.
 */
export function checkTarget(url: URL, allowPrivate: boolean): RoundupError | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return new RoundupError('FETCH_SCHEME', `refused ${describeTarget(url)}: ${schemeName(url)} is not http or https`, { url: url.href })
  }
  const literal = literalAddress(url)
  const reason = literal === null ? null : refuseAddress(literal, allowPrivate)
  return reason === null ? null : new RoundupError('FETCH_SSRF', `refused ${shortUrl(url)}: ${reason}`, { url: url.href })
}

type Resolver = (hostname: string, options: LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void

const defaultResolver: Resolver = (hostname, options, callback) => dnsLookup(hostname, options, callback)

function refusal(hostname: string, addresses: LookupAddress[], allowPrivate: boolean): RoundupError | null {
  for (const { address } of addresses) {
    const reason = refuseAddress(address, allowPrivate)
    // No url yet: the fetcher adds it when it maps the connect error.
    if (reason) return new RoundupError('FETCH_SSRF', `${hostname} resolves to ${address}, a ${reason}`)
  }
  return null
}

/**
 * A `lookup` for net.connect that refuses a host when any address it resolves to is refused.
 * Checking at connect time, on the address actually dialled, is what defeats DNS rebinding.
 */
export function createGuardedLookup(allowPrivate: boolean, resolve: Resolver = defaultResolver): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0)
      if (!addresses.length) {
        const empty: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`)
        empty.code = 'ENOTFOUND'
        return callback(empty, '', 0)
      }
      const refused = refusal(hostname, addresses, allowPrivate)
      if (refused) return callback(refused, '', 0)
      if (options.all) return callback(null, addresses)
      const first = addresses[0]!
      callback(null, first.address, first.family)
    })
  }
}

/**
 * Best-effort check for proxied requests, where the proxy dials and our lookup never runs:
 * resolve the name ourselves and refuse private answers. A name we cannot resolve is let
 * through, since behind a proxy only the proxy may be able to resolve it.
 */
export function checkResolvedHost(hostname: string, allowPrivate: boolean, resolve: Resolver = defaultResolver): Promise<RoundupError | null> {
  return new Promise((done) => {
    resolve(hostname, { all: true }, (err, addresses) => {
      done(err ? null : refusal(hostname, addresses, allowPrivate))
    })
  })
}
