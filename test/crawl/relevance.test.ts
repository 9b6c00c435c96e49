import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildProfile, judgeRelevance, looksLikePost } from '../../src/crawl/relevance.js'

const profile = buildProfile([{
  title: 'Introduction of social media in organization is a change management tool',
  excerpt: 'My first session this morning at the Web 2.0 Expo, on why social media marketing fails and how to fix it',
  published: '2009-04-01T10:32:00-07:00',
}])

test('judgeRelevance: on-topic pages within the date window pass', () => {
  const verdict = judgeRelevance({ title: 'Why social media marketing fails: notes from Web 2.0 Expo', excerpt: null, published: '2009-04-02' }, profile)
  assert.equal(verdict.relevant, true, verdict.reason)
  assert.match(verdict.reason, /social|media|marketing/)
})

test('judgeRelevance: the same words a year later, or unrelated words the same day, fail', () => {
  const late = judgeRelevance({ title: 'Why social media marketing fails', excerpt: 'Web 2.0 Expo', published: '2010-04-02' }, profile)
  assert.equal(late.relevant, false)
  assert.match(late.reason, /days from the seed/)
  const offTopic = judgeRelevance({ title: 'My favourite sourdough recipe', excerpt: 'Flour, water, salt.', published: '2009-04-01' }, profile)
  assert.equal(offTopic.relevant, false)
  assert.match(offTopic.reason, /too few words/)
})

test('judgeRelevance: an undated page needs twice the shared words', () => {
  const weak = judgeRelevance({ title: 'Social media marketing', excerpt: null, published: null }, profile)
  assert.equal(weak.relevant, false)
  const strong = judgeRelevance({ title: 'Social media marketing fails: change management at Web 2.0 Expo', excerpt: 'organization session', published: null }, profile)
  assert.equal(strong.relevant, true, strong.reason)
})

test('looksLikePost: posts yes; files, roots, tag pages and reference sites no', () => {
  const yes = ['http://a.example/2009/04/why-it-fails.html', 'http://a.example/blog/why-social-media-marketing-fails/', 'http://b.example/post/93512774/five-takeaways']
  const no = ['http://a.example/', 'http://a.example/photo.jpg', 'http://a.example/tag/social-media/', 'http://a.example/search?q=x', 'http://en.wikipedia.org/wiki/Charlene_Li_and_more-things', 'http://a.example/podcast.mp3']
  for (const url of yes) assert.equal(looksLikePost(url), true, url)
  for (const url of no) assert.equal(looksLikePost(url), false, url)
})
