// Deterministic filler for the synthetic blogosphere: a seeded PRNG and prose that reads like prose,
// so extraction works on sentences and paragraphs rather than on one repeated token.

/** mulberry32: small, fast and good enough to spread pages over sizes and links. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Random = () => number

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
export const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1))

const WORDS = (
  'the panel session speaker audience question organization strategy change community marketing social media ' +
  'executive customer employee network conversation platform campaign measure value trust culture leadership ' +
  'process tool adoption policy risk budget team project example story insight lesson moment approach model ' +
  'hub tower tire spoke brand listening engagement feedback metric goal quarter growth channel message voice ' +
  'really quite clearly perhaps often rarely always never simply mostly nearly already still again ' +
  'builds shapes changes supports questions explains argues suggests reminds shows expects measures learns ' +
  'is was has had makes takes gives finds keeps brings asks tells needs wants seems becomes remains ' +
  'and or but so because while when where although unless since after before during between across through'
).split(' ')
const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Irene', 'Jonas', 'Kara', 'Luis', 'Mia', 'Nils', 'Olga', 'Pavel', 'Rosa', 'Sam', 'Tara', 'Udo', 'Vera', 'Wim', 'Xenia', 'Yusuf', 'Zoe']
const LAST = ['Abbott', 'Berger', 'Castillo', 'Dand', 'Etlinger', 'Fischer', 'Garcia', 'Hoffmann', 'Ivanova', 'Jensen', 'Kim', 'Leggio', 'Moreau', 'Nauheimer', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Urban', 'Valenzuela', 'Weber', 'Young', 'Zhang']
const BLOG_A = ['Brass', 'Change', 'Digital', 'Open', 'Quiet', 'Social', 'Curious', 'Plain', 'Northern', 'Second']
const BLOG_B = ['Tacks', 'Facilitation', 'Mashup', 'Notebook', 'Signals', 'Capital', 'Margins', 'Ledger', 'Field Notes', 'Thoughts']

export function personName(random: Random): string {
  return `${pick(random, FIRST)} ${pick(random, LAST)}`
}

export function blogName(index: number): string {
  return `${BLOG_A[index % BLOG_A.length]} ${BLOG_B[Math.floor(index / BLOG_A.length) % BLOG_B.length]}${index >= 100 ? ` ${Math.floor(index / 100) + 1}` : ''}`
}

export function sentence(random: Random, low = 8, high = 22): string {
  const count = between(random, low, high)
  const words: string[] = []
  for (let i = 0; i < count; i++) words.push(pick(random, WORDS))
  const text = words.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + (random() < 0.1 ? '?' : '.')
}

export function paragraph(random: Random, sentences = between(random, 3, 7)): string {
  const parts: string[] = []
  for (let i = 0; i < sentences; i++) parts.push(sentence(random))
  return parts.join(' ')
}

export function slugOf(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60)
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
