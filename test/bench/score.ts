// The corpus scoring rules (/work/shared/corpus/README.md, "How it is scored") as pure
// functions, so the bench and its unit tests agree on one definition.

const QUOTES_SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u0060\u00B4]/g
const QUOTES_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u300C\u300D]/g
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g
const EDGE_PUNCTUATION = /^[\p{P}\s]+|[\p{P}\s]+$/gu

/**
 * Normalise a title or site name for exact comparison: NFKC, lower case,
 * typographic quotes and dashes unified, white space collapsed, punctuation
 * stripped at the two ends only.
 */
export function normalizeText(value: string | null | undefined): string {
  if (typeof value !== 'string') return ''
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(QUOTES_SINGLE, "'")
    .replace(QUOTES_DOUBLE, '"')
    .replace(DASHES, '-')
    .replace(/\s+/gu, ' ')
    .replace(EDGE_PUNCTUATION, '')
}

/** Title / siteName rule: equal after normalizeText, and a missing prediction never matches. */
export function matchText(expected: string, predicted: string | null | undefined): boolean {
  const want = normalizeText(expected)
  return want !== '' && normalizeText(predicted) === want
}

// "and" in the languages of the corpus; whole words only, so "Alexander" survives.
const NAME_SEPARATORS = /\s*(?:[,;&/|\u3001\u00B7]|\s(?:and|und|et|y|e)\s)\s*/giu

/**
 * Split a byline into a set of normalised names: split on , ; & / and "and"
 * (and its equivalents), a leading "By" dropped, punctuation ignored.
 */
export function normalizeAuthors(value: string | readonly string[] | null | undefined): Set<string> {
  const names = new Set<string>()
  if (value === null || value === undefined) return names
  const joined = typeof value === 'string' ? value : value.join(', ')
  const text = joined.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ')
  for (const part of ` ${text} `.split(NAME_SEPARATORS)) {
    const name = part
      .replace(/[\p{P}\p{S}]+/gu, ' ')
      .replace(/\s+/gu, ' ')
      .trim()
      .replace(/^by\s+/u, '')
      .trim()
    if (name && name !== 'by') names.add(name)
  }
  return names
}

/** Author rule: the two sets of names are equal and not empty. */
export function matchAuthors(expected: string, predicted: string | readonly string[] | null | undefined): boolean {
  const want = normalizeAuthors(expected)
  const got = normalizeAuthors(predicted)
  if (want.size === 0 || want.size !== got.size) return false
  for (const name of want) if (!got.has(name)) return false
  return true
}

export interface ParsedDay {
  /** Calendar day as written, in the page's own time zone: YYYY-MM-DD. */
  local: string
  /** Calendar day in UTC, only when the value carries both a time and an offset. */
  utc: string | null
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

function dayOf(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'))
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * Read a date value into the calendar day it names. ISO 8601 is read as
 * written; anything else goes through Date.parse, and an explicit numeric
 * offset or GMT/UTC in it decides the local day. Unreadable input gives null.
 */
export function parseDay(value: string | null | undefined): ParsedDay | null {
  if (typeof value !== 'string') return null
  const text = value.trim()
  const iso = ISO_DATE.exec(text)
  if (iso) {
    const [, y, m, d, hh, mm, ss, zone] = iso
    const year = Number(y)
    const month = Number(m)
    const day = Number(d)
    if (!isCalendarDay(year, month, day)) return null
    const local = `${y}-${m}-${d}`
    if (hh === undefined || zone === undefined) return { local, utc: null }
    const ms = Date.UTC(year, month - 1, day, Number(hh), Number(mm), Number(ss ?? 0)) - offsetMinutes(zone) * 60_000
    return { local, utc: dayOf(new Date(ms)) }
  }
  const ms = Date.parse(text)
  if (Number.isNaN(ms)) return null
  const numeric = /(?:^|[\s\d])([+-]\d{2}:?\d{2})\s*(?:\([^)]*\))?$/.exec(text)
  const named = /\b(?:GMT|UTC|Z)\s*$/i.test(text)
  if (!numeric && !named) {
    // No zone given: Date.parse read it as local time, so the local getters give it back as written.
    const date = new Date(ms)
    return { local: `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, utc: null }
  }
  const offset = numeric?.[1] ? offsetMinutes(numeric[1]) : 0
  const hasTime = /\d:\d{2}/.test(text)
  return { local: dayOf(new Date(ms + offset * 60_000)), utc: hasTime ? dayOf(new Date(ms)) : null }
}

/**
 * Published rule: the same calendar day as written in the page's own time
 * zone, or, when both sides carry a time and an offset, the same UTC day.
 */
export function matchPublished(expected: string, predicted: string | null | undefined): boolean {
  const want = parseDay(expected)
  const got = parseDay(predicted)
  if (!want || !got) return false
  if (want.local === got.local) return true
  return want.utc !== null && got.utc !== null && want.utc === got.utc
}

// Han and kana are written without spaces, so each character counts as a token.
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}]+/gu

/** Tokens for excerpt F1: NFKC, lower case, runs of letters/digits (CJK per character). */
export function tokenize(value: string | null | undefined): string[] {
  if (typeof value !== 'string') return []
  return value.normalize('NFKC').toLowerCase().match(TOKEN) ?? []
}

/** Excerpt rule: token-level F1 over token multisets; 0 when either side has no tokens. */
export function tokenF1(expected: string, predicted: string | null | undefined): number {
  const want = tokenize(expected)
  const got = tokenize(predicted)
  if (want.length === 0 || got.length === 0) return 0
  const counts = new Map<string, number>()
  for (const token of want) counts.set(token, (counts.get(token) ?? 0) + 1)
  let common = 0
  for (const token of got) {
    const left = counts.get(token) ?? 0
    if (left > 0) {
      common++
      counts.set(token, left - 1)
    }
  }
  if (common === 0) return 0
  const precision = common / got.length
  const recall = common / want.length
  return (2 * precision * recall) / (precision + recall)
}

export type Field = 'title' | 'author' | 'published' | 'excerpt' | 'siteName'
export const FIELDS: readonly Field[] = ['title', 'author', 'published', 'excerpt', 'siteName']

/** What an extractor answered for one page; author is a comma-joined string. */
export type Prediction = Record<Field, string | null>

/** Ground truth as stored in expected.json; null fields are not scored. */
export type Expected = Record<Field, string | null> & { url: string | null; lang?: string | null }

/** Per-field result for one page: boolean for exact rules, F1 for the excerpt; absent when not scored. */
export type PageScore = Partial<Record<Field, number>>

/** Score one prediction against the ground truth, skipping fields whose expected value is null. */
export function scorePage(expected: Expected, predicted: Prediction | null): PageScore {
  const score: PageScore = {}
  const got = predicted ?? { title: null, author: null, published: null, excerpt: null, siteName: null }
  if (expected.title !== null) score.title = matchText(expected.title, got.title) ? 1 : 0
  if (expected.author !== null) score.author = matchAuthors(expected.author, got.author) ? 1 : 0
  if (expected.published !== null) score.published = matchPublished(expected.published, got.published) ? 1 : 0
  if (expected.excerpt !== null) score.excerpt = tokenF1(expected.excerpt, got.excerpt)
  if (expected.siteName !== null) score.siteName = matchText(expected.siteName, got.siteName) ? 1 : 0
  return score
}
