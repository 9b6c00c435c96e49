// Checks that crawled text cannot act as code: in the store, in the JSON digest and in the
// rendered Markdown and HTML. Shared by the hostile suite and the renderer property tests.
import { load } from 'cheerio'
import type { Element } from 'domhandler'

/** Fragments that would be markup or script if a consumer pasted the string into a page. */
const UNSAFE_TEXT: Array<[string, RegExp]> = [
  ['tag', /<\s*\/?\s*[a-z!?][^<]*/i],
  ['event handler', /\bon[a-z]{3,}\s*=/i],
  ['javascript: URL', /javascript\s*:/i],
  ['vbscript: URL', /vbscript\s*:/i],
  ['data: document', /data\s*:\s*text\/html/i],
]

export interface Finding {
  path: string
  problem: string
  value: string
}

/** Every string anywhere in `value` (keys included) that carries markup or a script URL. */
export function findUnsafeStrings(value: unknown, path = '$', out: Finding[] = []): Finding[] {
  if (typeof value === 'string') {
    for (const [problem, pattern] of UNSAFE_TEXT) {
      if (pattern.test(value)) out.push({ path, problem, value: value.length > 200 ? `${value.slice(0, 200)}…` : value })
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findUnsafeStrings(item, `${path}[${i}]`, out))
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      findUnsafeStrings(key, `${path}{key}`, out)
      findUnsafeStrings(item, `${path}.${key}`, out)
    }
  }
  return out
}

/** Elements and attributes the HTML renderer emits; anything else came from the input. */
const HTML_TAGS = new Set(['section', 'h2', 'p', 'ul', 'li', 'a', 'span', 'cite', 'time', 'br', 'em'])
const HTML_ATTRIBUTES = new Set(['class', 'data-event', 'href', 'rel', 'datetime'])

const isHttpUrl = (href: string): boolean => {
  try {
    const url = new URL(href)
    return (url.protocol === 'http:' || url.protocol === 'https:') && href === url.href
  } catch {
    return false
  }
}

/** Problems in an HTML snippet, parsed the way a browser would (parse5). Empty when safe. */
export function checkHtml(html: string): string[] {
  const problems: string[] = []
  const $ = load(html, {}, false)
  for (const node of $('*').toArray()) {
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue
    const el = node as Element
    if (!HTML_TAGS.has(el.tagName)) problems.push(`unexpected <${el.tagName}>`)
    for (const [name, value] of Object.entries(el.attribs)) {
      if (!HTML_ATTRIBUTES.has(name)) problems.push(`unexpected attribute ${name}= on <${el.tagName}>`)
      if (name === 'href' && !isHttpUrl(value)) problems.push(`href is not an http(s) URL: ${value}`)
    }
    if (el.tagName === 'a' && el.attribs.rel !== 'nofollow ugc noopener') problems.push(`link without rel="nofollow ugc noopener": ${el.attribs.href}`)
  }
  // Comments and processing instructions are markup too.
  if (/<!|<\?/.test(html)) problems.push('comment or declaration in the output')
  return problems
}

/**
 * Problems in a Markdown section. The renderer escapes every `<` and `>` it is given, and
 * every `&` that would start an entity, so a raw one is input leaking out; each unescaped
 * `[` must open one of its own links, whose target must be an http(s) URL.
 */
export function checkMarkdown(md: string): string[] {
  const problems: string[] = []
  if (/[<>]/.test(md)) problems.push('raw < or > (an HTML tag or autolink could form)')
  for (const m of md.matchAll(/&(?!amp;|lt;|gt;)(?=#?[a-z0-9]+;)/gi)) problems.push(`raw & at ${m.index} starts an entity`)
  for (let i = 0; i < md.length; i++) {
    const ch = md[i]
    if (ch === '\\') {
      i++
      continue
    }
    if (ch === ']') problems.push(`unescaped ] at ${i}`)
    if (ch !== '[') continue
    if (md[i - 1] === '!') problems.push(`image syntax at ${i}`)
    // Our own links: [label](http…); the label has every [ ] \ escaped.
    let j = i + 1
    while (j < md.length && md[j] !== ']' && md[j] !== '\n') j += md[j] === '\\' ? 2 : 1
    if (md[j] !== ']' || md[j + 1] !== '(') {
      problems.push(`unescaped [ at ${i} that is not one of the renderer's links`)
      continue
    }
    const close = md.indexOf(')', j + 2)
    const target = close === -1 ? '' : md.slice(j + 2, close)
    if (!/^https?:\/\/[^\s()<>]+$/.test(target)) problems.push(`link target is not an http(s) URL: ${target}`)
    i = close === -1 ? md.length : close
  }
  return problems
}
