import type { CheerioAPI } from 'cheerio/slim'
import type { Element } from 'domhandler'
import { parseHttpUrl } from '../url/normalize.js'
import { findMainNode, readJsonLd } from './jsonld.js'
import type { JsonLdNode } from './jsonld.js'
import { readMeta } from './meta.js'
import type { MetaMap } from './meta.js'
import { findMainContent, postContainer } from './main-content.js'
import { createRegionIndex } from './regions.js'
import { createDomIndex } from './dom-index.js'
import type { DomIndex } from './dom-index.js'
import type { RegionIndex } from './regions.js'

/** Everything the field rules share, computed once per page. */
export interface PageContext {
  $: CheerioAPI
  /** The page URL as given. */
  url: string
  /** What relative links resolve against: `<base href>` or the page URL. */
  baseUrl: string
  fetchedAt: Date
  meta: MetaMap
  jsonLd: JsonLdNode[]
  /** The JSON-LD node describing this page (Article-like first), if any. */
  article: JsonLdNode | null
  /** The post body element, if found. */
  main: Element | null
  /** The post around the body (article, .hentry, .post…): where its byline, date and coverage list live. */
  post: Element | null
  regions: RegionIndex
  /** Selector lookups over a one-pass element index. */
  dom: DomIndex
  /** Lower-case language subtag hint ('en', 'de', …) for ambiguous dates. */
  lang: string | null
}

export function createContext($: CheerioAPI, url: string, fetchedAt: Date): PageContext {
  const dom = createDomIndex($)
  const baseHref = $(dom.select('base[href]')).first().attr('href')
  const base = parseHttpUrl(baseHref, url) ?? parseHttpUrl(url)
  const jsonLd = safely(() => readJsonLd($, dom), [])
  const main = safely(() => findMainContent($, dom), null)
  const lang = ($(dom.select('html')).attr('lang') ?? $(dom.select('meta[http-equiv="content-language" i]')).attr('content') ?? '').trim()
  return {
    $,
    url,
    baseUrl: base?.href ?? url,
    fetchedAt,
    meta: safely(() => readMeta($, dom), new Map()),
    jsonLd,
    article: findMainNode(jsonLd, url),
    main,
    post: postContainer(main),
    regions: createRegionIndex(main),
    dom,
    lang: lang ? lang.toLowerCase() : null,
  }
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof RangeError) throw error
    return fallback
  }
}
