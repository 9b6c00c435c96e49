/** A calendar date with an optional time and the offset the page gave. */
export interface DateParts {
  year: number
  month: number
  day: number
  hour?: number
  minute?: number
  second?: number
  /** 'Z' or '+hh:mm' / '-hh:mm', exactly as the page gave it (normalised). */
  offset?: string
}

export interface DateHints {
  /** Read 01/04/2009 as 1 April (most of the world) rather than January 4 (US). */
  dayFirst?: boolean
}

const MONTHS: Record<string, number> = {}
function addMonths(names: string) {
  names.split(' ').forEach((group, index) => {
    for (const name of group.split('|')) if (name) MONTHS[name] = index + 1
  })
}
// English, German, French, Spanish, Italian, Dutch, Portuguese; full names and common abbreviations.
addMonths('january|jan february|feb|febr march|mar april|apr may june|jun july|jul august|aug september|sep|sept october|oct november|nov december|dec')
addMonths('januar|jänner|jaenner|jän feber|februar märz|maerz|mrz|mär - mai juni juli - - oktober|okt - dezember|dez')
addMonths('janvier|janv février|fevrier|févr|fevr|fév|fev mars avril|avr mai juin juillet|juil août|aout|aoû septembre octobre novembre décembre|decembre|déc')
addMonths('enero|ene febrero marzo abril|abr mayo junio julio agosto|ago septiembre|setiembre|set octubre noviembre diciembre|dic')
addMonths('gennaio|genn|gen febbraio marzo aprile maggio|mag giugno|giu luglio|lug agosto settembre|sett ottobre|ott novembre dicembre')
addMonths('januari februari maart|mrt april mei juni juli augustus september oktober november december')
addMonths('janeiro fevereiro|fev março|marco abril maio junho julho agosto setembro|set outubro|out novembro dezembro|dez')
delete MONTHS['-']

const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})`

const TIME = String.raw`(?:\s*(?:,|at|um|à|a las|a la|om|alle|às|kl\.?|-|–|\||·|@)?\s*(\d{1,2})[:h.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?:\s*(?:uhr|h)\b)?\s*(\(?(?:gmt|utc)?\s*[+-]\d{1,2}(?::?\d{2})?\)?|z\b|[a-z]{2,5}\b)?)?`
const ISO = new RegExp(String.raw`(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)`, 'i')
const YMD = new RegExp(String.raw`(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)` + TIME, 'iu')
const MDY = new RegExp(String.raw`(?<![\p{L}])${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(\d{4})(?!\d)` + TIME, 'iu')
const DMY = new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})(?:\.|er|st|nd|rd|th|º|°)?\s*(?:de\s+|-)?${MONTH}\.?(?:,\s*|\s+|-)(?:de\s+|del\s+)?(\d{4})(?!\d)` + TIME, 'iu')
const NUMERIC = new RegExp(String.raw`(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)` + TIME, 'iu')
const MONTH_YEAR_ONLY = new RegExp(String.raw`^\s*${MONTH}\s+\d{4}\s*$`, 'iu')

const ZONES: Record<string, string> = {
  z: 'Z', gmt: '+00:00', utc: '+00:00', ut: '+00:00', wet: '+00:00', bst: '+01:00', cet: '+01:00', mez: '+01:00',
  cest: '+02:00', mesz: '+02:00', eet: '+02:00', eest: '+03:00', msk: '+03:00', est: '-05:00', edt: '-04:00',
  cst: '-06:00', cdt: '-05:00', mst: '-07:00', mdt: '-06:00', pst: '-08:00', pdt: '-07:00', akst: '-09:00',
  akdt: '-08:00', hst: '-10:00', aest: '+10:00', aedt: '+11:00', jst: '+09:00', kst: '+09:00', nzst: '+12:00', nzdt: '+13:00',
}

/**
 * Find a date in `input`: ISO 8601, RFC 822, "Wednesday, April 1, 2009",
 * "1. April 2009" (and other languages), "04/01/2009 10:32 AM", epoch seconds.
 * Returns null when there is none or it is not a real calendar date.
 */
export function parseDate(input: string, hints: DateHints = {}): DateParts | null {
  if (typeof input !== 'string') return null
  const text = input.trim().slice(0, 400)
  if (!text) return null
  if (/^\d{10}(?:\d{3})?$/.test(text)) return fromEpoch(Number(text.slice(0, 10)))
  if (/^\d{8}$/.test(text)) return valid({ year: +text.slice(0, 4), month: +text.slice(4, 6), day: +text.slice(6, 8) })
  // Every form below has a four-digit year: skip the expensive patterns when there is none.
  if (!/(?:19|20)\d\d|2100/.test(text)) return null

  const iso = ISO.exec(text)
  if (iso) {
    const parts = valid({ year: +iso[1]!, month: +iso[2]!, day: +iso[3]!, ...time(iso[4], iso[5], iso[6], undefined, iso[7]) })
    if (parts) return parts
  }
  const found: Array<{ index: number; parts: DateParts | null }> = []
  const ymd = YMD.exec(text)
  if (ymd) found.push({ index: ymd.index, parts: valid({ year: +ymd[1]!, month: +ymd[2]!, day: +ymd[3]!, ...time(ymd[4], ymd[5], ymd[6], ymd[7], ymd[8]) }) })
  const mdy = MDY.exec(text)
  if (mdy) found.push({ index: mdy.index, parts: valid({ year: +mdy[3]!, month: monthOf(mdy[1]!), day: +mdy[2]!, ...time(mdy[4], mdy[5], mdy[6], mdy[7], mdy[8]) }) })
  const dmy = DMY.exec(text)
  if (dmy) found.push({ index: dmy.index, parts: valid({ year: +dmy[3]!, month: monthOf(dmy[2]!), day: +dmy[1]!, ...time(dmy[4], dmy[5], dmy[6], dmy[7], dmy[8]) }) })
  const num = NUMERIC.exec(text)
  if (num) {
    const a = +num[1]!
    const b = +num[3]!
    const dayFirst = a > 12 ? true : b > 12 ? false : num[2] === '.' ? true : num[7] ? false : hints.dayFirst ?? false
    const [day, month] = dayFirst ? [a, b] : [b, a]
    found.push({ index: num.index, parts: valid({ year: +num[4]!, month, day, ...time(num[5], num[6], num[7], num[8], num[9]) }) })
  }
  found.sort((x, y) => x.index - y.index)
  return found.find((f) => f.parts)?.parts ?? null
}

/** True for "April 2009" alone: an archive heading, not a post date. */
export function isMonthOnly(text: string): boolean {
  return MONTH_YEAR_ONLY.test(text)
}

function monthOf(name: string): number {
  return MONTHS[name.toLowerCase()] ?? 0
}

function time(h?: string, m?: string, s?: string, meridiem?: string, zone?: string): Partial<DateParts> {
  if (h === undefined || m === undefined) return {}
  let hour = +h
  const minute = +m
  if (meridiem) {
    const pm = /^p/i.test(meridiem)
    if (hour < 1 || hour > 12) return {}
    if (pm && hour < 12) hour += 12
    if (!pm && hour === 12) hour = 0
  }
  if (hour > 23 || minute > 59) return {}
  const out: Partial<DateParts> = { hour, minute, second: s === undefined ? 0 : Math.min(59, +s) }
  const offset = zone ? parseOffset(zone) : undefined
  if (offset) out.offset = offset
  return out
}

function parseOffset(zone: string): string | undefined {
  const z = zone.replace(/[()\s]/g, '').toLowerCase()
  if (ZONES[z]) return ZONES[z]
  const m = /^(?:gmt|utc)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z)
  if (!m) return undefined
  const hours = +m[2]!
  const minutes = m[3] ? +m[3] : 0
  if (hours > 14 || minutes > 59) return undefined
  return `${m[1]}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}

function fromEpoch(seconds: number): DateParts | null {
  const date = new Date(seconds * 1000)
  if (Number.isNaN(date.getTime())) return null
  return valid({
    year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(),
    hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds(), offset: 'Z',
  })
}

function valid(parts: DateParts): DateParts | null {
  const { year, month, day } = parts
  if (!Number.isInteger(year) || year < 1970 || year > 2100) return null
  if (!(month >= 1 && month <= 12)) return null
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (!(day >= 1 && day <= days)) return null
  return parts
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS' plus the page's offset when it gave one. */
export function formatDate(parts: DateParts): string {
  const date = `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`
  if (parts.hour === undefined) return date
  return `${date}T${pad(parts.hour)}:${pad(parts.minute ?? 0)}:${pad(parts.second ?? 0)}${parts.offset ?? ''}`
}

/** Milliseconds since the epoch; a missing offset is read as UTC. */
export function toEpoch(parts: DateParts): number {
  let ms = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
  const m = parts.offset && parts.offset !== 'Z' ? /^([+-])(\d{2}):(\d{2})$/.exec(parts.offset) : null
  if (m) ms -= (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!) * 60_000
  return ms
}

/** The same calendar day (as written), for agreement between sources. */
export function sameDay(a: DateParts, b: DateParts): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day
}
