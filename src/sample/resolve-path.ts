/**
 * The files that may answer a request path, in order, relative to a host folder.
 * `/a/b.html` → `a/b.html`; a directory or an extensionless path → its `index.html`,
 * then `index.xml` (so `/feeds/posts/default` finds `feeds/posts/default/index.xml`).
 * Returns [] for anything that could leave the folder or reach a hidden file
 * (`..`, `_routes.json`, dotfiles, backslashes, NUL, bad percent-encoding).
 */
export function resolveSamplePath(pathname: string): string[] {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return []
  }
  if (!decoded.startsWith('/') || /[\\\u0000]/.test(decoded)) return []
  const segments = decoded.split('/').slice(1)
  const directory = segments[segments.length - 1] === ''
  if (directory) segments.pop()
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('.') || segment.startsWith('_')) return []
  }
  const base = segments.join('/')
  const inside = (name: string) => (base ? `${base}/${name}` : name)
  const indexes = [inside('index.html'), inside('index.xml')]
  if (directory || !base) return indexes
  const last = segments[segments.length - 1]!
  return last.includes('.') ? [base, ...indexes] : indexes
}
