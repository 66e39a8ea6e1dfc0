// issuer/http/fast-routes.ts answers plain-shaped POST /token, POST /nonce and POST /credential ahead of express; every
// other shape goes to the express routes (routes/oid4vci.ts). The same request sent in both shapes (Content-Length vs
// chunked; /nonce vs its trailing-slash form) must get the same status, code and headers; the issuer's handler and its
// bare express app must answer alike; both paths share one rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ADMIN_TOKEN, accessToken, enroll, holderKey, nonce, proofJwt, startIssuer } from '../e2e/issuer-harness.ts'
import type { RunningIssuer } from '../e2e/issuer-harness.ts'
import { FORM_CT, JSON_CT, answerShape as shape, bearer, send } from '../fuzz/http-harness.ts'
import type { RawResponse } from '../fuzz/http-harness.ts'

let run: RunningIssuer
/** The same issuer served by its bare express app (fast routes as its first middleware). */
let bare: Server
let bareUrl: string

beforeAll(async () => {
  run = await startIssuer({ bbs: false })
  bare = createServer(run.issuer.app)
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => bare.close(() => resolve()))
  await run.close()
})

/** POSTs `body` with Content-Length (the fast path) or chunked (the express path). */
function post(path: string, headers: Record<string, string>, body: string, chunked: boolean, base = run.url): Promise<RawResponse> {
  const framing: Record<string, string> = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(Buffer.byteLength(body)) }
  return send(base, { method: 'POST', path, headers: { ...headers, ...framing }, body })
}

/** POSTs `body` on the fast path, on the express path, and through the bare app; returns the three answers. */
async function all(path: string, headers: Record<string, string>, body: string): Promise<[RawResponse, RawResponse, RawResponse]> {
  return [await post(path, headers, body, false), await post(path, headers, body, true), await post(path, headers, body, false, bareUrl)]
}

/** The three answers agree, and refuse with `code` (a 4xx). */
function expectSameRefusal([fast, slow, app]: RawResponse[], code: string): void {
  expect(shape(fast as RawResponse)).toEqual(shape(slow as RawResponse))
  expect(shape(app as RawResponse)).toEqual(shape(fast as RawResponse))
  expect(shape(fast as RawResponse).code).toBe(code)
  expect((fast as RawResponse).status).toBeGreaterThanOrEqual(400)
  expect((fast as RawResponse).status).toBeLessThan(500)
}

const routeLines = (route: string): number => run.logs.filter((l) => l.includes('"msg":"request"') && l.includes(`"route":"${route}"`)).length
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'

describe('POST /token: fast path and express path answer alike', () => {
  const bodies: [string, string, string][] = [
    ['empty body', '', 'invalid_request'],
    ['another grant type', 'grant_type=authorization_code&code=x', 'unsupported_grant_type'],
    ['no pre-authorized code', `grant_type=${encodeURIComponent(PRE_AUTH)}`, 'invalid_request'],
    ['an unknown code', `grant_type=${encodeURIComponent(PRE_AUTH)}&pre-authorized_code=nope&tx_code=123456`, 'pre_authorized_code_invalid'],
    ['no tx_code', `grant_type=${encodeURIComponent(PRE_AUTH)}&pre-authorized_code=nope`, 'tx_code_required'],
    ['too many parameters', Array.from({ length: 33 }, (_, i) => `p${i}=1`).join('&'), 'input_too_large'],
    ['a repeated parameter', `grant_type=${encodeURIComponent(PRE_AUTH)}&grant_type=x`, 'invalid_request'],
    ['a bracketed key', `grant_type=${encodeURIComponent(PRE_AUTH)}&%5Bpre-authorized_code%5D=x&tx_code=1`, 'pre_authorized_code_invalid'],
    ['a byte-order mark', `\ufeffgrant_type=${encodeURIComponent(PRE_AUTH)}&pre-authorized_code=nope&tx_code=1`, 'pre_authorized_code_invalid'],
    ['bad percent-encoding', `grant_type=${encodeURIComponent(PRE_AUTH)}&pre-authorized_code=%E0%A4%A&tx_code=1`, 'pre_authorized_code_invalid'],
  ]
  it.each(bodies)('%s', async (_name, body, code) => {
    expectSameRefusal(await all('/token', FORM_CT, body), code)
  })

  it('a UTF-8 charset parameter is the fast path too; other parameters or types go to express, with the same answer', async () => {
    for (const ct of ['application/x-www-form-urlencoded; charset=UTF-8', 'application/x-www-form-urlencoded; foo=bar', 'Application/X-WWW-Form-Urlencoded', 'text/plain']) {
      const [fast, slow] = await all('/token', { 'content-type': ct }, 'grant_type=x')
      expect(shape(fast), ct).toEqual(shape(slow))
      // text/plain is not parsed (no grant_type at all)
      expect(shape(fast).code, ct).toBe(ct === 'text/plain' ? 'invalid_request' : 'unsupported_grant_type')
    }
  })

  it('a body over the limit: 413 body_too_large on either path', async () => {
    const body = `grant_type=x&pad=${'x'.repeat(70_000)}`
    const [fast, slow] = await all('/token', FORM_CT, body)
    expect(shape(fast)).toEqual(shape(slow))
    expect(shape(fast)).toMatchObject({ status: 413, code: 'body_too_large' })
  })

  it('exchanges a code on either path and refuses its replay on the other (pre_authorized_code_invalid)', async () => {
    const logged = routeLines('/token')
    for (const chunked of [false, true]) {
      const e = await enroll(run.url)
      const body = new URLSearchParams({ grant_type: PRE_AUTH, 'pre-authorized_code': e.code, tx_code: e.tx_code }).toString()
      const ok = await post('/token', FORM_CT, body, chunked)
      const replay = await post('/token', FORM_CT, body, !chunked)
      expect(ok.status, ok.text).toBe(200)
      expect(shape(ok)).toMatchObject({ type: 'application/json; charset=utf-8', cache: 'no-store', pragma: 'no-cache' })
      expect(Object.keys(JSON.parse(ok.text) as object).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'token_type'])
      expect(shape(replay).code).toBe('pre_authorized_code_invalid')
    }
    // every answer has its access line with the route pattern, whichever path took it
    expect(routeLines('/token') - logged).toBe(4)
  })
})

describe('POST /nonce: fast path and express path answer alike', () => {
  it('a c_nonce, not cacheable, with or without a body', async () => {
    for (const [headers, body] of [[{}, ''], [JSON_CT, '{"x":1}'], [FORM_CT, 'a=b']] as const) {
      const fast = await post('/nonce', headers, body, false)
      const slow = await post('/nonce/', headers, body, false) // non-strict routing: the express route
      const app = await post('/nonce', headers, body, false, bareUrl)
      expect(shape(fast)).toEqual(shape(slow))
      expect(shape(app)).toEqual(shape(fast))
      expect(shape(fast)).toMatchObject({ status: 200, cache: 'no-store', type: 'application/json; charset=utf-8' })
      for (const r of [fast, slow, app]) expect((JSON.parse(r.text) as { c_nonce: string }).c_nonce).toMatch(/^[A-Za-z0-9_-]{48}$/)
    }
  })
})

describe('POST /credential: fast path and express path answer alike', () => {
  let token: string
  beforeAll(async () => {
    token = await accessToken(run.url)
  })
  const cases: [string, (t: string) => Record<string, string>, string, string][] = [
    ['no access token', () => JSON_CT, '{"credential_configuration_id":"pid_sd_jwt"}', 'access_token_invalid'],
    ['an unknown access token', () => ({ ...JSON_CT, ...bearer('unknown-token') }), '{"credential_configuration_id":"pid_sd_jwt"}', 'access_token_invalid'],
    ['a malformed authorization header', () => ({ ...JSON_CT, authorization: 'Basic abc' }), '{}', 'access_token_invalid'],
    ['malformed JSON', (t) => ({ ...JSON_CT, ...bearer(t) }), '{"proofs":', 'malformed_json'],
    ['a JSON string (strict)', (t) => ({ ...JSON_CT, ...bearer(t) }), '"pid_sd_jwt"', 'malformed_json'],
    ['an empty object', (t) => ({ ...JSON_CT, ...bearer(t) }), '{}', 'proofs_missing'],
    ['an unknown configuration', (t) => ({ ...JSON_CT, ...bearer(t) }), '{"credential_configuration_id":"nope","proofs":{"jwt":["a.b.c"]}}', 'credential_configuration_unknown'],
    ['a JSON array', (t) => ({ ...JSON_CT, ...bearer(t) }), '[1]', 'credential_request_invalid'],
    ['a malformed proof', (t) => ({ ...JSON_CT, ...bearer(t) }), ' {"credential_configuration_id":"pid_sd_jwt","proofs":{"jwt":["a.b.c"]}}', 'proof_malformed'],
  ]
  it.each(cases)('%s', async (_name, headers, body, code) => {
    expectSameRefusal(await all('/credential', headers(token), body), code)
  })

  it('a body over the limit or in another charset: the same 413 / 415 on either path', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(70_000) })
    const [fast, slow] = await all('/credential', { ...JSON_CT, ...bearer(token) }, big)
    expect(shape(fast)).toEqual(shape(slow))
    expect(shape(fast)).toMatchObject({ status: 413, code: 'body_too_large' })
    const latin = await all('/credential', { 'content-type': 'application/json; charset=iso-8859-1', ...bearer(token) }, '{}')
    expect(shape(latin[0])).toEqual(shape(latin[1]))
    expect(shape(latin[0]).status).toBe(415)
  })

  it('issues on either path and refuses the spent c_nonce on the other (nonce_invalid); nothing written by the refusal', async () => {
    const logged = routeLines('/credential')
    for (const chunked of [false, true]) {
      const n = await nonce(run.url)
      const request = async () => JSON.stringify({ credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: [await proofJwt(await holderKey(), { aud: run.url, nonce: n })] } })
      const ok = await post('/credential', { ...JSON_CT, ...bearer(token) }, await request(), chunked)
      const replay = await post('/credential', { ...JSON_CT, ...bearer(token) }, await request(), !chunked)
      expect(ok.status, ok.text).toBe(200)
      expect(shape(ok)).toMatchObject({ type: 'application/json; charset=utf-8', cache: 'no-store' })
      expect((JSON.parse(ok.text) as { credentials: unknown[] }).credentials).toHaveLength(1)
      expect(shape(replay)).toMatchObject({ status: 400, code: 'nonce_invalid', error: 'invalid_nonce' })
    }
    expect(routeLines('/credential') - logged).toBe(4)
  })
})

describe('one rate limit for both paths', () => {
  it('token and nonce requests count together, whichever path takes them: then 429 rate_limited with Retry-After on both', async () => {
    const limited = await startIssuer({ bbs: false, rateLimit: { max: 3, windowSeconds: 60 } })
    try {
      const at = (chunked: boolean) => post('/token', FORM_CT, 'grant_type=x', chunked, limited.url)
      expect(shape(await at(false)).code).toBe('unsupported_grant_type')
      expect(shape(await at(true)).code).toBe('unsupported_grant_type')
      expect((await post('/nonce', {}, '', false, limited.url)).status).toBe(200)
      const [fast, slow, nonceFast, nonceSlow] = [await at(false), await at(true), await post('/nonce', {}, '', false, limited.url), await post('/nonce/', {}, '', false, limited.url)]
      for (const r of [fast, slow, nonceFast, nonceSlow]) expect(shape(r)).toMatchObject({ status: 429, code: 'rate_limited', cache: 'no-store' })
      expect(shape(fast)).toEqual(shape(slow))
      expect(Number(fast.headers['retry-after'])).toBeGreaterThan(0)
      expect(shape(nonceFast)).toEqual(shape(nonceSlow))
      // the admin API is not counted
      expect((await send(limited.url, { path: '/admin/persons/none/credentials', headers: bearer(ADMIN_TOKEN) })).status).toBe(404)
    } finally {
      await limited.close()
    }
  })

  it('behind a proxy (trustProxy) the limit counts the forwarded client IP: token and nonce requests then go to express', async () => {
    const proxied = await startIssuer({ bbs: false, rateLimit: { max: 1, windowSeconds: 60 }, trustProxy: true })
    try {
      const from = (ip: string, path = '/token') => post(path, { ...FORM_CT, 'x-forwarded-for': ip }, 'grant_type=x', false, proxied.url)
      expect(shape(await from('203.0.113.1')).code).toBe('unsupported_grant_type')
      expect(shape(await from('203.0.113.1')).code).toBe('rate_limited')
      expect(shape(await from('203.0.113.2')).code).toBe('unsupported_grant_type')
      expect((await from('203.0.113.3', '/nonce')).status).toBe(200)
      expect(shape(await from('203.0.113.3', '/nonce')).code).toBe('rate_limited')
    } finally {
      await proxied.close()
    }
  })
})
