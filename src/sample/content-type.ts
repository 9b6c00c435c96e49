const BY_EXTENSION: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  rdf: 'application/rdf+xml; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'application/javascript; charset=utf-8',
  png: 'image/png',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  ico: 'image/x-icon',
}

/** Whether a body of this type is text, so host names in it get rewritten. */
export function isTextType(contentType: string): boolean {
  return /^text\/|[/+](?:xml|json|javascript)\b/.test(contentType)
}

/**
 * The Content-Type for a sample file: by extension, except `.xml`, which is told apart
 * by its root element, as feed servers label Atom and RSS differently.
 */
export function contentTypeFor(file: string, head: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase() ?? ''
  if (extension === 'xml') {
    const start = head.slice(0, 2048)
    if (/<feed[\s>]/.test(start)) return 'application/atom+xml; charset=utf-8'
    if (/<rss[\s>]/.test(start) || /<rdf:RDF[\s>]/.test(start)) return 'application/rss+xml; charset=utf-8'
    return 'application/xml; charset=utf-8'
  }
  return BY_EXTENSION[extension] ?? 'application/octet-stream'
}
