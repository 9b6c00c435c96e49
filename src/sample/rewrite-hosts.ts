/** Maps the sample's `.example` hosts to the loopback origins that actually serve them. */
export interface HostRewriter {
  /** Every `http(s)://<sample host>` in a body, replaced by that host's served origin. */
  text(body: string): string
  /** One URL on a sample host, moved to its served origin; any other input comes back unchanged. */
  url(url: string): string
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function createHostRewriter(origins: Record<string, string>): HostRewriter {
  const byHost = new Map(Object.entries(origins).map(([host, origin]) => [host.toLowerCase(), origin]))
  const names = [...byHost.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp)
  // The lookahead stops `zdnet.example` from matching inside `zdnet.example.org`,
  // `zdnet.examples` or `zdnet.example:8080`; a sentence dot ("see http://zdnet.example.")
  // still matches.
  const pattern = names.length
    ? new RegExp(`https?://(${names.join('|')})(?::(?:80|443))?(?![A-Za-z0-9-]|\\.[A-Za-z0-9-]|:\\d)`, 'gi')
    : null

  return {
    text(body) {
      if (!pattern) return body
      return body.replace(pattern, (_match, host: string) => byHost.get(host.toLowerCase()) ?? _match)
    },
    url(input) {
      let url: URL
      try {
        url = new URL(input)
      } catch {
        return input
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return input
      const origin = byHost.get(url.hostname)
      if (!origin || url.port) return input
      return origin + url.pathname + url.search + url.hash
    },
  }
}
