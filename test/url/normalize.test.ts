import { test } from 'node:test'
import assert from 'node:assert/strict'
import { hostKey, normalizeUrl, parseHttpUrl } from '../../src/url/normalize.js'

test('normalizeUrl: dedupe key rules', () => {
  const cases: Array<{ name: string; input: string; base?: string; want: string | null }> = [
    { name: 'lower-cases scheme and host', input: 'HTTP://Blog.EXAMPLE/Path/Post.html', want: 'http://blog.example/Path/Post.html' },
    { name: 'drops default http port', input: 'http://blog.example:80/a', want: 'http://blog.example/a' },
    { name: 'drops default https port', input: 'https://blog.example:443/a', want: 'https://blog.example/a' },
    { name: 'keeps other ports', input: 'http://127.0.0.2:8080/a', want: 'http://127.0.0.2:8080/a' },
    { name: 'drops fragment', input: 'http://blog.example/a#comments', want: 'http://blog.example/a' },
    { name: 'drops utm_* parameters', input: 'http://blog.example/a?utm_source=x&utm_medium=y', want: 'http://blog.example/a' },
    { name: 'drops fbclid, keeps real parameters sorted', input: 'http://blog.example/a?p=2&fbclid=1&a=1', want: 'http://blog.example/a?a=1&p=2' },
    { name: 'resolves against a base', input: '../b.html#x', base: 'http://blog.example/2009/04/a.html', want: 'http://blog.example/2009/b.html' },
    { name: 'strips user info', input: 'http://user:pw@blog.example/a', want: 'http://blog.example/a' },
    { name: 'strips trailing dot of host', input: 'http://blog.example./a', want: 'http://blog.example/a' },
    { name: 'refuses javascript:', input: 'javascript:alert(1)', want: null },
    { name: 'refuses JaVaScRiPt: with spaces', input: ' \tjavascript:alert(1)', want: null },
    { name: 'refuses data:', input: 'data:text/html,<script>', want: null },
    { name: 'refuses file:', input: 'file:///etc/passwd', want: null },
    { name: 'refuses mailto:', input: 'mailto:a@b.example', want: null },
    { name: 'refuses garbage', input: 'http://', want: null },
  ]
  for (const c of cases) assert.equal(normalizeUrl(c.input, c.base), c.want, c.name)
})

test('normalizeUrl: utm and fragment variants collapse to one key', () => {
  const variants = [
    'http://blog.example/2009/04/post.html',
    'http://blog.example/2009/04/post.html#more',
    'http://BLOG.example/2009/04/post.html?utm_source=feedburner&utm_medium=feed',
    'http://blog.example:80/2009/04/post.html?utm_campaign=x#c1',
  ]
  assert.equal(new Set(variants.map((v) => normalizeUrl(v))).size, 1)
})

test('parseHttpUrl and hostKey', () => {
  assert.equal(parseHttpUrl('ftp://x.example/')?.href, undefined)
  assert.equal(parseHttpUrl('/a', 'https://x.example/b')?.href, 'https://x.example/a')
  assert.equal(hostKey('http://127.0.0.3:1234/a/b'), 'http://127.0.0.3:1234')
  assert.notEqual(hostKey('http://x.example/'), hostKey('https://x.example/'))
})
