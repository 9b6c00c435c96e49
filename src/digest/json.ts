import type { Digest } from './types.js'

export function renderJson(digest: Digest): string {
  return JSON.stringify(digest, null, 2) + '\n'
}
