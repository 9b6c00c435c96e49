import { parseHttpUrl } from '../url/normalize.js'

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Crawled text is untrusted: every field goes through this before it meets HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!)
}

/** Plain text on one line, without control characters. */
export function oneLine(text: string | null | undefined): string {
  if (!text) return ''
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim()
}

/** An href we are willing to emit: absolute http(s) only, else null. */
export function safeHref(url: string | null | undefined): string | null {
  const parsed = parseHttpUrl(url ?? null)
  return parsed ? parsed.href : null
}

/**
 * Escape text for Markdown so that it renders as the same text: no emphasis,
 * links, headings or raw HTML can form from crawled input.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    // These only mean something at the start of a line (headings, lists, quotes).
    .replace(/^([#+\-=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
}

/**
 * A URL inside Markdown's `(…)`: percent-encode what would end or break the link, and write
 * an `&` that starts something entity-like as `&amp;`, since Markdown decodes `&lt;` and its
 * kind in link targets (a query like `?a=1&b=2` stays as it is).
 */
export function markdownUrl(href: string): string {
  return href
    .replace(/[()<>\s\\]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))
    .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
}

/** The calendar day of an ISO date as the page wrote it (its own offset), e.g. 2009-04-01. */
export function displayDate(iso: string | null): string | null {
  const match = iso ? /^(\d{4}-\d{2}-\d{2})/.exec(iso) : null
  return match ? match[1]! : null
}
