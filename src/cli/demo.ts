// `npm run demo`: serve the bundled sample blogosphere on loopback, crawl its seed, print the coverage.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '../log.js'
import { createRoundup } from '../roundup.js'
import { serveSample } from '../sample/serve.js'
import { reportError } from './output.js'

async function demo(): Promise<void> {
  const keep = process.argv.indexOf('--db')
  const dir = keep > 0 ? null : await mkdtemp(join(tmpdir(), 'roundup-demo-'))
  const dataFile = keep > 0 ? process.argv[keep + 1]! : join(dir!, 'roundup.json')
  const sample = await serveSample()
  try {
    process.stderr.write(`demo: serving the sample blogosphere on ${Object.keys(sample.origins).length} loopback hosts\n`)
    process.stderr.write(`demo: crawling ${sample.seedUrl} (politeness on: 1 request per host at a time, 1 s apart)\n`)
    // The sample lives on loopback, which the SSRF guard refuses unless told otherwise.
    // Offline: lost posts are not looked up in the real web archive.
    const roundup = createRoundup({ dataFile, allowPrivate: true, archive: false, logger: createLogger('warn') })
    const report = await roundup.crawl([sample.seedUrl])
    const markdown = await roundup.digest({ format: 'md' })
    process.stdout.write('\n' + markdown + '\n')
    const byHost = new Map<string, typeof sample.requests>()
    for (const r of sample.requests) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r])
    let maxPerHost = 0
    for (const list of byHost.values()) {
      for (const r of list) maxPerHost = Math.max(maxPerHost, list.filter((o) => o.startedAt < r.endedAt && r.startedAt < o.endedAt).length)
    }
    process.stderr.write(
      `demo: ${report.counts.stored} posts stored, ${report.counts.skipped} skipped, ${report.counts.errors} failed; ` +
        `${sample.requests.length} requests to ${byHost.size} hosts in ${(report.durationMs / 1000).toFixed(1)} s; ` +
        `max concurrent requests per host seen by the server: ${maxPerHost}\n`,
    )
    process.stderr.write(`demo: event "${report.event.id}"; store ${keep > 0 ? dataFile : 'was a temporary file (pass --db FILE to keep it)'}\n`)
  } finally {
    await sample.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  }
}

demo().catch((error: unknown) => {
  process.exitCode = reportError(error, { verbose: process.argv.includes('--verbose') })
})
