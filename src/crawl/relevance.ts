/**
 * Does a page reached through a body link look like coverage of the same
 * event? Two tests, both documented in the README:
 * 1. date: published within `maxDays` of a seed (skipped when either date is unknown);
 * 2. terms: its title and excerpt share at least `minShared` content words with
 *    the seeds' titles and excerpts, or at least `minShare` of its title's words.
 * A page with no known date must pass the terms test with twice the words.
 */
export interface RelevanceOptions {
  /** @default 7 */
  maxDays?: number
  /** @default 3 */
  minShared?: number
  /** @default 0.4 */
  minShare?: number
}

export interface EventProfile {
  dates: number[]
  terms: Set<string>
}

const STOP = new Set(
  ('a an and are as at be by for from has have how i in is it its of on or our so that the their this to was we what when which who why will with you your ' +
    'about after all also am been but can could did do does had he her his if into just like more most my no not now one only other out over she some than them then there these they ' +
    'up us very were where while would post blog posts session day part notes recap '.concat(
      'der die das und ist im den dem ein eine zu mit auf für von nicht le la les et des du un une en pour sur dans est el los las y del por para con una que',
    )).split(/\s+/),
)

export function contentWords(text: string | null | undefined): Set<string> {
  const words = new Set<string>()
  for (const raw of (text ?? '').toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP.has(raw) || /^\d+$/.test(raw)) continue
    words.add(raw.length > 4 && raw.endsWith('s') ? raw.slice(0, -1) : raw)
  }
  return words
}

export function buildProfile(seeds: Array<{ title: string | null; excerpt: string | null; published: string | null }>): EventProfile {
  const terms = new Set<string>()
  const dates: number[] = []
  for (const seed of seeds) {
    for (const word of contentWords(`${seed.title ?? ''} ${seed.excerpt ?? ''}`)) terms.add(word)
    const time = seed.published ? Date.parse(seed.published) : NaN
    if (!Number.isNaN(time)) dates.push(time)
  }
  return { dates, terms }
}

export function judgeRelevance(
  page: { title: string | null; excerpt: string | null; published: string | null },
  profile: EventProfile,
  options: RelevanceOptions = {},
): { relevant: boolean; reason: string } {
  const { maxDays = 7, minShared = 3, minShare = 0.4 } = options
  const time = page.published ? Date.parse(page.published) : NaN
  const dated = !Number.isNaN(time) && profile.dates.length > 0
  if (dated) {
    const days = Math.min(...profile.dates.map((d) => Math.abs(d - time))) / 86_400_000
    if (days > maxDays) return { relevant: false, reason: `published ${days.toFixed(0)} days from the seed (more than ${maxDays})` }
  }
  const titleWords = contentWords(page.title)
  const words = contentWords(`${page.title ?? ''} ${page.excerpt ?? ''}`)
  const shared = [...words].filter((w) => profile.terms.has(w))
  const titleShared = [...titleWords].filter((w) => profile.terms.has(w)).length
  const share = titleWords.size ? titleShared / titleWords.size : 0
  const need = dated ? minShared : minShared * 2
  if (shared.length >= need || (dated && share >= minShare && titleShared >= 2)) {
    return { relevant: true, reason: `shares ${shared.slice(0, 6).join(', ')}${dated ? ' and was published within ' + maxDays + ' days' : ''}` }
  }
  return { relevant: false, reason: `shares too few words with the event (${shared.length} of ${need} needed)` }
}

const NOT_A_POST = /\.(?:jpe?g|png|gif|webp|svg|pdf|mp3|mp4|m4a|mov|zip|gz|exe|dmg|doc|docx|ppt|pptx|xls|xlsx)$/i
const NON_POST_PATH = /\/(?:tag|tags|category|categories|label|search|archive|archives|author|feed|feeds|rss|comments?|wp-admin|wp-login\.php|login|signup|share|sharer|intent)(?:\/|\.|$)/i

/** Only links that could be a post are worth a fetch: not files, not a site's root, not tag or search pages. */
export function looksLikePost(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const path = parsed.pathname
  if (path === '/' || path === '' || NOT_A_POST.test(path) || NON_POST_PATH.test(path)) return false
  if (/(?:^|\.)(?:wikipedia|wikimedia|twitter|x|facebook|linkedin|youtube|flickr|instagram|amazon)\.[a-z]+$/i.test(parsed.hostname)) return false
  // Dated paths, .html files, long slugs or numeric ids are what blog posts look like.
  return /\/(?:19|20)\d{2}\//.test(path) || /\.s?html?$/i.test(path) || /[a-z0-9]+-[a-z0-9]+-[a-z0-9]+/i.test(path) || /\/\d{4,}(?:\/|$)/.test(path)
}
