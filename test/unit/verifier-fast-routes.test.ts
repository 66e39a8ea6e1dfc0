// verifier/http/fast-routes.ts answers plain-shaped POST /responses, GET /requests/:id and POST /presentations ahead of
// express; every other shape goes to the express routes. The same request sent in both shapes (Content-Length vs chunked,
// /requests/:id vs its trailing-slash form) must get the same status, code and headers. The production listener
// (verifier.handler: fast routes without entering express) and the bare express app answer alike too.
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'
import { FORM_CT, JSON_CT, answerShape as shape, bearer, send } from '../fuzz/http-harness.ts'
import type { RawResponse } from '../fuzz/http-harness.ts'

let h: VerifierHarness
/** The same verifier served by its bare express app (fast routes as its first middleware) instead of verifier.handler. */
let bare: Server
let bareUrl: string

beforeAll(async () => {
  h = await startVerifierHarness()
  bare = createServer(h.verifier.app)
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`
})
afterAll(async () => {
  bare.closeAllConnections()
  await new Promise<void>((resolve) => bare.close(() => resolve()))
  await h.close()
})

/** POSTs `body` with Content-Length (the fast path) or chunked (the express path). */
function post(path: string, headers: Record<string, string>, body: string, chunked: boolean): Promise<RawResponse> {
  const framing: Record<string, string> = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(Buffer.byteLength(body)) }
  return send(h.baseUrl, { method: 'POST', path, headers: { ...headers, ...framing }, body })
}

/** POSTs `body` on the fast path, then on the express path; returns both answers. */
async function both(path: string, headers: Record<string, string>, body: string): Promise<[RawResponse, RawResponse]> {
  return [await post(path, headers, body, false), await post(path, headers, body, true)]
}

const routeLines = (route: string): number => h.logs.filter((l) => l.includes('"msg":"request"') && l.includes(`"route":"${route}"`)).length

describe('POST /responses: fast path and express path answer alike', () => {
  const bodies: [string, string, string][] = [
    ['empty body', '', 'authorization_response_invalid'],
    ['no vp_token', 'state=abc', 'authorization_response_invalid'],
    ['too many parameters', Array.from({ length: 17 }, (_, i) => `p${i}=1`).join('&'), 'input_too_large'],
    ['a repeated parameter', 'state=a&state=b&vp_token=%7B%7D', 'authorization_response_invalid'],
    ['vp_token not JSON', 'vp_token=nope&state=abc', 'vp_token_invalid'],
    ['an unknown state', `vp_token=${encodeURIComponent('{"pid":["x~"]}')}&state=unknown-state`, 'state_unknown'],
    ['a bracketed key', `%5Bvp_token%5D=${encodeURIComponent('{"pid":["x~"]}')}&state=unknown-state`, 'state_unknown'],
    ['a byte-order mark', `\ufeffvp_token=${encodeURIComponent('{"pid":["x~"]}')}&state=unknown-state`, 'state_unknown'],
    ['bad percent-encoding', 'vp_token=%E0%A4%A&state=abc', 'vp_token_invalid'],
  ]
  it.each(bodies)('%s', async (_name, body, code) => {
    const [fast, slow] = await both('/responses', FORM_CT, body)
    expect(shape(fast)).toEqual(shape(slow))
    expect(shape(fast).code).toBe(code)
    expect(fast.status).toBeGreaterThanOrEqual(400)
    expect(fast.status).toBeLessThan(500)
  })

  it('a UTF-8 charset parameter is the fast path too; other parameters go to express, with the same answer', async () => {
    for (const ct of ['application/x-www-form-urlencoded; charset=UTF-8', 'application/x-www-form-urlencoded; foo=bar', 'Application/X-WWW-Form-Urlencoded']) {
      const [fast, slow] = await both('/responses', { 'content-type': ct }, 'state=abc')
      expect(shape(fast), ct).toEqual(shape(slow))
      expect(shape(fast).code, ct).toBe('authorization_response_invalid')
    }
  })

  it('verifies on either path and refuses a replay on either path (response_replayed)', async () => {
    const logged = routeLines('/responses')
    for (const chunked of [false, true]) {
      const created = (await h.createPresentation({ preset: 'age_over_18' })).json
      const request = await h.fetchRequest(created)
      const vp = await h.present(await h.credential(), [['age_over_18']], request)
      const body = new URLSearchParams({ vp_token: JSON.stringify({ pid: [vp] }), state: request.state as string }).toString()
      const ok = await post('/responses', FORM_CT, body, chunked)
      const replay = await post('/responses', FORM_CT, body, !chunked)
      expect(ok.status, ok.text).toBe(200)
      expect(shape(ok)).toMatchObject({ type: 'application/json; charset=utf-8', cache: 'no-store' })
      expect(shape(replay).code).toBe('response_replayed')
      expect((await h.result(created.id as string)).json).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
    }
    // every answer has its access line with the route pattern, whichever path took it
    expect(routeLines('/responses') - logged).toBe(4)
  })

  it('a presentation\'s outcome is on its one access line, on either path: id, outcome, claim names or code, no value', async () => {
    for (const chunked of [false, true]) {
      const created = (await h.createPresentation({ preset: 'age_over_18' })).json
      const id = created.id as string
      const request = await h.fetchRequest(created)
      const vp = await h.present(await h.credential(), [['age_over_18']], request)
      const body = new URLSearchParams({ vp_token: JSON.stringify({ pid: [vp] }), state: request.state as string }).toString()
      expect((await post('/responses', FORM_CT, body, chunked)).status).toBe(200)
      const lines = h.logs.filter((l) => l.includes(id)).map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines.filter((l) => l.route === '/responses'), chunked ? 'express' : 'fast').toEqual([
        expect.objectContaining({ msg: 'request', status: 200, presentation: { id, outcome: 'verified', claimNames: ['age_over_18'] } }),
      ])
      expect(lines.filter((l) => l.msg !== 'request' && l.msg !== 'presentation requested')).toEqual([]) // no separate outcome line
      expect(JSON.stringify(lines)).not.toContain('true')
    }
    for (const chunked of [false, true]) {
      const created = (await h.createPresentation({ preset: 'age_over_18' })).json
      const id = created.id as string
      const request = await h.fetchRequest(created)
      const declined = new URLSearchParams({ error: 'access_denied', state: request.state as string }).toString()
      expect((await post('/responses', FORM_CT, declined, chunked)).status).toBe(200)
      const bad = new URLSearchParams({ vp_token: JSON.stringify({ pid: ['x~'] }), state: request.state as string }).toString()
      expect(shape(await post('/responses', FORM_CT, bad, chunked)).code).toBe('response_replayed')
      const lines = h.logs.filter((l) => l.includes(id)).map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines.filter((l) => l.msg !== 'presentation requested'), chunked ? 'express' : 'fast').toEqual([
        expect.objectContaining({ route: '/responses', status: 200, presentation: { id, outcome: 'rejected', code: 'access_denied' } }),
      ])
    }
  })
})

describe('POST /presentations: fast path and express path answer alike', () => {
  const cases: [string, Record<string, string>, string, string | undefined][] = [
    ['no API key', JSON_CT, '{"preset":"age_over_18"}', 'unauthorized'],
    ['a wrong API key', { ...JSON_CT, ...bearer('wrong-key') }, '{"preset":"age_over_18"}', 'unauthorized'],
    ['malformed JSON', { ...JSON_CT, ...bearer('KEY') }, '{"preset":', 'malformed_json'],
    ['a JSON string (strict)', { ...JSON_CT, ...bearer('KEY') }, '"age_over_18"', 'malformed_json'],
    ['an empty object', { ...JSON_CT, ...bearer('KEY') }, '{}', 'invalid_request'],
    ['an unknown preset', { ...JSON_CT, ...bearer('KEY') }, '{"preset":"nope"}', 'invalid_request'],
    ['a preset', { ...JSON_CT, ...bearer('KEY') }, ' {"preset":"age_over_18"}', undefined],
  ]
  it.each(cases)('%s', async (_name, headers, body, code) => {
    const withKey = headers.authorization === 'Bearer KEY' ? { ...headers, ...bearer(h.apiKey) } : headers
    const [fast, slow] = await both('/presentations', withKey, body)
    expect(shape(fast)).toEqual(shape(slow))
    expect(shape(fast).code).toBe(code)
    if (code === undefined) {
      expect(fast.status).toBe(201)
      expect(Object.keys(JSON.parse(fast.text) as object).sort()).toEqual(Object.keys(JSON.parse(slow.text) as object).sort())
    }
  })
})

describe('GET /requests/:id: fast path and express path answer alike', () => {
  it('serves the same kind of request object, and the same errors', async () => {
    const created = (await h.createPresentation({ preset: 'age_over_18' })).json
    const path = new URL(created.request_uri as string).pathname
    const fast = await send(h.baseUrl, { path })
    const slow = await send(h.baseUrl, { path: `${path}/` }) // non-strict routing: the express route
    expect(shape(fast)).toEqual(shape(slow))
    expect(fast.headers['content-type']).toBe('application/oauth-authz-req+jwt; charset=utf-8')
    expect(fast.text.split('.')).toHaveLength(3)
    for (const id of ['unknown-id', 'x'.repeat(128)]) {
      const [a, b] = [await send(h.baseUrl, { path: `/requests/${id}` }), await send(h.baseUrl, { path: `/requests/${id}/` })]
      expect(shape(a)).toEqual(shape(b))
      expect(shape(a).code).toBe('presentation_not_found')
    }
  })
})

describe('verifier.handler (what verifier/server.ts listens with) and the bare express app answer alike', () => {
  const plain = (base: string, path: string, headers: Record<string, string>, body: string): Promise<RawResponse> =>
    send(base, { method: 'POST', path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body })

  it.each([
    ['/responses', FORM_CT, '', 'authorization_response_invalid'],
    ['/responses', FORM_CT, 'vp_token=nope&state=abc', 'vp_token_invalid'],
    ['/responses', FORM_CT, `vp_token=${encodeURIComponent('{"pid":["x~"]}')}&state=unknown-state`, 'state_unknown'],
    ['/presentations', JSON_CT, '{"preset":"age_over_18"}', 'unauthorized'],
    ['/presentations', { ...JSON_CT, 'x-key': '1' }, '{"preset":', 'malformed_json'],
  ] as const)('POST %s %s', async (path, headers, body, code) => {
    const h2 = 'x-key' in headers ? { ...JSON_CT, ...bearer(h.apiKey) } : headers
    const [a, b] = [await plain(h.baseUrl, path, h2, body), await plain(bareUrl, path, h2, body)]
    expect(shape(a)).toEqual(shape(b))
    expect(shape(a).code).toBe(code)
  })

  it('verifies through either listener, and each refuses the other\'s replay (response_replayed)', async () => {
    for (const [first, second] of [[h.baseUrl, bareUrl], [bareUrl, h.baseUrl]] as const) {
      const created = (await h.createPresentation({ preset: 'age_over_18' })).json
      const request = await h.fetchRequest(created)
      const vp = await h.present(await h.credential(), [['age_over_18']], request)
      const body = new URLSearchParams({ vp_token: JSON.stringify({ pid: [vp] }), state: request.state as string }).toString()
      const ok = await plain(first, '/responses', FORM_CT, body)
      const replay = await plain(second, '/responses', FORM_CT, body)
      expect(ok.status, ok.text).toBe(200)
      expect(shape(replay).code).toBe('response_replayed')
      expect((await h.result(created.id as string)).json).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
    }
  })

  it('routes the rest (GET /presentations/:id, /healthz, unknown paths) to express alike', async () => {
    for (const path of ['/healthz', '/no-such-endpoint', '/presentations/unknown-id']) {
      const [a, b] = [await send(h.baseUrl, { path, headers: bearer(h.apiKey) }), await send(bareUrl, { path, headers: bearer(h.apiKey) })]
      expect(shape(a), path).toEqual(shape(b))
      expect(a.status, path).toBe(b.status)
    }
  })
})
