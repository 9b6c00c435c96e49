import { RoundupError } from '../errors.js'

/**
 * Refuse a feed document before any XML parser sees it: too large, or carrying a DTD
 * with entity declarations, which is where entity-expansion bombs live (no real feed needs one).
 */
export function refuseUnsafeXml(xml: string, url: string, maxChars: number): void {
  if (xml.length > maxChars) throw new RoundupError('FEED_INVALID', `feed ${url} is larger than ${maxChars} characters`, { url })
  if (/<!DOCTYPE[^>]*\[/i.test(xml.slice(0, 4096)) || /<!ENTITY/i.test(xml.slice(0, 65536))) {
    throw new RoundupError('FEED_INVALID', `feed ${url} declares entities in a DTD; refused`, { url })
  }
}
