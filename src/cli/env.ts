/** The only place that reads the environment. */
export interface CliEnv {
  db: string | undefined
  proxy: string | undefined
  noProxy: string
  archiveEndpoint: string | undefined
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  const pick = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== '')
  return {
    db: pick('ROUNDUP_DB'),
    proxy: pick('HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'),
    noProxy: pick('NO_PROXY', 'no_proxy') ?? '',
    archiveEndpoint: pick('ROUNDUP_ARCHIVE_ENDPOINT'),
  }
}
