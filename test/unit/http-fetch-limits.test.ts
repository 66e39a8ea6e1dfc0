// shared/http-fetch: byte limit (declared, absent, chunked, lying Content-Length, gzip bomb), timeout,
// network failure, status and media-type checks, the caller's codes.
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { fetchBounded } from '../../shared/http-fetch/index.ts'
import type { BoundedFetchOptions } from '../../shared/http-fetch/index.ts'
import { startRawServer, startServer } from './http-fetch-server.ts'
import type { TestServer } from './http-fetch-server.ts'

let srv: TestServer
beforeAll(async () => { srv = await startServer() })
afterAll(() => srv.close())
beforeEach(() => { srv.routes.clear(); srv.hits.clear() })

const opts = (over: Partial<BoundedFetchOptions> = {}): BoundedFetchOptions => ({
  what: 'test document',
  allowUrl: (href) => new URL(href),
  timeoutMs: 2000,
  maxBytes: 4096,
  code: 'upstream_fetch_failed',
  withCheck: true,
  ...over,
})
const rejects = (p: Promise<unknown>, code: string, check: string) =>
  expect(p).rejects.toMatchObject({ code, details: { check } })

describe('fetchBounded: body size', () => {
  it('returns a body within the limit, with status, content type and URL', async () => {
    srv.routes.set('/ok', (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}'))
    const res = await fetchBounded(`${srv.origin}/ok`, opts())
    expect(res).toMatchObject({ status: 200, contentType: 'application/json' })
    expect(res.url.href).toBe(`${srv.origin}/ok`)
    expect(res.body.toString()).toBe('{"a":1}')
  })

  it('accepts a body of exactly maxBytes', async () => {
    srv.routes.set('/exact', (_q, r) => r.end('x'.repeat(4096)))
    expect((await fetchBounded(`${srv.origin}/exact`, opts())).body.length).toBe(4096)
  })

  it('too_large: a declared Content-Length above the limit fails before the body is read', async () => {
    // Headers only, the body never comes: a rejection proves nothing was waited for.
    srv.routes.set('/declared', (_q, r) => { r.writeHead(200, { 'content-length': '5000' }); r.flushHeaders() })
    await rejects(fetchBounded(`${srv.origin}/declared`, opts()), 'upstream_fetch_failed', 'too_large')
  })

  it('too_large: a chunked body without Content-Length is counted while read', async () => {
    srv.routes.set('/chunked', (_q, r) => {
      r.writeHead(200)
      for (let i = 0; i < 64; i++) r.write('y'.repeat(1024))
      r.end()
    })
    await rejects(fetchBounded(`${srv.origin}/chunked`, opts()), 'upstream_fetch_failed', 'too_large')
  })

  it('too_large: a body delimited by connection close is counted while read', async () => {
    const raw = await startRawServer((s) => {
      s.write('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n')
      s.end(Buffer.alloc(100_000, 0x61))
    })
    try {
      await rejects(fetchBounded(`${raw.origin}/`, opts()), 'upstream_fetch_failed', 'too_large')
    } finally {
      await raw.close()
    }
  })

  it('a Content-Length that understates the body: never more than the declared bytes (all within the limit) come back', async () => {
    const raw = await startRawServer((s) => {
      s.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\nconnection: close\r\n\r\n')
      s.end(Buffer.alloc(100_000, 0x61))
    })
    try {
      const res = await fetchBounded(`${raw.origin}/`, opts()).catch((e: unknown) => e)
      if (res instanceof EidError) expect(res.code).toBe('upstream_fetch_failed')
      else expect((res as { body: Buffer }).body.length).toBeLessThanOrEqual(10)
    } finally {
      await raw.close()
    }
  })

  it('too_large: a gzip bomb is counted decompressed, not by its small Content-Length', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024))
    expect(bomb.length).toBeLessThan(4096 * 8)
    srv.routes.set('/bomb', (_q, r) => r.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb))
    await rejects(fetchBounded(`${srv.origin}/bomb`, opts({ maxBytes: 64 * 1024 })), 'upstream_fetch_failed', 'too_large')
  })

  it('a small gzip body is decoded', async () => {
    srv.routes.set('/gz', (_q, r) => r.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('hello')))
    expect((await fetchBounded(`${srv.origin}/gz`, opts())).body.toString()).toBe('hello')
  })
})

describe('fetchBounded: time and network', () => {
  it('timeout: no answer within timeoutMs', async () => {
    srv.routes.set('/hang', () => undefined)
    await rejects(fetchBounded(`${srv.origin}/hang`, opts({ timeoutMs: 200 })), 'upstream_fetch_failed', 'timeout')
  })

  it('timeout: headers come, the body trickles past timeoutMs', async () => {
    srv.routes.set('/slow', (_q, r) => { r.writeHead(200); r.write('a') })
    await rejects(fetchBounded(`${srv.origin}/slow`, opts({ timeoutMs: 200 })), 'upstream_fetch_failed', 'timeout')
  })

  it('network: nothing listens', async () => {
    const gone = await startServer()
    await gone.close()
    await rejects(fetchBounded(`${gone.origin}/x`, opts()), 'upstream_fetch_failed', 'network')
  })
})

describe('fetchBounded: status, media type, codes', () => {
  it('http_status: a status outside `statuses`', async () => {
    srv.routes.set('/500', (_q, r) => r.writeHead(500).end('boom'))
    await rejects(fetchBounded(`${srv.origin}/500`, opts({ statuses: [200] })), 'upstream_fetch_failed', 'http_status')
  })

  it('without `statuses`, any status comes back with its body', async () => {
    srv.routes.set('/400', (_q, r) => r.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"x"}'))
    const res = await fetchBounded(`${srv.origin}/400`, opts())
    expect(res.status).toBe(400)
    expect(res.body.toString()).toBe('{"error":"x"}')
  })

  it('content_type: another media type fails with contentTypeCode', async () => {
    srv.routes.set('/html', (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<p>'))
    await rejects(
      fetchBounded(`${srv.origin}/html`, opts({ contentTypes: ['application/statuslist+jwt'], code: 'status_list_unavailable', contentTypeCode: 'status_list_invalid' })),
      'status_list_invalid',
      'content_type',
    )
  })

  it('content_type: a missing Content-Type fails', async () => {
    srv.routes.set('/none', (_q, r) => r.end('x'))
    await rejects(fetchBounded(`${srv.origin}/none`, opts({ contentTypes: ['application/json'] })), 'upstream_fetch_failed', 'content_type')
  })

  it('an accepted media type matches without case or parameters', async () => {
    srv.routes.set('/json', (_q, r) => r.writeHead(200, { 'content-type': 'Application/JSON; charset=utf-8' }).end('{}'))
    const res = await fetchBounded(`${srv.origin}/json`, opts({ contentTypes: ['application/json'] }))
    expect(res.contentType).toBe('Application/JSON; charset=utf-8')
  })

  it('the caller\'s code, and details.check only with withCheck', async () => {
    srv.routes.set('/500', (_q, r) => r.writeHead(500).end())
    const err = await fetchBounded(`${srv.origin}/500`, opts({ statuses: [200], code: 'status_list_unavailable', withCheck: false })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(EidError)
    expect(err).toMatchObject({ code: 'status_list_unavailable', details: undefined })
    expect((err as EidError).message).toMatch(/^test document: /)
  })

  it('sends method, headers and body as given', async () => {
    srv.routes.set('/post', (q, r) => {
      let body = ''
      q.on('data', (c: Buffer) => { body += c.toString() })
      q.on('end', () => r.writeHead(200).end(`${q.method} ${q.headers['content-type']} ${body}`))
    })
    const res = await fetchBounded(`${srv.origin}/post`, opts({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }))
    expect(res.body.toString()).toBe('POST text/plain hi')
  })
})
