import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { readBody } from '../../src/fetch/body.js'

/** A body of `chunks` chunks of `size` bytes each, that records whether it was torn down before its end. */
function body(chunks: number, size: number, delayMs = 0) {
  let sent = 0
  const stream = new Readable({
    read() {
      if (sent === chunks) return void this.push(null)
      sent++
      const chunk = Buffer.alloc(size, 0x61 + (sent % 26))
      if (delayMs) setTimeout(() => this.push(chunk), delayMs)
      else this.push(chunk)
    },
  })
  return { stream, sent: () => sent }
}

test('readBody: an uncompressed body is read whole, in order', async () => {
  const { stream } = body(5, 1000)
  const { bytes, truncated } = await readBody(stream, [], 'http://127.0.0.1/x', { maxBytes: 10_000, overflow: 'error' })
  assert.equal(bytes.length, 5000)
  assert.equal(truncated, false)
  assert.equal(bytes[0], 0x62)
  assert.equal(bytes[4999], 0x66)
})

test('readBody: truncate keeps exactly the cap and stops reading the rest', async () => {
  const { stream, sent } = body(1000, 1000)
  const { bytes, truncated } = await readBody(stream, [], 'http://127.0.0.1/robots.txt', { maxBytes: 2500, overflow: 'truncate' })
  assert.equal(bytes.length, 2500)
  assert.equal(truncated, true)
  assert.ok(stream.destroyed, 'the source is torn down')
  assert.ok(sent() < 100, `read ${sent()} of 1000 chunks`)
})

test('readBody: past the cap with overflow "error" fails with FETCH_TOO_LARGE and stops reading', async () => {
  const { stream, sent } = body(1000, 1000)
  await assert.rejects(readBody(stream, [], 'http://127.0.0.1/big', { maxBytes: 2500, overflow: 'error' }), { code: 'FETCH_TOO_LARGE' })
  assert.ok(stream.destroyed)
  assert.ok(sent() < 100)
})

test('readBody: an abort mid-body rejects and tears the source down', async () => {
  const { stream, sent } = body(1000, 10, 5)
  const controller = new AbortController()
  setTimeout(() => controller.abort(new Error('total deadline')), 30)
  await assert.rejects(readBody(stream, [], 'http://127.0.0.1/slow', { maxBytes: 1e6, overflow: 'error', signal: controller.signal }), /total deadline/)
  assert.ok(stream.destroyed)
  assert.ok(sent() < 1000)
})

test('readBody: an already-aborted signal rejects before reading', async () => {
  const { stream, sent } = body(3, 10)
  await assert.rejects(readBody(stream, [], 'http://127.0.0.1/x', { maxBytes: 100, overflow: 'error', signal: AbortSignal.abort(new Error('gone')) }), /gone/)
  assert.equal(sent(), 0)
  assert.ok(stream.destroyed, 'the source is torn down, as the pipeline path does')
})

test('readBody: the cap counts decoded bytes of a compressed body', async () => {
  const packed = gzipSync(Buffer.alloc(1_000_000, 0x61))
  await assert.rejects(readBody(Readable.from([packed]), ['gzip'], 'http://127.0.0.1/bomb', { maxBytes: 10_000, overflow: 'error' }), { code: 'FETCH_TOO_LARGE' })
  const { bytes } = await readBody(Readable.from([packed]), ['gzip'], 'http://127.0.0.1/ok', { maxBytes: 2_000_000, overflow: 'error' })
  assert.equal(bytes.length, 1_000_000)
})
