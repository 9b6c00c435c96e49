import { Agent, ProxyAgent } from 'undici'
import type { Dispatcher } from 'undici'
import { RoundupError } from '../errors.js'
import { BACKSTOP } from './client.js'
import { bypassesProxy } from './proxy.js'
import { createGuardedLookup } from './ssrf.js'
import type { FetcherOptions } from './types.js'

export interface Route {
  dispatcher: Dispatcher
  /** The proxy dials the target, so our connect-time address check does not run. */
  proxied: boolean
}

export interface Dispatchers {
  routeFor(url: URL): Route
  close(): Promise<void>
}

/**
 * The direct agent (SSRF lookup at connect time) and, when configured, a proxy agent.
 * With `proxyTunnel: false` undici sends http:// requests to the proxy in absolute form
 * (`GET http://host/path`), which every forward proxy accepts, and tunnels https:// with
 * CONNECT; the default tunnels both, which many proxies refuse for port 80.
 */
export function createDispatchers(options: FetcherOptions): Dispatchers {
  if (options.dispatcher) {
    const route = { dispatcher: options.dispatcher, proxied: false }
    // The caller owns a dispatcher it passed in; closing it is theirs to do.
    return { routeFor: () => route, close: async () => {} }
  }
  // Backstops: each request runs stall-aware deadlines of its own (client.ts).
  const timeouts = { headersTimeout: options.headersTimeoutMs * BACKSTOP, bodyTimeout: options.totalTimeoutMs * BACKSTOP }
  const direct = new Agent({
    ...timeouts,
    connect: { timeout: options.connectTimeoutMs, lookup: createGuardedLookup(options.allowPrivate) },
  })
  let proxy: ProxyAgent | undefined
  if (options.proxy) {
    let uri: URL
    try {
      uri = new URL(options.proxy)
    } catch {
      throw new RoundupError('OPTIONS_INVALID', `proxy must be a URL, got ${JSON.stringify(options.proxy)}`)
    }
    if (uri.protocol !== 'http:' && uri.protocol !== 'https:') {
      throw new RoundupError('OPTIONS_INVALID', `proxy must be an http:// or https:// URL, got ${uri.protocol}`)
    }
    proxy = new ProxyAgent({
      ...timeouts,
      uri: uri.href,
      proxyTunnel: false,
      proxyTls: { timeout: options.connectTimeoutMs },
      requestTls: { timeout: options.connectTimeoutMs },
    })
  }
  const directRoute = { dispatcher: direct, proxied: false }
  const proxyRoute = proxy ? { dispatcher: proxy, proxied: true } : directRoute
  return {
    routeFor: (url) => (proxy && !bypassesProxy(url, options.noProxy) ? proxyRoute : directRoute),
    async close() {
      await Promise.all([direct.destroy(), proxy?.destroy()])
    },
  }
}
