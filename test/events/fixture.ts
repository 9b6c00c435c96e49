// A small store with two unrelated events, for the events, keywords and search tests.
import { emptyPost, emptyStore, type StoreData, type StoredEvent, type StoredPost } from '../../src/store/schema.js'

export const NOW = '2026-11-25T12:00:00.000Z'

export function makePost(url: string, fields: Partial<StoredPost>): StoredPost {
  return { ...emptyPost(url, NOW), status: 'ok', outcome: 'stored', httpStatus: 200, fetchedAt: NOW, ...fields }
}

export function makeEvent(id: string, urls: string[], fields: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id, title: id, titleSource: 'derived', seeds: urls.slice(0, 1), createdAt: NOW, updatedAt: NOW,
    posts: urls.map((url, i) => ({ url, depth: i === 0 ? 0 : 1, via: i === 0 ? null : urls[0]!, reason: i === 0 ? 'seed' as const : 'crossref' as const, addedAt: NOW })),
    ...fields,
  }
}

export const EXPO = [
  makePost('http://holger.example/2009/04/intro.html', {
    title: 'Introduction of social media in organization is a change management tool', authors: ['Holger Nauheimer'], siteName: 'Change Facilitation',
    published: '2009-04-01T10:32:00-07:00', excerpt: 'My first session this morning at the Web 2.0 Expo, on why social media marketing fails.',
    text: 'My first session this morning at the Web 2.0 Expo was about social media marketing. Social media is a change management tool and a change management process at the same time. The panel said that social media marketing fails when it stays in marketing.',
  }),
  makePost('http://maven.example/2009/04/01/recap/', {
    title: 'Web 2.0 Expo Recap: Why Social Media Marketing Fails', authors: ['Jessica Valenzuela'], siteName: 'Maven Digital Mashup', published: '2009-04-01',
    excerpt: 'One of the most crowded sessions of the Web 2.0 Expo.',
    text: 'Peter Kim, Charlene Li and Jeremiah Owyang talked about why social media marketing fails and what companies can do about it. Executive buy-in matters.',
  }),
  makePost('http://brass.example/2009/04/stays.html', {
    title: 'Social Media Marketing Fails When It Stays in Marketing', authors: ['Susan Etlinger'], siteName: 'Brass Tacks', published: '2009-04-01',
    text: 'The panel on social media marketing stuck with me. Social media belongs to the whole company, not to marketing alone.',
  }),
  makePost('http://capital.example/2009/04/tire-tower-hub.html', {
    title: 'Tire, tower or hub? Organizing for social media', authors: ['Michael Cayley'], siteName: 'Social Capital Value Add', published: '2009-04-03',
    text: 'Three ways a company can organise its social media work: the tire, the tower and the hub. The hub connects the spokes of the tire.',
  }),
]

export const STEUER = [
  makePost('http://steuer.example/2010/reform.html', {
    title: 'Die Steuerreform und die Kommunen', authors: ['Anna van der Berg'], siteName: 'Finanzblog', published: '2010-06-01', lang: 'de',
    text: 'Die Steuerreform der Regierung belastet die Kommunen. Die Gewerbesteuer ist für die Kommunen wichtig, und die Steuerreform ändert das nicht.',
  }),
  makePost('http://impots.example/2010/reforme.html', {
    title: 'La réforme fiscale allemande et les communes', authors: ['Jean Dupont'], siteName: 'Le blog fiscal', published: '2010-06-02', lang: 'fr',
    text: 'La Steuerreform allemande pèse sur les communes. Pour les communes, la Gewerbesteuer est une ressource essentielle.',
  }),
  makePost('http://finanzen.example/2010/gewerbesteuer.html', {
    title: 'Gewerbesteuer: was die Steuerreform für Städte bedeutet', authors: ['Max Müller'], siteName: 'Städtetag-Blog', published: '2010-06-03', lang: 'de',
    text: 'Die Gewerbesteuer bleibt, aber die Steuerreform verschiebt Einnahmen. Für die Städte und Kommunen ist das ein Problem.',
  }),
]

/** Listed but never fetched: nothing to index or cite. */
export const UNFETCHED = makePost('http://down.example/x', { status: 'error', outcome: 'error:network', fetchedAt: null })

export function fixtureStore(): StoreData {
  const data = emptyStore()
  for (const post of [...EXPO, ...STEUER, UNFETCHED]) data.posts[post.url] = structuredClone(post)
  data.events.expo = makeEvent('expo', [...EXPO, UNFETCHED].map((p) => p.url), { title: 'Web 2.0 Expo: social media marketing' })
  data.events.steuer = makeEvent('steuer', STEUER.map((p) => p.url), { title: 'Steuerreform 2010', createdAt: '2026-11-25T13:00:00.000Z' })
  return data
}
