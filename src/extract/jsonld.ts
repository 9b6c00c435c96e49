import type { CheerioAPI } from 'cheerio/slim'
import type { DomIndex } from './dom-index.js'

export type JsonLdNode = Record<string, unknown>

const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'blogposting', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'reviewnewsarticle', 'backgroundnewsarticle', 'askpublicnewsarticle', 'techarticle', 'scholarlyarticle',
  'socialmediaposting', 'liveblogposting', 'discussionforumposting', 'report', 'posting', 'satiricalarticle',
  'medicalscholarlyarticle', 'advertisercontentarticle', 'creativework', 'review', 'howto', 'recipe',
])
const PAGE_TYPES = new Set(['webpage', 'itempage', 'articlepage', 'profilepage', 'aboutpage', 'collectionpage', 'videoobject', 'mediaobject'])

/** Parse every JSON-LD block; blocks that are not valid JSON even after light repair are skipped. */
export function readJsonLd($: CheerioAPI, dom: DomIndex): JsonLdNode[] {
  const roots: unknown[] = []
  $(dom.select('script')).each((_, el) => {
    const type = (el.attribs.type ?? '').toLowerCase()
    if (!type.includes('ld+json')) return
    const text = $(el).text()
    const parsed = parseLenient(text)
    if (parsed !== undefined) roots.push(parsed)
  })
  return flattenJsonLd(roots)
}

function parseLenient(text: string): unknown {
  const trimmed = text.trim().replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '').replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
  try {
    return JSON.parse(trimmed)
  } catch {
    // Common breakage: raw newlines/tabs inside strings, trailing commas, several objects back to back.
    const repaired = trimmed
      .replace(/[\u0000-\u001F]+/g, ' ')
      .replace(/,\s*([}\]])/g, '$1')
      .replace(/}\s*{/g, '},{')
    try {
      return JSON.parse(repaired.startsWith('{') && repaired.includes('},{') ? `[${repaired}]` : repaired)
    } catch {
      return undefined
    }
  }
}

/** Every object in the blocks (arrays, @graph and nested values included), in document order. */
export function flattenJsonLd(roots: unknown[]): JsonLdNode[] {
  const out: JsonLdNode[] = []
  const stack: Array<{ value: unknown; depth: number }> = roots.map((value) => ({ value, depth: 0 })).reverse()
  while (stack.length && out.length < 2000) {
    const { value, depth } = stack.pop()!
    if (depth > 12 || value === null || typeof value !== 'object') continue
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1 })
      continue
    }
    const node = value as JsonLdNode
    out.push(node)
    const children: unknown[] = []
    for (const [key, child] of Object.entries(node)) {
      if (key === '@context') continue
      if (child && typeof child === 'object') children.push(child)
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i], depth: depth + 1 })
  }
  return out
}

/** Lower-case @type names of a node. */
export function typesOf(node: JsonLdNode): string[] {
  const type = node['@type']
  const list = Array.isArray(type) ? type : [type]
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/#:]/, '').toLowerCase())
}

export function isArticle(node: JsonLdNode): boolean {
  return typesOf(node).some((t) => ARTICLE_TYPES.has(t) || t.endsWith('article') || t.endsWith('posting'))
}

/**
 * The node that describes this page: an Article-like node, preferring one whose
 * url matches the page and which has a headline; else a WebPage node.
 */
export function findMainNode(nodes: JsonLdNode[], pageUrl: string): JsonLdNode | null {
  const page = stripUrl(pageUrl)
  let best: JsonLdNode | null = null
  let bestScore = -Infinity
  nodes.forEach((node, index) => {
    const article = isArticle(node)
    const webpage = typesOf(node).some((t) => PAGE_TYPES.has(t))
    if (!article && !webpage) return
    let score = article ? 10 : 0
    if (typeof node.headline === 'string') score += 3
    if (node.datePublished) score += 2
    if (node.author) score += 2
    const urls = [node.url, node['@id'], idOf(node.mainEntityOfPage)].filter((u): u is string => typeof u === 'string')
    if (urls.some((u) => stripUrl(u) === page)) score += 4
    // Items of a list of related articles are not the page.
    if (node.position !== undefined) score -= 8
    score -= index * 0.01
    if (score > bestScore) {
      best = node
      bestScore = score
    }
  })
  return best
}

function idOf(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) return (value as JsonLdNode)['@id'] ?? (value as JsonLdNode).url
  return value
}

function stripUrl(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/^https?:\/\/(www\.)?/i, '').replace(/\/+$/, '').toLowerCase()
}

/** Follow an {"@id": …} reference to the full node when the graph has it. */
export function resolveRef(value: unknown, nodes: JsonLdNode[]): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  const node = value as JsonLdNode
  const id = node['@id']
  if (typeof id !== 'string' || Object.keys(node).some((k) => k !== '@id' && k !== '@type')) return value
  return nodes.find((n) => n !== node && n['@id'] === id && Object.keys(n).length > 1) ?? value
}

/** Names held by a value that may be a string, a node with a name, or an array of either. */
export function namesOf(value: unknown, nodes: JsonLdNode[], depth = 0): Array<{ name: string; type: string[] }> {
  if (depth > 3 || value === null || value === undefined) return []
  if (typeof value === 'string') return [{ name: value, type: [] }]
  if (Array.isArray(value)) return value.flatMap((v) => namesOf(v, nodes, depth + 1))
  if (typeof value !== 'object') return []
  const node = resolveRef(value, nodes) as JsonLdNode
  const name = node.name ?? node.alternateName ?? node.legalName
  if (typeof name === 'string') return [{ name, type: typesOf(node) }]
  if (Array.isArray(name)) return namesOf(name, nodes, depth + 1)
  if (typeof node['@value'] === 'string') return [{ name: node['@value'] as string, type: [] }]
  return []
}

/** A string property of a node ('' when absent). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.length ? textOf(value[0]) : ''
  if (value && typeof value === 'object') {
    const node = value as JsonLdNode
    return textOf(node['@value'] ?? node.name ?? '')
  }
  return ''
}
