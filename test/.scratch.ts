import { eventKeywords } from '../src/events/keywords.js'
import { createSearchIndex, syncSearchIndex, searchIndex } from '../src/search/index.js'
import { emptyStore } from '../src/store/schema.js'
import { makePost, makeEvent, EXPO } from './events/fixture.js'
const data = emptyStore()
const words = (EXPO.map((p) => p.text).join(' ') + ' ').repeat(1)
const vocab = words.split(/\s+/)
let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647
const urls: string[][] = [[], [], [], [], []]
for (let i = 0; i < 500; i++) {
  let text = ''
  while (text.length < 20000) text += vocab[Math.floor(rnd() * vocab.length)] + (rnd() < 0.1 ? '. ' : ' ') + 'w' + Math.floor(rnd() * 5000) + ' '
  const url = `http://h${i % 50}.example/p${i}`
  data.posts[url] = makePost(url, { title: `Post ${i} about ${vocab[i % vocab.length]}`, text, authors: ['A B'] })
  urls[i % 5]!.push(url)
}
urls.forEach((u, i) => (data.events['e' + i] = makeEvent('e' + i, u)))
let t = performance.now()
const k = eventKeywords(data)
console.log('keywords 500 posts x 20KB:', (performance.now() - t).toFixed(0), 'ms', k.e0)
t = performance.now()
const s = createSearchIndex(); syncSearchIndex(s, Object.values(data.posts))
console.log('index build:', (performance.now() - t).toFixed(0), 'ms')
t = performance.now()
const json = JSON.stringify(s.index.toJSON())
console.log('serialize:', (performance.now() - t).toFixed(0), 'ms', (json.length / 1e6).toFixed(1), 'MB')
t = performance.now()
for (let i = 0; i < 20; i++) searchIndex(s, data, 'change management')
console.log('query:', ((performance.now() - t) / 20).toFixed(1), 'ms')
data.posts['http://h1.example/p1']!.text += ' new'
t = performance.now()
console.log(syncSearchIndex(s, Object.values(data.posts)), 'incremental sync:', (performance.now() - t).toFixed(0), 'ms')
