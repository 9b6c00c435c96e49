import type { SearchResult } from 'minisearch'
import type { StoreData } from '../store/schema.js'
import type { SearchIndex } from './search-index.js'
import { leadSnippet, makeSnippet, type Snippet } from './snippet.js'
import { tokenize } from './terms.js'

export interface SearchOptions {
  /** Only posts of this event. */
  eventId?: string
  /** @default 20 */
  limit?: number
}

export interface SearchHit {
  url: string
  title: string | null
  authors: string[]
  siteName: string | null
  published: string | null
  /** Events that hold the post. */
  events: string[]
  score: number
  /** The indexed words that matched (after prefix and fuzzy expansion). */
  terms: string[]
  /** Fields that matched: title, authors, site, excerpt, text. */
  fields: string[]
  /** Where the snippet comes from. */
  snippetField: 'text' | 'excerpt' | 'title' | null
  snippet: Snippet | null
}

export interface SearchOutcome {
  /** `all` when every query word matched; `any` when none did and the search fell back to any word. */
  match: 'all' | 'any'
  total: number
  hits: SearchHit[]
}

const BOOST = { title: 3, authors: 2, site: 1.5, excerpt: 1.5, text: 1 }

/**
 * BM25 ranking (minisearch's BM25+), with prefix matching for words of three
 * letters or more and typo tolerance for words of five or more. All words
 * must match; when no post has them all, any word will do. Only posts that
 * belong to an event (the given one, if any) are returned. Pure over the index and snapshot.
 */
export function searchIndex(state: SearchIndex, data: StoreData, query: string, options: SearchOptions = {}): SearchOutcome {
  const membership = new Map<string, string[]>()
  for (const event of Object.values(data.events)) {
    for (const member of event.posts) membership.set(member.url, [...(membership.get(member.url) ?? []), event.id])
  }
  const wanted = (url: string) => {
    const events = membership.get(url)
    return events !== undefined && (options.eventId === undefined || events.includes(options.eventId))
  }
  const words = queryWords(query)
  const run = (combineWith: 'AND' | 'OR') =>
    state.index.search(words, {
      boost: BOOST,
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith,
      filter: (result) => wanted(result.id as string),
    })
  let match: SearchOutcome['match'] = 'all'
  let results = run('AND')
  if (results.length === 0) {
    match = 'any'
    results = run('OR')
  }
  const limit = options.limit ?? 20
  return { match, total: results.length, hits: results.slice(0, limit).map((r) => toHit(r, data, membership)) }
}

/** Two-letter words ("in" of "buy-in") would match nearly every post; they count only when the query has nothing longer. */
function queryWords(query: string): string {
  const words = tokenize(query).filter(Boolean)
  const long = words.filter((w) => w.length >= 3)
  return (long.length ? long : words).join(' ')
}

function toHit(result: SearchResult, data: StoreData, membership: Map<string, string[]>): SearchHit {
  const url = result.id as string
  const post = data.posts[url]
  const terms = new Set(result.terms)
  const fields = [...new Set(Object.values(result.match).flat())]
  let snippet: Snippet | null = null
  let snippetField: SearchHit['snippetField'] = null
  for (const field of ['text', 'excerpt', 'title'] as const) {
    const source = post?.[field]
    snippet = source ? makeSnippet(source, terms) : null
    if (snippet) {
      snippetField = field
      break
    }
  }
  // Matched on the author or blog name only: show the excerpt's start, unmarked.
  if (!snippet && post?.excerpt) {
    snippet = leadSnippet(post.excerpt)
    snippetField = 'excerpt'
  }
  return {
    url,
    title: post?.title ?? null,
    authors: post?.authors ?? [],
    siteName: post?.siteName ?? null,
    published: post?.published ?? null,
    events: membership.get(url) ?? [],
    score: Math.round(result.score * 1000) / 1000,
    terms: [...terms],
    fields,
    snippetField,
    snippet,
  }
}
