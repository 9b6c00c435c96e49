/** The site's one stylesheet, written beside the pages (no CDN, no web fonts). */
export const SITE_CSS = `
:root {
  --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --paper: #ffffff; --wash: #f5f7fa;
  --accent: #1d4ed8; --crossref: #c2410c; --body: #64748b; --comment: #94a3b8; --gone: #b91c1c; --seed: #111827;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--wash);
}
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.45; }
a { color: var(--accent); }
header.site { background: var(--paper); border-bottom: 1px solid var(--line); padding: 1rem 1.5rem 0.75rem; }
header.site h1 { margin: 0.2rem 0; font-size: 1.45rem; }
.crumbs, .summary { margin: 0; color: var(--muted); font-size: 0.9rem; }
main { padding: 1rem 1.5rem 2rem; }
.controls { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: end; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; margin-bottom: 1rem; }
.controls label { display: flex; flex-direction: column; font-size: 0.8rem; color: var(--muted); gap: 0.2rem; }
.controls input, .controls select, .controls button { font: inherit; font-size: 0.95rem; padding: 0.3rem 0.45rem;
  border: 1px solid var(--line); border-radius: 5px; background: var(--paper); color: var(--ink); }
.controls input[type=search] { min-width: 20rem; }
.controls select { max-width: 16rem; }
.controls button { cursor: pointer; }
#count { margin: 0 0 0 auto; color: var(--muted); font-size: 0.9rem; align-self: center; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
@media (max-width: 980px) { .columns { grid-template-columns: minmax(0, 1fr); } }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
.panel h2 { font-size: 1rem; margin: 0.2rem 0 0.6rem; }
.map { position: sticky; top: 0.5rem; display: grid; gap: 1rem; }
ol.coverage { list-style: none; margin: 0; padding: 0; }
.post { border-top: 1px solid var(--line); padding: 0.65rem 0.25rem; }
.post:first-child { border-top: none; }
.post.focus { background: #eef2ff; border-radius: 6px; }
.post-title { margin: 0; font-size: 1rem; }
.post-meta { margin: 0.15rem 0; color: var(--muted); font-size: 0.85rem; }
.post-meta > * + *::before { content: " · "; color: var(--muted); }
.post-meta > .badge { margin-left: 0.5rem; }
.post-meta > .badge::before { content: none; }
.post-excerpt { margin: 0.25rem 0 0; font-size: 0.9rem; }
.post-status { margin: 0.25rem 0 0; font-size: 0.85rem; color: var(--gone); }
.badge { display: inline-block; font-size: 0.72rem; padding: 0 0.4rem; border-radius: 999px; background: var(--wash);
  border: 1px solid var(--line); color: var(--muted); }
.badge.seed { background: var(--seed); border-color: var(--seed); color: #fff; }
.empty { color: var(--muted); font-style: italic; }
svg { width: 100%; height: auto; display: block; }
.edge { fill: none; stroke-width: 1.6; }
.edge.crossref { stroke: var(--crossref); }
.edge.body { stroke: var(--body); stroke-dasharray: 6 4; }
.edge.comment { stroke: var(--comment); stroke-dasharray: 2 3; }
.arrow.crossref { fill: var(--crossref); }
.arrow.body { fill: var(--body); }
.arrow.comment { fill: var(--comment); }
.node { cursor: pointer; }
.node circle { fill: var(--accent); stroke: #fff; stroke-width: 2; }
.node.seed circle { fill: var(--seed); }
.node.lost circle { fill: #fff; stroke: var(--gone); stroke-width: 2.5; }
.node text { font-size: 12px; fill: var(--ink); }
.tick text { font-size: 11px; fill: var(--muted); }
.node.focus circle, .node.hover circle { stroke: #facc15; stroke-width: 4; }
.node:focus { outline: none; }
.node:focus-visible circle { stroke: #facc15; stroke-width: 4; }
.dim { opacity: 0.15; }
.axis { stroke: var(--line); stroke-width: 2; }
.dot { fill: var(--accent); cursor: pointer; }
.dot.seed { fill: var(--seed); }
.dot.lost { fill: #fff; stroke: var(--gone); stroke-width: 2; }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; margin: 0.4rem 0 0; font-size: 0.8rem; color: var(--muted); }
.legend span::before { content: ""; display: inline-block; width: 1.6rem; height: 0; vertical-align: middle; margin-right: 0.35rem; border-top: 2px solid; }
.legend .crossref::before { border-color: var(--crossref); }
.legend .body::before { border-color: var(--body); border-top-style: dashed; }
.legend .comment::before { border-color: var(--comment); border-top-style: dotted; }
.note { color: var(--muted); font-size: 0.85rem; margin: 0.4rem 0 0; }
ul.events { list-style: none; padding: 0; margin: 0; }
ul.events li { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; margin-bottom: 0.6rem; }
ul.events .meta { color: var(--muted); font-size: 0.85rem; margin: 0.2rem 0 0; }
`
