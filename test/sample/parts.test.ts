import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isNotModified } from '../../src/sample/conditional.js'
import { contentTypeFor, isTextType } from '../../src/sample/content-type.js'
import { resolveSamplePath } from '../../src/sample/resolve-path.js'
import { createHostRewriter } from '../../src/sample/rewrite-hosts.js'
import { findRoute } from '../../src/sample/routes.js'
import type { SampleRoute } from '../../src/sample/routes.js'

test('resolveSamplePath maps request paths to candidate files', () => {
  const cases: Array<{ name: string; path: string; want: string[] }> = [
    { name: 'root', path: '/', want: ['index.html', 'index.xml'] },
    { name: 'file with extension', path: '/a/b.html', want: ['a/b.html', 'a/b.html/index.html', 'a/b.html/index.xml'] },
    { name: 'directory', path: '/feed/', want: ['feed/index.html', 'feed/index.xml'] },
    { name: 'extensionless path', path: '/feeds/posts/default', want: ['feeds/posts/default/index.html', 'feeds/posts/default/index.xml'] },
    { name: 'percent-encoded', path: '/search/label/web%202.0', want: ['search/label/web 2.0', 'search/label/web 2.0/index.html', 'search/label/web 2.0/index.xml'] },
    { name: 'dot-dot', path: '/../expected.json', want: [] },
    { name: 'encoded dot-dot', path: '/%2e%2e/expected.json', want: [] },
    { name: 'encoded slash dot-dot', path: '/a/..%2f..%2fexpected.json', want: [] },
    { name: 'backslash', path: '/a%5c..%5cb', want: [] },
    { name: 'NUL', path: '/a%00.html', want: [] },
    { name: 'routes file', path: '/_routes.json', want: [] },
    { name: 'dotfile', path: '/.git/config', want: [] },
    { name: 'empty segment', path: '/a//b.html', want: [] },
    { name: 'bad encoding', path: '/%E0%A4%A', want: [] },
    { name: 'not absolute', path: 'a/b.html', want: [] },
  ]
  for (const { name, path, want } of cases) assert.deepEqual(resolveSamplePath(path), want, name)
})

test('contentTypeFor labels by extension and tells Atom from RSS by the root element', () => {
  const cases: Array<{ file: string; head: string; want: string }> = [
    { file: 'a/index.html', head: '<!DOCTYPE html>', want: 'text/html; charset=utf-8' },
    { file: 'robots.txt', head: 'User-agent: *', want: 'text/plain; charset=utf-8' },
    { file: 'feed/index.xml', head: '<?xml version="1.0"?>\n<rss version="2.0">', want: 'application/rss+xml; charset=utf-8' },
    { file: 'atom.xml', head: "<?xml version='1.0'?><?xml-stylesheet href='x'?><feed xmlns='http://www.w3.org/2005/Atom'>", want: 'application/atom+xml; charset=utf-8' },
    { file: 'index.rdf.xml', head: '<rdf:RDF xmlns:rdf="x">', want: 'application/rss+xml; charset=utf-8' },
    { file: 'sitemap.xml', head: '<urlset>', want: 'application/xml; charset=utf-8' },
    { file: 'logo.PNG', head: '', want: 'image/png' },
    { file: 'README', head: '', want: 'application/octet-stream' },
  ]
  for (const { file, head, want } of cases) assert.equal(contentTypeFor(file, head), want, file)
  assert.equal(isTextType('application/atom+xml; charset=utf-8'), true)
  assert.equal(isTextType('application/json'), true)
  assert.equal(isTextType('image/png'), false)
  assert.equal(isTextType('application/octet-stream'), false)
})

test('createHostRewriter rewrites whole host names only', () => {
  const rewriter = createHostRewriter({ 'zdnet.example': 'http://127.0.0.7:1000', 'blog.zdnet.example': 'http://127.0.0.8:2000' })
  const cases: Array<{ name: string; text: string; want: string }> = [
    { name: 'http', text: 'see http://zdnet.example/a', want: 'see http://127.0.0.7:1000/a' },
    { name: 'https and case', text: 'HTTPS://ZDNet.example/a', want: 'http://127.0.0.7:1000/a' },
    { name: 'default port dropped', text: 'http://zdnet.example:80/a', want: 'http://127.0.0.7:1000/a' },
    { name: 'longer host first', text: 'http://blog.zdnet.example/x', want: 'http://127.0.0.8:2000/x' },
    { name: 'sentence dot', text: 'at http://zdnet.example.', want: 'at http://127.0.0.7:1000.' },
    { name: 'quoted', text: `href='http://zdnet.example'`, want: `href='http://127.0.0.7:1000'` },
    { name: 'longer domain', text: 'http://zdnet.example.org/', want: 'http://zdnet.example.org/' },
    { name: 'suffix word', text: 'http://zdnet.examples/', want: 'http://zdnet.examples/' },
    { name: 'subdomain not listed', text: 'http://www.zdnet.example/', want: 'http://www.zdnet.example/' },
    { name: 'other port kept', text: 'http://zdnet.example:8080/', want: 'http://zdnet.example:8080/' },
    { name: 'encoded', text: 'u=http%3A%2F%2Fzdnet.example%2F', want: 'u=http%3A%2F%2Fzdnet.example%2F' },
    { name: 'bare host', text: 'zdnet.example', want: 'zdnet.example' },
  ]
  for (const { name, text, want } of cases) assert.equal(rewriter.text(text), want, name)
  assert.equal(createHostRewriter({}).text('http://zdnet.example/'), 'http://zdnet.example/')
  assert.equal(rewriter.url('http://blog.zdnet.example/p?q=1#f'), 'http://127.0.0.8:2000/p?q=1#f')
  assert.equal(rewriter.url('mailto:someone@zdnet.example'), 'mailto:someone@zdnet.example')
})

test('isNotModified follows RFC 9110 precedence', () => {
  const etag = '"abc"'
  const modified = new Date('2009-04-01T17:32:00.500Z')
  const cases: Array<{ name: string; headers: Record<string, string>; want: boolean }> = [
    { name: 'no validators', headers: {}, want: false },
    { name: 'same tag', headers: { 'if-none-match': '"abc"' }, want: true },
    { name: 'weak tag', headers: { 'if-none-match': 'W/"abc"' }, want: true },
    { name: 'tag in a list', headers: { 'if-none-match': '"x", "abc"' }, want: true },
    { name: 'star', headers: { 'if-none-match': '*' }, want: true },
    { name: 'other tag', headers: { 'if-none-match': '"abd"' }, want: false },
    { name: 'same second', headers: { 'if-modified-since': 'Wed, 01 Apr 2009 17:32:00 GMT' }, want: true },
    { name: 'later', headers: { 'if-modified-since': 'Thu, 02 Apr 2009 00:00:00 GMT' }, want: true },
    { name: 'earlier', headers: { 'if-modified-since': 'Wed, 01 Apr 2009 17:31:59 GMT' }, want: false },
    { name: 'garbage date', headers: { 'if-modified-since': 'yesterday' }, want: false },
    { name: 'tag wins over date', headers: { 'if-none-match': '"abd"', 'if-modified-since': 'Thu, 02 Apr 2009 00:00:00 GMT' }, want: false },
  ]
  for (const { name, headers, want } of cases) assert.equal(isNotModified(headers, etag, modified), want, name)
})

test('findRoute prefers the exact path with query, then the bare path', () => {
  const routes = new Map<string, SampleRoute>([
    ['/feeds/posts/default?alt=rss', { file: 'rss.xml' }],
    ['/search', { status: 403 }],
  ])
  assert.deepEqual(findRoute(routes, '/feeds/posts/default?alt=rss'), { file: 'rss.xml' })
  assert.equal(findRoute(routes, '/feeds/posts/default'), undefined)
  assert.equal(findRoute(routes, '/feeds/posts/default?alt=atom'), undefined)
  assert.deepEqual(findRoute(routes, '/search?q=x'), { status: 403 })
  assert.equal(findRoute(routes, '/searching'), undefined)
})
