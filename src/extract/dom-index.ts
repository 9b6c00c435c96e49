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
  /** Document position, for comparing two elements only: positions are increasing, not consecutive. */
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
  const push = (map: Map<string, Element[]>, key: string, el: Element) => {
    const list = map.get(key)
    if (list) list.push(el)
    else map.set(key, [el])
  }
  const stack: AnyNode[] = [...($.root()[0]?.children ?? [])].reverse()
  // A document parsed elsewhere (a caller's own cheerio.load) has no start indices: number its elements here.
  const numbered = hasStartIndices(stack) ? null : new Map<Element, number>()
  while (stack.length) {
    const node = stack.pop()!
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue
    const el = node as Element
    numbered?.set(el, numbered.size)
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
  const orderOf = numbered ? (el: Element) => numbered.get(el) ?? -1 : startOrder
  const sortByOrder = (list: Element[]): Element[] => list.sort((a, b) => orderOf(a) - orderOf(b))
  /** Elements that could match one compound selector (by its rarest key), or undefined when it has no key. */
  const poolOf = (keys: readonly SelectorKey[]): Element[] | undefined => {
    let pool: Element[] | undefined
    for (const key of keys) {
      const list = (key.kind === 'attr' ? byAttr : key.kind === 'class' ? byClass : key.kind === 'id' ? byId : byTag).get(key.name) ?? []
      if (!pool || list.length < pool.length) pool = list
    }
    return pool
  }
  const selectOne = (selector: string): Element[] => {
    const plan = planOf(selector)
    // [class*="byline"]: look through the distinct class names, not through every element.
    if (plan.partialClass !== null) {
      const found = new Set<Element>()
      for (const [name, list] of byClass) if (name.includes(plan.partialClass)) for (const el of list) found.add(el)
      return sortByOrder([...found])
    }
    // ".hentry .author .fn", "h1.title": plain JS on the candidates, no css-select compile per page.
    if (plan.chain && plan.tailKeys.length) {
      const pool = poolOf(plan.tailKeys) ?? []
      return plan.chain.length === 1 && plan.simple ? pool : pool.filter((el) => matchesChain(el, plan.chain!))
    }
    const { compounds } = plan
    // "#header h1 a": when the ancestor is rarer than the target, search below the ancestors instead.
    if (plan.descendants) {
      const head = poolOf(plan.headKeys)
      const tail = poolOf(plan.tailKeys)
      if (head && (!tail || head.length * 4 < tail.length)) {
        if (!head.length) return []
        const found = new Set<Element>()
        const anchors = $(head).filter(compounds[0]!)
        for (const el of anchors.find(plan.rest).toArray() as Element[]) found.add(el)
        return sortByOrder([...found])
      }
    }
    const pool = poolOf(plan.tailKeys)
    if (pool && pool.length === 0) return []
    if (!pool) return $(plan.trimmed).toArray() as Element[]
    if (plan.test) return pool.filter(plan.test)
    return $(pool).filter(plan.trimmed).toArray() as Element[]
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
    order: orderOf,
  }
}

interface SelectorKey {
  kind: 'tag' | 'class' | 'id' | 'attr'
  name: string
}

/** What selectOne needs to know about one selector, worked out once per process, not per page. */
interface SelectorPlan {
  trimmed: string
  /** The NAME of `[class*="NAME"]`, else null. */
  partialClass: string | null
  compounds: string[]
  /** Two or more compounds joined only by descendant combinators. */
  descendants: boolean
  /** Compounds after the first, for a search below the first's matches. */
  rest: string
  headKeys: SelectorKey[]
  tailKeys: SelectorKey[]
  /** A bare tag, class or id: the pool is the answer. */
  simple: boolean
  /** Compounds of tag, classes and id joined by descendant combinators only, else null. */
  chain: SimpleCompound[] | null
  test: ((el: Element) => boolean) | null
}

const plans = new Map<string, SelectorPlan>()

function planOf(selector: string): SelectorPlan {
  let plan = plans.get(selector)
  if (plan) return plan
  const trimmed = selector.trim()
  const partial = /^\[class\*=["']?([^"'\]]+)["']?\]$/.exec(trimmed)
  const compounds = trimmed.split(/\s*[\s>+~]\s*(?![^[]*\])/)
  plan = {
    trimmed,
    partialClass: partial ? partial[1]! : null,
    compounds,
    descendants: compounds.length >= 2 && !/[>+~]/.test(trimmed.replace(/\[[^\]]*\]/g, '')),
    rest: compounds.slice(1).join(' '),
    headKeys: keysOf(compounds[0]!),
    tailKeys: keysOf(compounds[compounds.length - 1] ?? trimmed),
    simple: /^(?:[a-z][\w-]*|[.#][\w-]+)$/i.test(trimmed),
    test: attributeTest(trimmed),
    chain: simpleChain(trimmed),
  }
  // Rules pass constant selectors; the bound only matters if one is ever built from page text.
  if (plans.size >= 5000) plans.clear()
  plans.set(selector, plan)
  return plan
}

interface SimpleCompound {
  tag: string | null
  id: string | null
  classes: string[]
}

const SIMPLE_COMPOUND = /^([a-z][\w-]*)?((?:[.#][\w-]+)*)$/i

function simpleChain(selector: string): SimpleCompound[] | null {
  const chain: SimpleCompound[] = []
  for (const part of selector.split(/\s+/)) {
    const m = SIMPLE_COMPOUND.exec(part)
    if (!m || !part) return null
    const compound: SimpleCompound = { tag: m[1]?.toLowerCase() ?? null, id: null, classes: [] }
    for (const [, sigil, name] of m[2]!.matchAll(/([.#])([\w-]+)/g)) {
      if (sigil === '.') compound.classes.push(name!)
      else if (compound.id === null) compound.id = name!
      else if (compound.id !== name) return null
    }
    chain.push(compound)
  }
  return chain.length ? chain : null
}

function matchesCompound(el: Element, compound: SimpleCompound): boolean {
  if (compound.tag !== null && el.name !== compound.tag) return false
  if (compound.id !== null && el.attribs.id !== compound.id) return false
  if (!compound.classes.length) return true
  const classes = el.attribs.class
  if (!classes) return false
  const own = classes.split(/\s+/)
  return compound.classes.every((name) => own.includes(name))
}

/**
 * The element matches the chain's last compound, and its ancestors the others in order.
 * Matching each compound at the nearest ancestor that fits is exact for descendant
 * combinators: a farther match never leaves more room for the compounds before it.
 */
function matchesChain(el: Element, chain: readonly SimpleCompound[]): boolean {
  if (!matchesCompound(el, chain[chain.length - 1]!)) return false
  let want = chain.length - 2
  for (let at = el.parent; at && want >= 0; at = at.parent) {
    if ((at.type === 'tag' || at.type === 'script' || at.type === 'style') && matchesCompound(at as Element, chain[want]!)) want--
  }
  return want < 0
}

/** The index keys of one compound selector; none means only a full css-select can answer it. */
function keysOf(compound: string): SelectorKey[] {
  const keys: SelectorKey[] = []
  // Pseudo-class arguments (`:not(.byline)`) and quoted values (`[href$=".pdf"]`) are not keys.
  const bare = compound.replace(/\([^)]*\)/g, '').replace(/"[^"]*"|'[^']*'/g, '""')
  for (const m of bare.matchAll(KEY)) {
    const [, sigil, name, attr] = m
    if (attr) {
      if (INDEXED_ATTRIBUTES.has(attr.toLowerCase())) keys.push({ kind: 'attr', name: attr.toLowerCase() })
    } else if (sigil === '.') keys.push({ kind: 'class', name: name! })
    else if (sigil === '#') keys.push({ kind: 'id', name: name! })
    else if (m.index === 0) keys.push({ kind: 'tag', name: name!.toLowerCase() })
  }
  return keys
}

/**
 * Document order without a map: loadHtml asks the parser for each tag's offset in the
 * source, which grows in document order. Elements added after parsing have none (-1).
 */
function startOrder(el: Element): number {
  return el.startIndex ?? -1
}

function hasStartIndices(nodes: readonly AnyNode[]): boolean {
  const first = nodes.findLast((node) => node.type === 'tag' || node.type === 'script' || node.type === 'style')
  return !first || first.startIndex !== null
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

/** Plain JS for the common `tag[attr op "value"][attr…]` shapes, which css-select would compile per call. */
function attributeTest(selector: string): ((el: Element) => boolean) | null {
  const tag = /^[a-z][\w-]*/i.exec(selector)?.[0].toLowerCase()
  const tests: Array<(el: Element) => boolean> = []
  // Quoted or bare values only: flags (`[a=b i]`), escapes and odd quoting go to css-select.
  const condition = /\[([\w:-]+)(?:([~*^$|]?=)(?:"([^"\\]*)"|'([^'\\]*)'|([\w:./-]+)))?\]/y
  condition.lastIndex = tag?.length ?? 0
  while (condition.lastIndex < selector.length) {
    const m = condition.exec(selector)
    if (!m) return null
    tests.push(attributeCondition(m[1]!.toLowerCase(), m[2], m[3] ?? m[4] ?? m[5] ?? ''))
  }
  if (!tests.length) return null
  return (el) => (!tag || el.name === tag) && tests.every((test) => test(el))
}

// HTML attributes whose values css-select (after the HTML spec) compares without case.
const CASELESS_VALUES = new Set([
  'accept', 'accept-charset', 'align', 'alink', 'axis', 'bgcolor', 'charset', 'checked', 'clear', 'codetype', 'color', 'compact',
  'declare', 'defer', 'dir', 'direction', 'disabled', 'enctype', 'face', 'frame', 'hreflang', 'http-equiv', 'lang', 'language',
  'link', 'media', 'method', 'multiple', 'nohref', 'noresize', 'noshade', 'nowrap', 'readonly', 'rel', 'rev', 'rules', 'scope',
  'scrolling', 'selected', 'shape', 'target', 'text', 'type', 'valign', 'valuetype', 'vlink',
])

function attributeCondition(attr: string, op: string | undefined, wanted: string): (el: Element) => boolean {
  const caseless = CASELESS_VALUES.has(attr)
  const value = caseless ? wanted.toLowerCase() : wanted
  return (el) => {
    const raw = el.attribs[attr]
    if (raw === undefined) return false
    const actual = caseless ? raw.toLowerCase() : raw
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
