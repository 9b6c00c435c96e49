import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { LookupAddress } from 'node:dns'
import { checkTarget, createFetcher, createGuardedLookup, refuseAddress } from '../../src/fetch/index.js'
import { startServer } from '../helpers/server.js'
import { rejectsWith, testOptions } from './options.js'

test('refuseAddress classifies every range (pure)', () => {
  const cases: Array<[string, string | null, string | null]> = [
    // address, verdict without allowPrivate, verdict with it
    ['93.184.216.34', null, null],
    ['2606:4700::1111', null, null],
    ['127.0.0.1', 'loopback address', null],
    ['127.255.0.9', 'loopback address', null],
    ['10.1.2.3', 'private address', null],
    ['172.16.0.1', 'private address', null],
    ['172.31.255.255', 'private address', null],
    ['172.32.0.1', null, null],
    ['192.168.1.1', 'private address', null],
    ['100.64.0.1', 'carrier-grade NAT address', null],
    ['169.254.169.254', 'link-local address', 'link-local address'],
    ['0.0.0.0', 'unspecified address', 'unspecified address'],
    ['255.255.255.255', 'broadcast address', 'broadcast address'],
    ['224.0.0.1', 'multicast address', 'multicast address'],
    ['240.0.0.1', 'reserved address', 'reserved address'],
    ['::1', 'loopback address', null],
    ['::', 'unspecified address', 'unspecified address'],
    ['fe80::1', 'link-local address', 'link-local address'],
    ['fc00::1', 'unique-local address', null],
    ['fd12:3456::1', 'unique-local address', null],
    ['ff02::1', 'multicast address', 'multicast address'],
    ['::ffff:127.0.0.1', 'loopback address', null],
    ['::ffff:7f00:1', 'loopback address', null],
    ['::ffff:169.254.169.254', 'link-local address', 'link-local address'],
    ['::ffff:93.184.216.34', null, null],
    ['64:ff9b::a9fe:a9fe', 'link-local address', 'link-local address'],
    ['64:ff9b::5db8:d822', null, null],
    ['2002:a9fe:a9fe::1', 'link-local address', 'link-local address'],
    ['::7f00:1', 'reserved address', 'reserved address'],
    ['not-an-ip', 'unparseable address', 'unparseable address'],
  ]
  for (const [address, strict, lifted] of cases) {
    assert.equal(refuseAddress(address, false), strict, `${address} strict`)
    assert.equal(refuseAddress(address, true), lifted, `${address} allowPrivate`)
  }
})

const LOOPBACK_SPELLINGS = [
  'http://127.0.0.1/',
  'http://2130706433/',
  'http://0177.0.0.1/',
  'http://0x7f.0.0.1/',
  'http://0x7f000001/',
  'http://127.1/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[::1]/',
  'http://0.0.0.0/',
]
const METADATA_SPELLINGS = [
  'http://169.254.169.254/latest/meta-data/',
  'http://2852039166/',
  'http://0251.0376.0251.0376/',
  'http://0xa9fea9fe/',
  'http://0xa9.0xfe.0xa9.0xfe/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::ffff:a9fe:a9fe]/',
  'http://[fe80::1]/',
]

test('literal loopback and metadata addresses are refused in every spelling, before any request', async (t) => {
  const fetcher = createFetcher(testOptions({ allowPrivate: false, respectRobots: true }))
  t.after(() => fetcher.close())
  for (const url of [...LOOPBACK_SPELLINGS, ...METADATA_SPELLINGS]) {
    const error = await rejectsWith(fetcher.fetch({ url }), 'FETCH_SSRF')
    assert.match(error.message, /^refused \S+: (loopback|link-local|unspecified) address$/, url)
  }
  assert.equal(fetcher.stats().requests, 0)
})

test('allowPrivate lifts loopback but never link-local', async (t) => {
  const server = await startServer((_req, res) => void res.end('local'))
  const fetcher = createFetcher(testOptions({ allowPrivate: true }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  for (const host of ['127.0.0.1', '2130706433', '0x7f.0.0.1', '0177.0.0.1']) {
    const result = await fetcher.fetch({ url: `http://${host}:${server.port}/` })
    assert.equal(result.body, 'local', host)
  }
  for (const url of METADATA_SPELLINGS) await rejectsWith(fetcher.fetch({ url }), 'FETCH_SSRF')
  assert.deepEqual(Object.keys(fetcher.stats().byHost), [`http://127.0.0.1:${server.port}`])
})

test('only http and https are fetched', async (t) => {
  const fetcher = createFetcher(testOptions())
  t.after(() => fetcher.close())
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<h1>x</h1>', 'ftp://example.test/', 'gopher://127.0.0.1:6379/_INFO']) {
    const error = await rejectsWith(fetcher.fetch({ url }), 'FETCH_SCHEME')
    assert.match(error.message, /is not http or https$/)
  }
  await rejectsWith(fetcher.fetch({ url: 'not a url' }), 'URL_INVALID')
})

test('redirects to file: and to the metadata address are refused without connecting', async (t) => {
  const server = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end()
    const target = req.url === '/to-file' ? 'file:///etc/passwd' : 'http://169.254.169.254/latest/meta-data/'
    res.writeHead(302, { location: target }).end()
  })
  const fetcher = createFetcher(testOptions({ allowPrivate: true, respectRobots: true }))
  t.after(async () => {
    await fetcher.close()
    await server.close()
  })
  const scheme = await rejectsWith(fetcher.fetch({ url: `${server.origin}/to-file` }), 'FETCH_SCHEME')
  assert.match(scheme.message, /to file:\/\/\/etc\/passwd/)
  const ssrf = await rejectsWith(fetcher.fetch({ url: `${server.origin}/to-metadata` }), 'FETCH_SSRF')
  assert.equal(ssrf.message, 'refused http://169.254.169.254/latest/meta-data/: link-local address')
  // No robots.txt, no request, no host entry for the metadata address.
  assert.deepEqual(Object.keys(fetcher.stats().byHost), [server.origin])
})

test('a hostname that resolves to a private address is refused at connect time', async (t) => {
  const server = await startServer((_req, res) => void res.end('should not be reached'))
  t.after(() => server.close())
  for (const respectRobots of [false, true]) {
    const fetcher = createFetcher(testOptions({ allowPrivate: false, respectRobots }))
    const error = await rejectsWith(fetcher.fetch({ url: `http://localhost:${server.port}/page` }), 'FETCH_SSRF')
    assert.match(error.message, /^refused http:\/\/localhost:\d+\/page: localhost resolves to \S+, a loopback address$/)
    await fetcher.close()
  }
  assert.equal(server.log.length, 0)
  // The same name is fine once private addresses are allowed.
  const fetcher = createFetcher(testOptions({ allowPrivate: true }))
  t.after(() => fetcher.close())
  const ok = await fetcher.fetch({ url: `http://127.0.0.1:${server.port}/page` })
  assert.equal(ok.body, 'should not be reached')
})

function stubResolver(answers: LookupAddress[][]) {
  let call = 0
  return (_host: string, _options: object, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
    const answer = answers[Math.min(call++, answers.length - 1)]!
    queueMicrotask(() => callback(null, answer))
  }
}

function lookupOnce(lookup: ReturnType<typeof createGuardedLookup>, all: boolean): Promise<{ error: Error | null; address: unknown; family?: number | undefined }> {
  return new Promise((resolve) => lookup('blog.example', { all }, (error, address, family) => resolve({ error, address, family })))
}

test('the guarded lookup checks every address, on every connect (DNS rebinding)', async () => {
  const publicV4 = { address: '93.184.216.34', family: 4 }
  const publicV6 = { address: '2606:2800:220:1::1', family: 6 }
  const rebinding = createGuardedLookup(false, stubResolver([[publicV4], [{ address: '169.254.169.254', family: 4 }]]))
  const first = await lookupOnce(rebinding, false)
  assert.equal(first.error, null)
  assert.equal(first.address, '93.184.216.34')
  assert.equal(first.family, 4)
  const second = await lookupOnce(rebinding, false)
  assert.match(String(second.error?.message), /blog\.example resolves to 169\.254\.169\.254, a link-local address/)
  assert.equal((second.error as { code?: string }).code, 'FETCH_SSRF')

  const mixed = createGuardedLookup(false, stubResolver([[publicV4, { address: '10.0.0.7', family: 4 }]]))
  assert.match(String((await lookupOnce(mixed, true)).error?.message), /10\.0\.0\.7, a private address/)

  const fine = createGuardedLookup(false, stubResolver([[publicV4, publicV6]]))
  assert.deepEqual((await lookupOnce(fine, true)).address, [publicV4, publicV6])

  const lifted = createGuardedLookup(true, stubResolver([[{ address: '192.168.0.10', family: 4 }]]))
  assert.equal((await lookupOnce(lifted, false)).address, '192.168.0.10')
  const neverLinkLocal = createGuardedLookup(true, stubResolver([[{ address: 'fe80::1', family: 6 }]]))
  assert.ok((await lookupOnce(neverLinkLocal, false)).error)
})

test('checkTarget names the URL and the reason (pure)', () => {
  assert.equal(checkTarget(new URL('https://blog.example/'), false), null)
  assert.equal(checkTarget(new URL('http://10.0.0.1/'), false)?.message, 'refused http://10.0.0.1/: private address')
  assert.equal(checkTarget(new URL('http://10.0.0.1/'), true), null)
  assert.equal(checkTarget(new URL('file:///etc/passwd'), true)?.code, 'FETCH_SCHEME')
})
