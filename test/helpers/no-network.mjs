// Loaded into every test process (and, through NODE_OPTIONS, every child it spawns):
// a connection or DNS query to anything but loopback fails loudly instead of leaving the machine.
import dns from 'node:dns'
import net from 'node:net'
import { syncBuiltinESMExports } from 'node:module'

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.'])
const isLoopback = (host) => {
  if (typeof host !== 'string') return true
  const bare = host.replace(/^\[|\]$/g, '')
  if (LOOPBACK_NAMES.has(bare.toLowerCase())) return true
  if (net.isIPv4(bare)) return bare.startsWith('127.')
  if (net.isIPv6(bare)) return bare === '::1' || /^::ffff:127\./i.test(bare)
  return false
}
const refuse = (host) => Object.assign(new Error(`test guard: refused to reach ${host} (tests stay on 127.0.0.0/8)`), { code: 'ENOTFOUND', hostname: host })

const originalLookup = dns.lookup
dns.lookup = function guardedLookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback
  if (!isLoopback(hostname)) return process.nextTick(cb, refuse(hostname))
  return originalLookup.call(this, hostname, options, callback)
}
const originalPromiseLookup = dns.promises.lookup
dns.promises.lookup = async function guardedPromiseLookup(hostname, options) {
  if (!isLoopback(hostname)) throw refuse(hostname)
  return originalPromiseLookup.call(this, hostname, options)
}

const originalConnect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = args[0]
  const options = Array.isArray(first) ? first[0] : first
  const host = typeof options === 'object' && options !== null ? options.host ?? (options.path ? 'localhost' : 'localhost') : typeof args[1] === 'string' ? args[1] : 'localhost'
  // A custom lookup (the fetcher's SSRF guard) resolves names itself; check the literal only.
  if (net.isIP(String(host).replace(/^\[|\]$/g, '')) && !isLoopback(host)) {
    process.nextTick(() => this.destroy(refuse(host)))
    return this
  }
  return originalConnect.apply(this, args)
}
syncBuiltinESMExports()
