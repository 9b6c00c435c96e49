import { escapeHtml } from '../digest/safe.js'

/**
 * Scripts and styles only from the site's own files; no inline script can run, so even
 * markup that slipped into the page could not execute. The data block is JSON, not script.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"

/** Marks pages we wrote, so `site --out` never overwrites someone else's index.html. */
export const GENERATOR = 'roundup site'

/** A whole page around `body` (already escaped HTML); `root` is the relative path to the site's top. */
export function renderPageShell(page: { title: string; body: string; root: string; script?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${GENERATOR}">
<title>${escapeHtml(page.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${page.root}assets/site.css">
</head>
<body>
${page.body}
${page.script ? `<script src="${page.root}${page.script}"></script>\n` : ''}</body>
</html>
`
}
