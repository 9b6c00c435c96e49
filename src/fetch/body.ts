import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pipeline as pipelineCallback } from 'node:stream'
import zlib from 'node:zlib'
import { RoundupError } from '../errors.js'
import { headerForMessage } from './header-text.js'
import { shortUrl } from './short-url.js'

export interface BodyLimit {
  /** Largest decoded size. */
  maxBytes: number
  /** 'error' fails with FETCH_TOO_LARGE; 'truncate' keeps the first maxBytes (robots.txt). */
  overflow: 'error' | 'truncate'
  signal?: AbortSignal
}

export interface BodyBytes {
  bytes: Buffer
  truncated: boolean
}

const SUPPORTED = new Set(['gzip', 'x-gzip', 'deflate', 'br'])
const STOP = Symbol('stop reading')

/** The codings to undo, outermost first, or a refusal for ones we never asked for. */
export function parseContentEncoding(header: string | undefined, url: string): string[] {
  const codings = (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== 'identity')
  const unknown = codings.find((coding) => !SUPPORTED.has(coding))
  if (unknown !== undefined || codings.length > 3) {
    throw new RoundupError('FETCH_CONTENT_TYPE', `GET ${shortUrl(url)} used unsupported content-encoding ${headerForMessage(header)}`, { url })
  }
  return codings.reverse()
}

function isZlibHeader(head: Buffer): boolean {
  const cmf = head[0]!
  if ((cmf & 0x0f) !== 8) return false
  return head.length < 2 || ((cmf << 8) | head[1]!) % 31 === 0
}

/** "deflate" is zlib-wrapped per the RFC but raw in some servers; peek at the first bytes to tell. */
async function* inflateEither(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]()
  const first = await iterator.next()
  if (first.done) return
  const head = first.value
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH }
  const inflater = isZlibHeader(head) ? zlib.createInflate(options) : zlib.createInflateRaw(options)
  async function* replay(): AsyncGenerator<Buffer> {
    yield head
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  const decoded = pipelineCallback(Readable.from(replay()), inflater, () => {})
  for await (const chunk of decoded) yield chunk as Buffer
}

// Sync flush tolerates bodies cut short after the last full block, as browsers do.
function decoderFor(coding: string): NodeJS.ReadWriteStream | ((source: AsyncIterable<Buffer>) => AsyncGenerator<Buffer>) {
  switch (coding) {
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH })
    case 'deflate':
      return inflateEither
    default:
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
  }
}

/** True for errors thrown by zlib or brotli on a corrupt body. */
export function isDecodeError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^(Z_|ERR__ERROR_|ERR_BROTLI)/.test(code)
}

/**
 * Read and decompress a body, counting decoded bytes: the cap must hold after
 * decompression, or a small gzip bomb would expand without limit. Stops the
 * transfer as soon as the cap is passed.
 */
export async function readBody(source: Readable, codings: string[], url: string, limit: BodyLimit): Promise<BodyBytes> {
  const chunks: Buffer[] = []
  let total = 0
  let truncated = false
  // Kept aside because pipeline may reject with the teardown's AbortError instead of our reason.
  let stopped: unknown
  const consume = async (decoded: AsyncIterable<Buffer>) => {
    for await (const chunk of decoded) {
      const room = limit.maxBytes - total
      if (chunk.length > room) {
        if (limit.overflow === 'truncate') {
          chunks.push(chunk.subarray(0, room))
          total += room
          truncated = true
          stopped = STOP
        } else {
          stopped = new RoundupError('FETCH_TOO_LARGE', `GET ${shortUrl(url)} is larger than ${limit.maxBytes} bytes`, { url })
        }
        throw stopped
      }
      chunks.push(chunk)
      total += chunk.length
    }
  }
  const settle = (error: unknown) => {
    if (stopped === undefined) throw error
    if (stopped !== STOP) throw stopped
  }
  if (!codings.length) {
    // Most bodies are not compressed: read the stream directly. A pipeline would cost a stage
    // and an AbortController (aborted, with a DOMException, on every finish) for nothing.
    const { signal } = limit
    if (signal?.aborted) {
      source.destroy()
      signal.throwIfAborted()
    }
    const onAbort = () => source.destroy(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'))
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      // Leaving the loop early (cap reached) destroys the stream, which stops the transfer.
      await consume(source)
    } catch (error) {
      settle(error)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
    return { bytes: Buffer.concat(chunks, total), truncated }
  }
  const stages = [source, ...codings.map(decoderFor), consume]
  try {
    // The typed overloads cannot express a spread of mixed stages.
    await (pipeline as (...args: unknown[]) => Promise<void>)(...stages, limit.signal ? { signal: limit.signal } : {})
  } catch (error) {
    settle(error)
  }
  return { bytes: Buffer.concat(chunks, total), truncated }
}
