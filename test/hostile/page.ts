// Pages and response helpers shared by the hostile, crash and store tests.
import type { ServerResponse } from 'node:http'

export const LOREM =
  'Holger Nauheimer opened the session by asking who in the room had introduced a blog or a wiki at work, and what had changed afterwards. ' +
  'Most hands went up for the first question and almost none for the second, which set the tone for an honest hour about tools and habits. '

/** A plain blog post, optionally ending with an "Other blog posts on the same session:" list. */
export function page(options: { title: string; author?: string; date?: string; head?: string; body?: string; feed?: string; crossrefs?: string[] }): string {
  const list = options.crossrefs?.length
    ? `<p>Other blog posts on the same session:</p>\n<ul>\n${options.crossrefs.map((item) => `  <li>${item}</li>`).join('\n')}\n</ul>`
    : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${options.title}</title>
${options.author ? `<meta name="author" content="${options.author}">` : ''}
${options.feed ? `<link rel="alternate" type="application/rss+xml" title="Posts" href="${options.feed}">` : ''}
${options.head ?? ''}
</head><body>
<div class="post hentry"><h1 class="entry-title">${options.title}</h1>
${options.date ? `<p class="byline">Posted by <span class="author vcard"><span class="fn">${options.author ?? 'Anonymous'}</span></span> on <time class="published" datetime="${options.date}">${options.date}</time></p>` : ''}
<div class="entry-content">
${options.body ?? `<p>${LOREM}</p><p>${LOREM}</p>`}
${list}
</div></div>
</body></html>`
}

/** Answer with an HTML body (UTF-8 unless the headers say otherwise). */
export const html = (res: ServerResponse, body: string | Buffer, status = 200, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers })
  res.end(body)
}

/** Write `total` bytes of `chunk` with backpressure, stopping as soon as the client goes away. */
export function stream(res: ServerResponse, total: number, chunk: Buffer, count: (n: number) => void, head = '', tail = ''): void {
  let sent = 0
  let closed = false
  res.once('close', () => (closed = true))
  if (head) res.write(head)
  const pump = () => {
    while (!closed && sent < total) {
      const ok = res.write(chunk)
      sent += chunk.length
      count(chunk.length)
      if (!ok) return void res.once('drain', pump)
    }
    if (!closed) res.end(tail)
  }
  pump()
}
