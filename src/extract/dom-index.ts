import type { CheerioAPI } from 'cheerio/slim'
import type { AnyNode, Element } from 'domhandler'

/**
 * Elements by tag, class, id and attribute, built in one walk. Rules ask many
 * selectors per page; looking up the last compound here and checking the rest
 * only on those few elements is ~10x cheaper than a full css-select per query.
 */
export interface DomIndex {
  /** Elements matching a CSS selector list, in document order. */
  select(selector: string): Element[]
  /** The first match, or undefined. */
  first(selector: string): Element | undefined
  /** Document position, for ordering. */
  order(el: Element): number
}

// Attributes the rules select on; others (style, src, data-*) would only fill the index.
const INDEXED_ATTRIBUTES = new Set(['class', 'id', 'itemprop', 'itemtype', 'property', 'rel', 'datetime', 'content', 'name', 'type', 'href', 'pubdate', 'title', 'role', 'data-testid', 'data-field', 'hreflang', 'lang'])

const KEY = /([#.]?)(-?[_a-zA-Z][\w-]*)|\[([\w:-]+)/g

export function createDomIndex($: CheerioAPI): DomIndex {
  const byTag = new Map<string, Element[]>()
  const byClass = new Map<string, Element[]>()
  const byId = new Map<string, Element[]>()
  const byAttr = new Map<string, Element[]>()
  const order = new Map<Element, number>()
  const push = (map: Map<string, Element[]>, key: string, el: Element) => {
    const list = map.get(key)
    if (list) list.push(el)
    else map.set(key, [el])
  }
  const stack: AnyNode[] = [...($.root()[0]?.children ?? [])].reverse()
  let n = 0
  while (stack.length) {
    const node = stack.pop()!
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue
    const el = node as Element
    order.set(el, n++)
    push(byTag, el.name, el)
    const attribs = el.attribs
    for (const name in attribs) {
      if (INDEXED_ATTRIBUTES.has(name)) push(byAttr, name, el)
      if (name === 'class') {
        for (const c of attribs[name]!.split(/\s+/)) if (c) push(byClass, c, el)
      } else if (name === 'id' && attribs[name]) push(byId, attribs[name]!, el)
    }
    const children = el.children
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
  }

  const cache = new Map<string, Element[]>()
  const sortByOrder = (list: Element[]): Element[] => list.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
  /** Elements that could match one compound selector (by its rarest key), or undefined when it has no key. */
  const poolOf = (compound: string): Element[] | undefined => {
    let pool: Element[] | undefined
    for (const m of compound.matchAll(KEY)) {
      const [, sigil, name, attr] = m
      let list: Element[] | undefined
      if (attr) list = INDEXED_ATTRIBUTES.has(attr.toLowerCase()) ? byAttr.get(attr.toLowerCase()) ?? [] : undefined
      else if (sigil === '.') list = byClass.get(name!) ?? []
      else if (sigil === '#') list = byId.get(name!) ?? []
      else if (m.index === 0) list = byTag.get(name!.toLowerCase()) ?? []
      if (list && (!pool || list.length < pool.length)) pool = list
    }
    return pool
  }
  const selectOne = (selector: string): Element[] => {
    const trimmed = selector.trim()
    // [class*="byline"]: look through the distinct class names, not through every element.
    const partial = /^\[class\*=["']?([^"'\]]+)["']?\]$/.exec(trimmed)
    if (partial) {
      const found = new Set<Element>()
      for (const [name, list] of byClass) if (name.includes(partial[1]!)) for (const el of list) found.add(el)
      return sortByOrder([...found])
    }
    const compounds = trimmed.split(/\s*[\s>+~]\s*(?![^[]*\])/)
    // "#header h1 a": when the ancestor is rarer than the target, search below the ancestors instead.
    if (compounds.length >= 2 && !/[>+~]/.test(trimmed.replace(/\[[^\]]*\]/g, ''))) {
      const head = poolOf(compounds[0]!)
      const tail = poolOf(compounds[compounds.length - 1]!)
      if (head && (!tail || head.length * 4 < tail.length)) {
        if (!head.length) return []
        const rest = compounds.slice(1).join(' ')
        const found = new Set<Element>()
        const anchors = $(head).filter(compounds[0]!)
        for (const el of anchors.find(rest).toArray() as Element[]) found.add(el)
        return sortByOrder([...found])
      }
    }
    const pool = poolOf(compounds[compounds.length - 1] ?? trimmed)
    if (pool && pool.length === 0) return []
    if (!pool) return $(trimmed).toArray() as Element[]
    const simple = /^(?:[a-z][\w-]*|[.#][\w-]+)$/i.test(trimmed)
    if (simple) return pool
    const test = attributeTest(trimmed)
    if (test) return pool.filter(test)
    return $(pool).filter(trimmed).toArray() as Element[]
  }
  const select = (selector: string): Element[] => {
    const cached = cache.get(selector)
    if (cached) return cached
    const parts = splitList(selector)
    let result: Element[]
    if (parts.length === 1) result = selectOne(parts[0]!)
    else {
      const found = parts.map(selectOne).filter((list) => list.length)
      if (found.length <= 1) result = found[0] ?? []
      else result = sortByOrder([...new Set(found.flat())])
    }
    cache.set(selector, result)
    return result
  }
  return {
    select,
    first: (selector) => select(selector)[0],
    order: (el) => order.get(el) ?? -1,
  }
}

/** Split a selector list on top-level commas (not inside brackets, parentheses or quotes). */
function splitList(selector: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quote = ''
  let start = 0
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i]!
    if (quote) {
      if (ch === quote) quote = ''
    } else if (ch === '"' || ch === "'") quote = ch
    else if (ch === '[' || ch === '(') depth++
    else if (ch === ']' || ch === ')') depth--
    else if (ch === ',' && depth === 0) {
      parts.push(selector.slice(start, i))
      start = i + 1
    }
  }
  parts.push(selector.slice(start))
  return parts.map((p) => p.trim()).filter(Boolean)
}

/** Plain JS for the common `tag[attr op "value"]` shapes, which css-select would compile per call. */
function attributeTest(selector: string): ((el: Element) => boolean) | null {
  const m = /^([a-z][\w-]*)?\[([\w:-]+)(?:([~*^$|]?=)["']?([^"'\]]*)["']?)?\]$/i.exec(selector)
  if (!m) return null
  const [, tag, name, op, value = ''] = m
  const attr = name!.toLowerCase()
  return (el) => {
    if (tag && el.name !== tag.toLowerCase()) return false
    const actual = el.attribs[attr]
    if (actual === undefined) return false
    switch (op) {
      case undefined: return true
      case '=': return actual === value
      case '~=': return actual.split(/\s+/).includes(value)
      case '*=': return actual.includes(value)
      case '^=': return actual.startsWith(value)
      case '$=': return actual.endsWith(value)
      case '|=': return actual === value || actual.startsWith(value + '-')
      default: return false
    }
  }
}
