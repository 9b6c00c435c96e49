import { test } from 'node:test'
import assert from 'node:assert/strict'
import { doc, extract } from './helpers.js'

const cases: Array<{ name: string; head: string; want: Array<{ url: string; type: string; title: string | null }> }> = [
  { name: 'RSS', head: '<link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/">', want: [{ url: 'http://blog.example/feed/', type: 'rss', title: 'Feed' }] },
  { name: 'Atom', head: '<link rel="alternate" type="application/atom+xml" href="http://blog.example/atom.xml">', want: [{ url: 'http://blog.example/atom.xml', type: 'atom', title: null }] },
  { name: 'JSON Feed', head: '<link rel="alternate" type="application/feed+json" title="JSON" href="/feed.json">', want: [{ url: 'http://blog.example/feed.json', type: 'json', title: 'JSON' }] },
  { name: 'resolved against <base href>', head: '<base href="http://feeds.example/b/"><link rel="alternate" type="application/rss+xml" href="rss.xml">', want: [{ url: 'http://feeds.example/b/rss.xml', type: 'rss', title: null }] },
  { name: 'rel and type are case-insensitive', head: '<LINK REL="Alternate" TYPE="Application/RSS+XML" HREF="/r">', want: [{ url: 'http://blog.example/r', type: 'rss', title: null }] },
  { name: 'duplicates collapse', head: '<link rel="alternate" type="application/rss+xml" href="/f"><link rel="alternate" type="application/rss+xml" href="/f#x">', want: [{ url: 'http://blog.example/f', type: 'rss', title: null }] },
  { name: 'not feeds: stylesheet, hreflang alternate, REST API, oEmbed, javascript:', head: '<link rel="stylesheet" href="/s.css"><link rel="alternate" hreflang="de" href="/de/"><link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1"><link rel="alternate" type="application/json+oembed" href="/oembed"><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">', want: [] },
]

for (const { name, head, want } of cases) {
  test(`feeds: ${name}`, () => assert.deepEqual(extract(doc('<p>x</p>', head)).feeds, want))
}
