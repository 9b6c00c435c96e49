import type { CheerioAPI } from 'cheerio/slim'
import type { DomIndex } from './dom-index.js'

/** `<meta>` contents by lower-case name, property, itemprop or http-equiv, in document order. */
export type MetaMap = Map<string, string[]>

export function readMeta($: CheerioAPI, dom: DomIndex): MetaMap {
  const map: MetaMap = new Map()
  $(dom.select('meta')).each((_, el) => {
    const content = el.attribs.content ?? el.attribs.value
    if (content === undefined || !content.trim()) return
    for (const attr of ['name', 'property', 'itemprop', 'http-equiv']) {
      const key = el.attribs[attr]
      if (!key) continue
      // property="og:title article:author" is legal RDFa: one content, several keys.
      for (const part of key.toLowerCase().split(/\s+/)) {
        if (!part) continue
        const list = map.get(part)
        if (list) list.push(content)
        else map.set(part, [content])
      }
    }
  })
  return map
}

/** The first non-empty value among `keys`, in the order of `keys`. */
export function metaValue(meta: MetaMap, ...keys: string[]): { key: string; value: string } | undefined {
  for (const key of keys) {
    const value = meta.get(key)?.find((v) => v.trim())
    if (value !== undefined) return { key, value }
  }
  return undefined
}

/** All values among `keys`, tagged with the key they came from. */
export function metaValues(meta: MetaMap, ...keys: string[]): Array<{ key: string; value: string }> {
  return keys.flatMap((key) => (meta.get(key) ?? []).map((value) => ({ key, value })))
}
