import { renderAtom } from './atom.js'
import { renderBibtex } from './bibtex.js'
import { renderCsl } from './csl.js'
import { renderHtml } from './html.js'
import { renderJson } from './json.js'
import { renderMarkdown } from './markdown.js'
import { renderOpml } from './opml.js'
import { renderRis } from './ris.js'
import type { Digest, DigestFormat, RenderOptions } from './types.js'

type Renderer = (digest: Digest, options?: RenderOptions) => string

/** One renderer per format: a new format is one file and one line here. */
export const RENDERERS = {
  json: renderJson,
  md: renderMarkdown,
  html: renderHtml,
  bibtex: renderBibtex,
  ris: renderRis,
  csl: renderCsl,
  opml: renderOpml,
  atom: renderAtom,
} satisfies Record<DigestFormat, Renderer>

export const FORMATS = Object.keys(RENDERERS) as DigestFormat[]

export function isDigestFormat(value: string): value is DigestFormat {
  return Object.hasOwn(RENDERERS, value)
}

export function renderDigest(digest: Digest, format: DigestFormat, options: RenderOptions = {}): string {
  return RENDERERS[format](digest, options)
}

export { buildDigest } from './build.js'
export type { Digest, DigestEvent, DigestPost, DigestFormat, RenderOptions } from './types.js'
