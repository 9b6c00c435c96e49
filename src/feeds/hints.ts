/** Polling hints a feed document gives about itself. */
export interface DocumentHints {
  /** RSS <ttl>, else the syndication module's sy:updatePeriod / sy:updateFrequency, in minutes. */
  ttlMinutes: number | null
  /** RSS <skipHours>: hours (0-23, GMT) in which the publisher asks not to be polled. */
  skipHours: number[]
  /** RSS <skipDays>: Monday … Sunday. */
  skipDays: string[]
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const PERIOD_MINUTES: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 }

/** The channel-level part of the document: hints inside items (or comments) are not the channel's. */
function channelHead(xml: string): string {
  const head = xml.slice(0, 20_000)
  const firstItem = head.search(/<(?:item|entry)[\s>]/i)
  return firstItem >= 0 ? head.slice(0, firstItem) : head
}

function inner(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'i').exec(xml)
  return match ? match[1]!.trim() : null
}

/**
 * Read <ttl>, <skipHours>, <skipDays> and the syndication module's update period from
 * an RSS document's channel. Pure and total: anything unreadable is left out.
 */
export function readFeedHints(xml: string): DocumentHints {
  const head = channelHead(xml)
  const ttl = Number.parseInt(inner(head, 'ttl') ?? '', 10)
  let ttlMinutes = Number.isFinite(ttl) && ttl > 0 && ttl <= 525_600 ? ttl : null
  if (ttlMinutes === null) {
    const period = PERIOD_MINUTES[(inner(head, 'sy:updatePeriod') ?? '').toLowerCase()]
    const frequency = Number.parseInt(inner(head, 'sy:updateFrequency') ?? '1', 10)
    if (period) ttlMinutes = Math.round(period / (Number.isFinite(frequency) && frequency > 0 ? frequency : 1))
  }
  const hoursBlock = inner(head, 'skipHours') ?? ''
  const skipHours = [...hoursBlock.matchAll(/<hour>\s*(\d{1,2})\s*<\/hour>/gi)]
    .map((m) => Number(m[1]) % 24)
    .filter((h, i, all) => all.indexOf(h) === i)
    .sort((a, b) => a - b)
  const daysBlock = inner(head, 'skipDays') ?? ''
  const skipDays = [...daysBlock.matchAll(/<day>\s*([A-Za-z]+)\s*<\/day>/gi)]
    .map((m) => DAYS.find((d) => d.toLowerCase() === m[1]!.toLowerCase()))
    .filter((d, i, all): d is string => !!d && all.indexOf(d) === i)
  return { ttlMinutes, skipHours, skipDays }
}
