import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTermProfile, matchTerms, TERMS_THRESHOLD } from '../../src/refresh/terms.js'

// The sample event's posts, as stored after a crawl.
const EVENT = [
  { title: 'Introduction of social media in organization is a change management tool and a change management process at the same time', categories: ['change management', 'social media', 'web 2.0 expo'] },
  { title: 'Web 2.0 Expo Recap: Why Social Media Marketing Fails', categories: ['Events', 'social media', 'web2expo'] },
  { title: 'Social Media Marketing Fails When It Stays in Marketing', categories: ['Conferences', 'Social Media'] },
  { title: 'Five takeaways from the social media marketing panel at Web 2.0 Expo', categories: ['web2expo', 'socialmedia'] },
  { title: 'Tire, tower or hub? Organizing for social media', categories: ['organization design', 'social media'] },
  { title: 'Web 2.0 Expo: Social media marketing fails without executive buy-in', categories: ['Social media'] },
]

test('the profile keeps the words several posts share, weighted by how many', () => {
  const profile = buildTermProfile(EVENT)
  assert.equal(profile.weights.get('social'), 1)
  assert.equal(profile.weights.get('media'), 1)
  assert.ok((profile.weights.get('marketing') ?? 0) > 0.5)
  assert.ok(profile.weights.has('expo'))
  assert.ok(!profile.weights.has('tire'), 'a word one post uses is not the event’s')
  assert.ok(!profile.weights.has('the') && !profile.weights.has('why'), 'stop words are not terms')
})

test('candidates: the threshold is met by a title on the same subject, not by sharing a word or two', () => {
  const profile = buildTermProfile(EVENT)
  const cases: Array<{ name: string; title: string; excerpt?: string; want: boolean }> = [
    { name: 'same subject in the title', title: 'Why social media marketing fails, revisited', want: true },
    { name: 'same subject, other words', title: 'Social media marketing at the Web 2.0 Expo: what went wrong', want: true },
    { name: 'one shared word', title: 'Media training for spokespeople', want: false },
    { name: 'the same conference, another subject', title: 'Web 2.0 Expo, day two: Enterprise 2.0 is a culture question', excerpt: 'Second day at the Web 2.0 Expo.', want: false },
    { name: 'unrelated', title: 'Spring cleaning my feed reader', excerpt: 'Four hundred subscriptions is too many.', want: false },
    { name: 'words only in the body', title: 'Notes from San Francisco', excerpt: 'social media marketing fails web expo', want: false },
    { name: 'no title', title: '', want: false },
  ]
  for (const c of cases) {
    const match = matchTerms({ title: c.title, excerpt: c.excerpt ?? null }, profile)
    assert.equal(match.matched, c.want, `${c.name}: ${match.reason}`)
    assert.ok(match.score >= 0 && match.score <= 1)
    if (c.want) assert.ok(match.score >= TERMS_THRESHOLD)
  }
})

test('an event without shared terms matches nothing', () => {
  const match = matchTerms({ title: 'Anything at all' }, buildTermProfile([]))
  assert.equal(match.matched, false)
  assert.match(match.reason, /no terms/)
})
