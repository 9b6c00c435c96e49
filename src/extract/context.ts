import type { CheerioAPI } from 'cheerio/slim'
import type { Element } from 'domhandler'
import { parseHttpUrl } from '../url/normalize.js'
import { findMainNode, readJsonLd } from './jsonld.js'
import type { JsonLdNode } from './jsonld.js'
import { readMeta } from './meta.js'
import type { MetaMap } from './meta.js'
import { findMainContent } from './main-content.js'
import { createRegionIndex } from './regions.js'
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
  regions: RegionIndex
  /** Lower-case language subtag hint ('en', 'de', …) for ambiguous dates. */
  lang: string | null
}

export function createContext($: CheerioAPI, url: string, fetchedAt: Date): PageContext {
  const baseHref = $(dom.select('base[href]')).first().attr('href')
  const base = parseHttpUrl(baseHref, url) ?? parseHttpUrl(url)
  const jsonLd = safely(() => readJsonLd($), [])
  const main = safely(() => findMainContent($), null)
  const lang = ($(dom.select('html')).attr('lang') ?? $(dom.select('meta[http-equiv="content-language" i]')).attr('content') ?? '').trim()
  return {
    $,
    url,
    baseUrl: base?.href ?? url,
    fetchedAt,
    meta: safely(() => readMeta($), new Map()),
    jsonLd,
    article: findMainNode(jsonLd, url),
    main,
    regions: createRegionIndex(main),
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
