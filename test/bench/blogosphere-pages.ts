// HTML, feeds and robots.txt for the synthetic blogosphere, in three platform styles (classic Blogger,
// WordPress with hAtom, TypePad with JSON-LD). Pages carry what real posts carry: a big template, a
// body with in-text links, a cross-reference section, comments, a blogroll and an archive.
import type { Blogosphere, Host, Post } from './blogosphere.js'
import { postsOfHost } from './blogosphere.js'
import { between, createRandom, escapeHtml, paragraph, personName, sentence, type Random } from './blogosphere-text.js'

/** Origins by host index, e.g. 'http://127.0.0.2:40123'. */
export type Origins = readonly string[]

const postUrl = (world: Blogosphere, origins: Origins, global: number): string => {
  const post = world.posts[global]!
  return origins[post.host]! + post.path
}

const CSS_RULES = [
  'body{background:#fff;margin:0;color:#333;font:x-small Georgia Serif;text-align:center}',
  'a:link{color:#5588aa;text-decoration:none}a:visited{color:#999;text-decoration:none}a:hover{color:#c60;text-decoration:underline}',
  '#header-wrapper{width:660px;margin:0 auto 10px;border:1px solid #ccc}#header{margin:5px;border:1px solid #ccc;text-align:center;color:#666}',
  '#outer-wrapper{width:660px;margin:0 auto;padding:10px;text-align:left;font:normal normal 100% Georgia,Serif}',
  '#main-wrapper{width:410px;float:left;word-wrap:break-word;overflow:hidden}#sidebar-wrapper{width:220px;float:right;word-wrap:break-word;overflow:hidden}',
  'h2{margin:1.5em 0 .75em;font:normal normal 78% "Trebuchet MS",Trebuchet,Arial,Verdana,Sans-serif;line-height:1.4em;text-transform:uppercase;letter-spacing:.2em;color:#999}',
  '.post{margin:.5em 0 1.5em;border-bottom:1px dotted #ccc;padding-bottom:1.5em}.post h3{margin:.25em 0 0;padding:0 0 4px;font-size:140%;font-weight:normal;line-height:1.4em;color:#c60}',
  '.post-footer{margin:.75em 0;color:#999;text-transform:uppercase;letter-spacing:.1em;font:normal normal 78% "Trebuchet MS",Trebuchet,Arial,Verdana,Sans-serif;line-height:1.4em}',
  '#comments h4{margin:1em 0;font-weight:bold;line-height:1.4em;text-transform:uppercase;letter-spacing:.2em;color:#999}#comments-block{margin:1em 0 1.5em;line-height:1.6em}',
  '.sidebar{color:#666;line-height:1.5em}.sidebar ul{list-style:none;margin:0;padding:0}.sidebar li{margin:0;padding:0 0 .25em 15px;text-indent:-15px;line-height:1.5em}',
]

function styleBlock(random: Random, bytes: number): string {
  const rules: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const rule = CSS_RULES[i % CSS_RULES.length]!.replace(/#([a-z-]+)/, `#$1-${between(random, 1, 9)}`)
    rules.push(rule)
    size += rule.length + 1
  }
  return `<style type="text/css">\n${rules.join('\n')}\n</style>`
}

function scriptBlock(random: Random, bytes: number): string {
  const parts: string[] = []
  let size = 0
  while (size < bytes) {
    const line = `  w.__cfg.push({id:${between(random, 1e5, 9e5)},slot:"ad-${between(random, 1, 99)}",targeting:{kw:"${sentence(random, 2, 4).toLowerCase()}"}});`
    parts.push(line)
    size += line.length + 1
  }
  return `<script type="text/javascript">\n(function(w){w.__cfg=w.__cfg||[];\n${parts.join('\n')}\n})(window);\n</script>`
}

function commentsBlock(random: Random, post: Post, url: string, bytes: number): string {
  const items: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const name = personName(random)
    const id = `c${post.global}${i}${between(random, 1000, 9999)}`
    const item = `<dt class="comment-author" id="${id}"><a href="http://profiles.example/${id}" rel="nofollow">${name}</a> said...</dt>\n` +
      `<dd class="comment-body"><p>${paragraph(random, between(random, 1, 4))}</p></dd>\n` +
      `<dd class="comment-footer"><span class="comment-timestamp"><a href="${url}?showComment=${between(random, 1e9, 2e9)}#${id}" title="comment permalink">April ${between(random, 1, 28)}, 2009 at ${between(random, 1, 12)}:${between(random, 10, 59)} PM</a></span></dd>`
    items.push(item)
    size += item.length
  }
  return `<div class="comments" id="comments"><a name="comments"></a><h4>${items.length} comments:</h4>\n<dl id="comments-block">\n${items.join('\n')}\n</dl></div>`
}

function sidebar(world: Blogosphere, origins: Origins, host: Host, random: Random, bytes: number): string {
  const blogroll = world.hosts
    .filter((other) => other.index !== host.index)
    .slice(0, 12)
    .map((other) => `<li><a href="${origins[other.index]}/">${escapeHtml(other.name)}</a></li>`)
    .join('\n')
  const own = postsOfHost(world, host.index)
  const archive: string[] = []
  let size = blogroll.length
  for (let i = 0; size < bytes; i++) {
    const target = own[i % own.length]!
    const line = `<li><a href="${origins[host.index]}${target.path}">${escapeHtml(target.title.slice(0, 48))} ...</a></li>`
    archive.push(line)
    size += line.length
    if (i % own.length === own.length - 1) archive.push(`<li><a class="post-count-link" href="${origins[host.index]}/search?updated-max=${i}">Older posts</a> <span dir="ltr">(${between(random, 3, 40)})</span></li>`)
  }
  return `<div id="sidebar-wrapper"><div class="sidebar section" id="sidebar">
<div class="widget Profile" id="Profile1"><h2>About Me</h2><div class="widget-content"><a href="http://profiles.example/${host.index}" rel="author">${escapeHtml(host.author)}</a><p>${sentence(random)}</p></div></div>
<div class="widget LinkList" id="LinkList1"><h2>My Blog List</h2><div class="widget-content"><ul>\n${blogroll}\n</ul></div></div>
<div class="widget BlogArchive" id="BlogArchive1"><h2>Blog Archive</h2><div class="widget-content"><ul class="posts">\n${archive.join('\n')}\n</ul></div></div>
</div></div>`
}

function bodyParagraphs(world: Blogosphere, origins: Origins, post: Post, random: Random, bytes: number): string {
  const out: string[] = []
  let size = 0
  const mentions = [...post.mentions]
  while (size < bytes) {
    let text = escapeHtml(paragraph(random))
    const mention = mentions.shift()
    if (mention !== undefined) {
      const other = world.posts[mention]!
      text += ` As <a href="${postUrl(world, origins, mention)}">${escapeHtml(other.author)} put it</a>, ${escapeHtml(sentence(random).toLowerCase())}`
    }
    out.push(`<p>${text}</p>`)
    size += text.length + 7
  }
  return out.join('\n')
}

function entryText(world: Blogosphere, global: number): { author: string; site: string } {
  const target = world.posts[global]!
  return { author: target.author, site: world.hosts[target.host]!.name }
}

/** The cross-reference section: the one thing both crawlers follow. `.xref-block` is only for Crawlee's selector. */
function crossrefSection(world: Blogosphere, origins: Origins, post: Post, platform: Host['platform']): string {
  const entries = post.crossrefs.map((g) => ({ url: postUrl(world, origins, g), ...entryText(world, g) }))
  if (platform === 'blogger') {
    return `Other blog posts on the same session:<br /><span class="xref-block">${entries
      .map((e) => `<a href="${e.url}">${escapeHtml(e.author)}, ${escapeHtml(e.site)}</a><br />`)
      .join('')}</span>`
  }
  if (platform === 'wordpress') {
    return `<p><strong>Other write-ups of this session:</strong></p>\n<ul class="xref-block">\n${entries
      .map((e) => `<li><a href="${e.url}">${escapeHtml(e.author)}</a>, ${escapeHtml(e.site)}</li>`)
      .join('\n')}\n</ul>`
  }
  return `<p>Also blogged by:</p>\n<div class="xref-block">\n${entries
    .map((e) => `<p><a href="${e.url}">${escapeHtml(e.author)}, ${escapeHtml(e.site)}</a></p>`)
    .join('\n')}\n</div>`
}

function head(world: Blogosphere, origins: Origins, post: Post, host: Host, url: string, random: Random, styleBytes: number): string {
  const feed = origins[host.index] + host.feedPath
  const type = host.platform === 'wordpress' ? 'application/rss+xml' : 'application/atom+xml'
  const title = escapeHtml(post.title)
  const extra = host.platform === 'wordpress'
    ? `<meta property="og:type" content="article" /><meta property="og:title" content="${title}" /><meta property="og:url" content="${url}" /><meta property="og:site_name" content="${escapeHtml(host.name)}" /><meta name="description" content="${escapeHtml(sentence(random, 12, 24))}" />`
    : host.platform === 'typepad'
      ? `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'BlogPosting', headline: post.title, datePublished: post.published, author: { '@type': 'Person', name: post.author }, publisher: { '@type': 'Organization', name: host.name } })}</script>`
      : '<meta content="blogger" name="generator" />'
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>${escapeHtml(host.name)}: ${title}</title>
<link rel="canonical" href="${url}" />
<link rel="alternate" type="${type}" title="${escapeHtml(host.name)} - Feed" href="${feed}" />
${extra}
${styleBlock(random, styleBytes)}
</head>`
}

function footer(post: Post, host: Host, url: string): string {
  if (host.platform === 'blogger') {
    return `<div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">${escapeHtml(post.author)}</span></span>
<span class="post-timestamp"> at <a class="timestamp-link" href="${url}" rel="bookmark" title="permanent link"><abbr class="published" title="${post.published}">10:32 AM</abbr></a></span></div>`
  }
  if (host.platform === 'wordpress') {
    return `<footer class="entry-meta">Posted on <time class="entry-date published" datetime="${post.published}">April 2009</time> by <span class="author vcard"><a class="url fn n" href="/author/${post.host}/">${escapeHtml(post.author)}</a></span></footer>`
  }
  return `<p class="entry-footer">Posted by ${escapeHtml(post.author)} on <abbr class="published" title="${post.published}">April 2009</abbr></p>`
}

/** One post page of roughly `post.size` bytes. */
export function renderPost(world: Blogosphere, origins: Origins, global: number): string {
  const post = world.posts[global]!
  const host = world.hosts[post.host]!
  const url = postUrl(world, origins, global)
  const random = createRandom(post.global * 7919 + 17)
  // Real pages are mostly template: split the budget between the parts a reader never sees and the post.
  const budget = post.size
  const body = bodyParagraphs(world, origins, post, random, Math.round(budget * 0.15))
  const entry = host.platform === 'blogger'
    ? `<div class="post hentry"><h3 class="post-title entry-title">${escapeHtml(post.title)}</h3>\n<div class="post-body entry-content">\n${body}\n<p>${crossrefSection(world, origins, post, host.platform)}</p>\n</div>\n${footer(post, host, url)}</div>`
    : host.platform === 'wordpress'
      ? `<article class="post-${post.global} post type-post hentry"><header class="entry-header"><h1 class="entry-title">${escapeHtml(post.title)}</h1></header>\n<div class="entry-content">\n${body}\n${crossrefSection(world, origins, post, host.platform)}\n</div>\n${footer(post, host, url)}</article>`
      : `<div class="entry hentry"><h3 class="entry-header">${escapeHtml(post.title)}</h3>\n<div class="entry-content entry-body">\n${body}\n${crossrefSection(world, origins, post, host.platform)}\n</div>\n${footer(post, host, url)}</div>`
  const share = ['twitter', 'facebook', 'delicious', 'digg']
    .map((site) => `<a class="share-button" href="http://${site}.example/share?u=${encodeURIComponent(url)}" target="_blank">Share to ${site}</a>`)
    .join('\n')
  const top = head(world, origins, post, host, url, random, Math.round(budget * 0.12))
  const nav = `<div id="header-wrapper"><h1 class="title"><a href="${origins[host.index]}/">${escapeHtml(host.name)}</a></h1><p class="description">${escapeHtml(sentence(random))}</p></div>`
  const fixed = top.length + nav.length + entry.length + share.length + 600
  const rest = Math.max(0, budget - fixed)
  const comments = commentsBlock(random, post, url, rest * 0.35)
  const side = sidebar(world, origins, host, random, rest * 0.3)
  const script = scriptBlock(random, Math.max(0, rest - comments.length - side.length - 200))
  return `${top}
<body>
<div id="outer-wrapper">${nav}
<div id="content-wrapper"><div id="main-wrapper"><div class="blog-posts hfeed">
<h2 class="date-header"><span>${post.published.slice(0, 10)}</span></h2>
${entry}
<div class="post-share-buttons">${share}</div>
${comments}
</div></div>
${side}
</div>
<div id="footer-wrapper">Powered by ${host.platform}.</div></div>
${script}
</body></html>
`
}

/** The host's feed with every post: Atom for Blogger and TypePad, RSS for WordPress. */
export function renderFeed(world: Blogosphere, origins: Origins, hostIndex: number): string {
  const host = world.hosts[hostIndex]!
  const origin = origins[hostIndex]!
  const posts = postsOfHost(world, hostIndex).reverse()
  if (host.platform === 'wordpress') {
    const items = posts.map((p) => {
      const random = createRandom(p.global * 31 + 5)
      return `<item><title>${escapeHtml(p.title)}</title><link>${origin}${p.path}</link><guid isPermaLink="true">${origin}${p.path}</guid><dc:creator>${escapeHtml(p.author)}</dc:creator><pubDate>${new Date(p.published).toUTCString()}</pubDate><description>${escapeHtml(paragraph(random, 2))}</description></item>`
    })
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${escapeHtml(host.name)}</title><link>${origin}/</link><description>${escapeHtml(host.name)}</description>\n${items.join('\n')}\n</channel></rss>\n`
  }
  const entries = posts.map((p) => {
    const random = createRandom(p.global * 31 + 5)
    return `<entry><id>tag:${host.address},2009:post-${p.global}</id><published>${p.published}</published><updated>${p.published}</updated><title>${escapeHtml(p.title)}</title><summary>${escapeHtml(paragraph(random, 2))}</summary><link rel="alternate" type="text/html" href="${origin}${p.path}" /><author><name>${escapeHtml(p.author)}</name></author></entry>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:${host.address},2009:blog</id><title>${escapeHtml(host.name)}</title><updated>${posts[0]?.published ?? '2009-04-01T00:00:00+00:00'}</updated><link rel="alternate" href="${origin}/" />\n${entries.join('\n')}\n</feed>\n`
}

export function renderRobots(): string {
  return 'User-agent: *\nDisallow: /search\nDisallow: /wp-admin/\nAllow: /\n'
}

export function renderHome(world: Blogosphere, origins: Origins, hostIndex: number): string {
  const host = world.hosts[hostIndex]!
  const list = postsOfHost(world, hostIndex)
    .map((p) => `<li><a href="${origins[hostIndex]}${p.path}">${escapeHtml(p.title)}</a></li>`)
    .join('\n')
  return `<!DOCTYPE html><html><head><title>${escapeHtml(host.name)}</title></head><body><h1>${escapeHtml(host.name)}</h1><ul>${list}</ul></body></html>`
}

/** Every post's absolute URL, in global order. */
export function allPostUrls(world: Blogosphere, origins: Origins): string[] {
  return world.posts.map((post) => origins[post.host]! + post.path)
}
