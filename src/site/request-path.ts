/**
 * The path segments a request target asks for, or null when it may not be served:
 * not absolute, badly percent-encoded, or with a segment that climbs (`..`), hides
 * (`.git`), or smuggles a separator, drive or NUL once decoded. Pure.
 */
export function requestSegments(target: string): string[] | null {
  const path = target.split(/[?#]/, 1)[0] ?? ''
  if (!path.startsWith('/')) return null
  const segments: string[] = []
  for (const raw of path.split('/')) {
    if (raw === '') continue
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (segment.startsWith('.') || /[/\\:\0]/.test(segment) || /[\u0000-\u001f]/.test(segment)) return null
    segments.push(segment)
  }
  return segments
}
