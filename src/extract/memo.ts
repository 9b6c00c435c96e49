/**
 * A per-process memo for string keys (class tokens, titles) that repeat across pages.
 *
 * Keys come from the parser as slices of the page's HTML, and V8 keeps a slice's whole
 * parent string alive: caching one `id="post-123"` would keep that page's 100 KB of
 * markup in memory until the cache is cleared. Keys are therefore copied out first.
 */
export function createMemo<V>(compute: (key: string) => V, maxEntries = 20_000): (key: string) => V {
  const entries = new Map<string, V>()
  return (key) => {
    let value = entries.get(key)
    if (value === undefined) {
      value = compute(key)
      if (entries.size >= maxEntries) entries.clear()
      if (typeof value === 'string') value = detach(value) as V
      entries.set(detach(key), value)
    }
    return value
  }
}

/** A copy of `text` that shares no storage with the string it was sliced from. */
export function detach(text: string): string {
  // Short slices are copied by V8 anyway; longer ones: slicing a concatenation flattens it into fresh storage.
  return text.length < 13 ? text : (' ' + text).slice(1)
}
