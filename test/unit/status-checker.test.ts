import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { generateSigningKey, signJwsCompact } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { Tagged, encode } from 'cborg'
import { deflateStatusBytes, encodeStatusList, packStatuses, signStatusListCwt, signStatusListToken } from '../../shared/status-list/index.ts'
import { createBoundedFetcher } from '../../shared/http-fetch/index.ts'
import { createStatusChecker } from '../../shared/status-check/index.ts'
import type { StatusCheckerOptions } from '../../shared/status-check/index.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
let key: SigningKey
let other: SigningKey
let server: Server
let origin: string
let issuer: string
let clock = 1_800_000_000
const now = () => clock
const routes = new Map<string, Handler>()
const hits = new Map<string, number>()

beforeAll(async () => {
  key = await generateSigningKey('ES256')
  other = await generateSigningKey('ES256')
  server = createServer((req, res) => {
    const path = req.url ?? ''
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const h = routes.get(path)
    if (h) h(req, res)
    else res.writeHead(404).end()
  })
  server.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  issuer = `${origin}/tenant`
})
afterAll(() => new Promise((r) => server.close(r)))
beforeEach(() => {
  routes.clear()
  hits.clear()
})

/** Statuses of list entries 0..7: 0 valid, 1 revoked, 2 suspended, 3 application specific. */
const STATUSES = [0, 1, 2, 3, 0, 0, 0, 0]
interface TokenOpts { sub?: string; ttl?: number; iat?: number; exp?: number; signer?: SigningKey; statuses?: number[] }
const token = (path: string, o: TokenOpts = {}) =>
  signStatusListToken({
    sub: o.sub ?? `${origin}${path}`, iat: o.iat ?? clock, exp: o.exp ?? clock + 3600, ttl: o.ttl ?? 300,
    list: encodeStatusList(o.statuses ?? STATUSES, 2), signer: { alg: 'ES256', privateKey: (o.signer ?? key).privateKey, kid: 'k1' },
  })
const cwtToken = (path: string, o: TokenOpts & { lst?: Uint8Array } = {}) =>
  signStatusListCwt({
    sub: o.sub ?? `${origin}${path}`, iat: o.iat ?? clock, exp: o.exp ?? clock + 3600, ttl: o.ttl ?? 300,
    list: { bits: 2, lst: o.lst ?? deflateStatusBytes(packStatuses(o.statuses ?? STATUSES, 2)) },
    signer: { alg: 'ES256', privateKey: (o.signer ?? key).privateKey, kid: 'k1' },
  })
const CWT = 'application/statuslist+cwt'
function serve(path: string, body: string | Uint8Array | (() => string), type = 'application/statuslist+jwt'): void {
  routes.set(path, (_req, res) => res.writeHead(200, { 'content-type': type }).end(typeof body === 'function' ? body() : body))
}
const checker = ({ fetchTimeoutMs = 5000, maxBytes = 2 * 1024 * 1024, ...over }: Partial<StatusCheckerOptions> & { fetchTimeoutMs?: number; maxBytes?: number } = {}) =>
  createStatusChecker({
    now,
    fetch: createBoundedFetcher({ timeoutMs: fetchTimeoutMs, maxBytes }),
    resolveIssuerKey: async (iss) => (iss === issuer ? key.publicJwk : Promise.reject(new Error('untrusted'))),
    ...over,
  })
const claim = (path: string, idx: number) => ({ status_list: { idx, uri: `${origin}${path}` } })
const rejects = (p: Promise<void>, code: string, check?: string) =>
  expect(p).rejects.toMatchObject(check ? { code, details: { check } } : { code })

describe('verifier status checker', () => {
  it('accepts VALID, rejects INVALID, SUSPENDED and an application-specific value', async () => {
    serve('/tenant/status-lists/1', await token('/tenant/status-lists/1'))
    const c = checker()
    await c.check({ issuer, status: claim('/tenant/status-lists/1', 0) })
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/1', 1) }), 'credential_revoked')
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/1', 2) }), 'credential_suspended')
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/1', 3) }), 'status_list_invalid', 'status_value')
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/1', 32) }), 'status_index_out_of_range')
    expect(hits.get('/tenant/status-lists/1')).toBe(1)
  })

  it('asks for the CWT first and the JWT second by default, and takes whichever comes', async () => {
    const jwt = await token('/tenant/status-lists/a')
    let accept: string | undefined
    routes.set('/tenant/status-lists/a', (req, res) => {
      accept = req.headers.accept
      res.writeHead(200, { 'content-type': 'application/statuslist+jwt' }).end(jwt)
    })
    await checker().check({ issuer, status: claim('/tenant/status-lists/a', 0) })
    expect(accept).toBe('application/statuslist+cwt, application/statuslist+jwt;q=0.9')
    serve('/tenant/status-lists/c', await cwtToken('/tenant/status-lists/c'), CWT)
    const c = checker()
    await c.check({ issuer, status: claim('/tenant/status-lists/c', 0) })
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/c', 1) }), 'credential_revoked')
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/c', 2) }), 'credential_suspended')
    expect(hits.get('/tenant/status-lists/c')).toBe(1)
  })

  it('formats: asks only for the configured forms, in their order, and refuses the other (content_type)', async () => {
    let accept: string | undefined
    const jwt = await token('/tenant/status-lists/j')
    routes.set('/tenant/status-lists/j', (req, res) => {
      accept = req.headers.accept
      res.writeHead(200, { 'content-type': 'application/statuslist+jwt' }).end(jwt)
    })
    await checker({ formats: ['jwt'] }).check({ issuer, status: claim('/tenant/status-lists/j', 0) })
    expect(accept).toBe('application/statuslist+jwt')
    await checker({ formats: ['jwt', 'cwt'] }).check({ issuer, status: claim('/tenant/status-lists/j', 0) })
    expect(accept).toBe('application/statuslist+jwt, application/statuslist+cwt;q=0.9')
    await rejects(checker({ formats: ['cwt'] }).check({ issuer, status: claim('/tenant/status-lists/j', 0) }), 'status_list_invalid', 'content_type')
    serve('/tenant/status-lists/c1', await cwtToken('/tenant/status-lists/c1'), CWT)
    await rejects(checker({ formats: ['jwt'] }).check({ issuer, status: claim('/tenant/status-lists/c1', 0) }), 'status_list_invalid', 'content_type')
    for (const formats of [[], ['xml'], ['cwt', 'cwt']]) {
      expect(() => checker({ formats: formats as ['cwt'] })).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    }
  })

  it('rejects a CWT that fails verification, one check each (status_list_invalid)', async () => {
    const c = checker()
    const cases: [string, Uint8Array | Promise<Uint8Array>, string, string?][] = [
      ['type', cwtToken('/tenant/status-lists/type'), 'content_type', 'application/cwt'],
      ['sig', cwtToken('/tenant/status-lists/sig', { signer: other }), 'signature'],
      ['sub', cwtToken('/tenant/status-lists/elsewhere'), 'sub'],
      ['exp', cwtToken('/tenant/status-lists/exp', { iat: clock - 1000, exp: clock - 120 }), 'exp'],
      ['zlib', cwtToken('/tenant/status-lists/zlib', { lst: new Uint8Array([0x78, 0xda, 1, 2, 3]) }), 'compression'],
      ['bomb', cwtToken('/tenant/status-lists/bomb', { lst: deflateStatusBytes(new Uint8Array(5 * 1024 * 1024)) }), 'too_large'],
      ['garbage', new Uint8Array([0xff, 0x00]), 'format'],
    ]
    for (const [name, body, check, type] of cases) {
      serve(`/tenant/status-lists/${name}`, await body, type ?? CWT)
      await rejects(c.check({ issuer, status: claim(`/tenant/status-lists/${name}`, 0) }), 'status_list_invalid', check)
    }
    // typ and alg: a COSE_Sign1 whose protected header says otherwise (the signature is never reached)
    const msg = (h: Map<number, unknown>) => encode(new Tagged(18, [encode(h), new Map(), encode(new Map([[2, 'x']])), new Uint8Array(64)]))
    serve('/tenant/status-lists/typ', msg(new Map<number, unknown>([[1, -7], [16, 'application/statuslist+jwt']])), CWT)
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/typ', 0) }), 'status_list_invalid', 'typ')
    serve('/tenant/status-lists/alg', msg(new Map<number, unknown>([[1, -35], [16, CWT]])), CWT)
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/alg', 0) }), 'status_list_invalid', 'alg')
    // larger than the fetch's byte limit: never read in full
    serve('/tenant/status-lists/big', await cwtToken('/tenant/status-lists/big'), CWT)
    await rejects(checker({ maxBytes: 200 }).check({ issuer, status: claim('/tenant/status-lists/big', 0) }), 'status_list_unavailable', 'too_large')
  })

  it('caches a list for its ttl, then sees the change', async () => {
    const path = '/tenant/status-lists/2'
    const statuses = [0, 0, 0, 0]
    const fresh = async () => serve(path, await token(path, { ttl: 60, statuses }))
    await fresh()
    const c = checker()
    await c.check({ issuer, status: claim(path, 0) })
    statuses[0] = 1
    await fresh()
    clock += 59
    await c.check({ issuer, status: claim(path, 0) }) // still cached
    expect(hits.get(path)).toBe(1)
    clock += 1
    await fresh()
    await rejects(c.check({ issuer, status: claim(path, 0) }), 'credential_revoked')
    expect(hits.get(path)).toBe(2)
  })

  it('never caches past exp, and bounds a huge ttl', async () => {
    const path = '/tenant/status-lists/3'
    serve(path, await token(path, { ttl: 86_400 * 30, exp: clock + 10 }))
    const c = checker({ maxCacheSeconds: 3600 })
    await c.check({ issuer, status: claim(path, 0) })
    clock += 10
    serve(path, await token(path, { ttl: 86_400 * 30 }))
    await c.check({ issuer, status: claim(path, 0) })
    expect(hits.get(path)).toBe(2)
    clock += 3600
    await c.check({ issuer, status: claim(path, 0) })
    expect(hits.get(path)).toBe(3)
  })

  it('fetches a list once for concurrent checks', async () => {
    const path = '/tenant/status-lists/4'
    serve(path, await token(path))
    const c = checker()
    await Promise.all(Array.from({ length: 8 }, () => c.check({ issuer, status: claim(path, 0) })))
    expect(hits.get(path)).toBe(1)
  })

  it('fetches only under the issuer: other origin, other port, other path, user info (url_not_allowed)', async () => {
    const c = checker()
    const port = Number(new URL(origin).port)
    for (const uri of [
      `http://localhost:${port}/tenant/status-lists/1`, `http://127.0.0.1:${port + 1}/tenant/status-lists/1`,
      `https://127.0.0.1:${port}/tenant/status-lists/1`, `${origin}/tenant2/status-lists/1`, `${origin}/status-lists/1`,
      `${origin}/tenant/%2e%2e/admin`, `http://u:p@127.0.0.1:${port}/tenant/status-lists/1`, `${origin}/tenant`,
    ]) {
      await rejects(c.check({ issuer, status: { status_list: { idx: 0, uri } } }), 'url_not_allowed')
    }
    expect(hits.size).toBe(0)
  })

  it('follows a redirect within the issuer, refuses one leaving it', async () => {
    const path = '/tenant/status-lists/5'
    serve(path, await token('/tenant/status-lists/old'))
    routes.set('/tenant/status-lists/old', (_q, res) => res.writeHead(302, { location: path }).end())
    await checker().check({ issuer, status: claim('/tenant/status-lists/old', 0) })
    routes.set('/tenant/status-lists/away', (_q, res) => res.writeHead(302, { location: 'http://example.invalid/x' }).end())
    await rejects(checker().check({ issuer, status: claim('/tenant/status-lists/away', 0) }), 'url_not_allowed')
    routes.set('/tenant/status-lists/loop', (_q, res) => res.writeHead(302, { location: '/tenant/status-lists/loop' }).end())
    await rejects(checker().check({ issuer, status: claim('/tenant/status-lists/loop', 0) }), 'status_list_unavailable', 'redirects')
  })

  it('fails closed when the list cannot be fetched (status_list_unavailable)', async () => {
    routes.set('/tenant/status-lists/500', (_q, res) => res.writeHead(500).end('oops'))
    await rejects(checker().check({ issuer, status: claim('/tenant/status-lists/500', 0) }), 'status_list_unavailable', 'http_status')
    await rejects(checker().check({ issuer, status: claim('/tenant/status-lists/missing', 0) }), 'status_list_unavailable', 'http_status')
    routes.set('/tenant/status-lists/hang', () => undefined)
    await rejects(checker({ fetchTimeoutMs: 200 }).check({ issuer, status: claim('/tenant/status-lists/hang', 0) }), 'status_list_unavailable', 'timeout')
    routes.set('/tenant/status-lists/slow-body', (_q, res) => res.writeHead(200, { 'content-type': 'application/statuslist+jwt' }).write('eyJ'))
    await rejects(checker({ fetchTimeoutMs: 200 }).check({ issuer, status: claim('/tenant/status-lists/slow-body', 0) }), 'status_list_unavailable', 'timeout')
    const closed = createServer()
    closed.listen(0, '127.0.0.1')
    await new Promise((r) => closed.once('listening', r))
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise((r) => closed.close(r))
    await rejects(checker().check({ issuer: dead, status: { status_list: { idx: 0, uri: `${dead}/s/1` } } }), 'status_list_unavailable', 'network')
  })

  it('stops reading at maxBytes, declared or streamed (status_list_unavailable too_large)', async () => {
    serve('/tenant/status-lists/big', 'a'.repeat(5000))
    await rejects(checker({ maxBytes: 4096 }).check({ issuer, status: claim('/tenant/status-lists/big', 0) }), 'status_list_unavailable', 'too_large')
    routes.set('/tenant/status-lists/chunked', (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/statuslist+jwt' })
      for (let i = 0; i < 10; i++) res.write('a'.repeat(1000))
      res.end()
    })
    await rejects(checker({ maxBytes: 4096 }).check({ issuer, status: claim('/tenant/status-lists/chunked', 0) }), 'status_list_unavailable', 'too_large')
    // A gzip bomb: 64 MiB inflated from ~64 KiB; reading stops at the limit.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x61))
    routes.set('/tenant/status-lists/bomb', (_q, res) => res.writeHead(200, { 'content-type': 'application/statuslist+jwt', 'content-encoding': 'gzip' }).end(bomb))
    await rejects(checker({ maxBytes: 4096 }).check({ issuer, status: claim('/tenant/status-lists/bomb', 0) }), 'status_list_unavailable', 'too_large')
  })

  it('reads a gzip-encoded token', async () => {
    const path = '/tenant/status-lists/gz'
    const jwt = gzipSync(await token(path))
    routes.set(path, (_q, res) => res.writeHead(200, { 'content-type': 'application/statuslist+jwt', 'content-encoding': 'gzip' }).end(jwt))
    await rejects(checker().check({ issuer, status: claim(path, 1) }), 'credential_revoked')
  })

  it('rejects a list that fails verification (status_list_invalid)', async () => {
    const c = checker()
    serve('/tenant/status-lists/type', await token('/tenant/status-lists/type'), 'application/jwt')
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/type', 0) }), 'status_list_invalid', 'content_type')
    serve('/tenant/status-lists/sig', await token('/tenant/status-lists/sig', { signer: other }))
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/sig', 0) }), 'status_list_invalid', 'signature')
    serve('/tenant/status-lists/sub', await token('/tenant/status-lists/elsewhere'))
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/sub', 0) }), 'status_list_invalid', 'sub')
    serve('/tenant/status-lists/exp', await token('/tenant/status-lists/exp', { iat: clock - 1000, exp: clock - 120 }))
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/exp', 0) }), 'status_list_invalid', 'exp')
    const p = '/tenant/status-lists/typ'
    serve(p, signJwsCompact({ typ: 'JWT' }, { sub: `${origin}${p}`, iat: clock, status_list: encodeStatusList([0], 2) }, key.privateKey, 'ES256'))
    await rejects(c.check({ issuer, status: claim(p, 0) }), 'status_list_invalid', 'typ')
    serve('/tenant/status-lists/garbage', 'not a token at all')
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/garbage', 0) }), 'status_list_invalid', 'format')
    serve('/tenant/status-lists/utf8', 'ÿÿÿ')
    await rejects(c.check({ issuer, status: claim('/tenant/status-lists/utf8', 0) }), 'status_list_invalid', 'format')
    // The key resolver refuses this issuer: no trusted key.
    const other2 = checker({ resolveIssuerKey: async () => Promise.reject(new Error('untrusted')) })
    serve('/tenant/status-lists/key', await token('/tenant/status-lists/key'))
    await rejects(other2.check({ issuer, status: claim('/tenant/status-lists/key', 0) }), 'status_list_invalid', 'key')
  })

  it('a failure is not cached: the next check fetches again', async () => {
    const path = '/tenant/status-lists/flaky'
    routes.set(path, (_q, res) => res.writeHead(503).end())
    const c = checker()
    await rejects(c.check({ issuer, status: claim(path, 0) }), 'status_list_unavailable')
    serve(path, await token(path))
    await c.check({ issuer, status: claim(path, 0) })
  })

  it('rejects a malformed status claim before any fetch (status_claim_invalid)', async () => {
    for (const status of [undefined, {}, { status_list: { idx: -1, uri: `${origin}/tenant/x` } }, { status_list: { uri: `${origin}/tenant/x` } }]) {
      await rejects(checker().check({ issuer, status }), 'status_claim_invalid')
    }
    expect(hits.size).toBe(0)
  })
})
