// Hostile HTTP against every verifier endpoint: the relying-party API (bearer API key, JSON), the request_uri and the
// direct_post response endpoint (form). Every answer is a 4xx with a stable code; a malformed response leaves the
// session pending; nothing secret is echoed, logged or stored; the verifier keeps answering.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'
import {
  FORM_CT, HOSTILE_SEGMENTS, HOSTILE_VALUES, JSON_CT, MALFORMED_JSON, MARKER_ID, MARKER_NAME, MARKER_TOKEN, SECRETS,
  bearer, deepJson, deepObjectJson, expectAlive, expectCleanLogs, expectRejected, send,
} from './http-harness.ts'

let h: VerifierHarness
let dataDir: string
let api: Record<string, string>
/** A pending presentation: its id (for GET /presentations/:id, /requests/:id) and state (for /responses). */
let pending: { id: string; requestId: string; state: string }

function sessionCount(): number {
  const db = new Database(join(dataDir, 'verifier', 'verifier.db'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function statusOf(id: string): Promise<unknown> {
  return (await h.result(id)).json.status
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'eid-http-verifier-'))
  h = await startVerifierHarness({ dataDir })
  api = { ...JSON_CT, ...bearer(h.apiKey) }
  const created = await h.createPresentation({ preset: 'age_over_18' })
  expect(created.status).toBe(201)
  const request = await h.fetchRequest(created.json)
  const requestId = new URL(created.json.request_uri as string).pathname.split('/').pop() ?? ''
  pending = { id: created.json.id as string, requestId, state: request.state as string }
})

afterAll(async () => {
  expectCleanLogs(h.logs, [h.apiKey, pending.state])
  // the store never holds the markers either
  for (const f of readdirSync(join(dataDir, 'verifier'))) {
    const bytes = readFileSync(join(dataDir, 'verifier', f)).toString('latin1')
    for (const s of SECRETS) expect(bytes.includes(s), `${s} stored in ${f}`).toBe(false)
  }
  await h.close()
})

describe('verifier: methods and routes', () => {
  it.each(['PUT', 'DELETE', 'PATCH'])('%s on every route is a JSON 4xx', async (method) => {
    for (const path of ['/presentations', `/presentations/${pending.id}`, `/requests/${pending.requestId}`, '/responses', '/openapi.json']) {
      expectRejected(await send(h.baseUrl, { method, path, headers: api, body: '{}' }))
    }
  })

  it('GET /responses, POST /requests/:id and unknown paths are JSON 404s', async () => {
    expect(expectRejected(await send(h.baseUrl, { path: '/responses' }))).toBe('not_found')
    expect(expectRejected(await send(h.baseUrl, { method: 'POST', path: `/requests/${pending.requestId}`, headers: FORM_CT, body: 'a=1' }))).toBe('not_found')
    for (const seg of HOSTILE_SEGMENTS) expectRejected(await send(h.baseUrl, { path: `/${seg}` }))
  })

  it('hostile request ids and presentation ids are 4xx JSON, never 5xx', async () => {
    for (const seg of HOSTILE_SEGMENTS) {
      expectRejected(await send(h.baseUrl, { path: `/requests/${seg}` }), { label: seg })
      expectRejected(await send(h.baseUrl, { path: `/presentations/${seg}`, headers: bearer(h.apiKey) }), { label: seg })
    }
    expect(await statusOf(pending.id)).toBe('pending')
  })

  it('hostile response_code queries on GET /presentations/:id are 4xx or the plain pending result', async () => {
    for (const q of ['?response_code=', '?response_code=%zz', `?response_code=${MARKER_TOKEN}&response_code=x`, `?response_code=${'a'.repeat(8000)}`, '?response_code[x]=1', '?__proto__=1']) {
      const r = await send(h.baseUrl, { path: `/presentations/${pending.id}${q}`, headers: bearer(h.apiKey) })
      if (r.status === 200) expect(JSON.parse(r.text)).toMatchObject({ status: 'pending' })
      else expectRejected(r, { secrets: [MARKER_TOKEN] })
    }
  })
})

describe('verifier: relying-party API (JSON)', () => {
  const post = (body: string, headers: Record<string, string> = api) => send(h.baseUrl, { method: 'POST', path: '/presentations', headers, body })

  it('bad API keys are 401 and create nothing', async () => {
    const before = sessionCount()
    const auths = ['', 'Bearer', `Bearer ${MARKER_TOKEN}`, `bearer ${h.apiKey}`, `Bearer  ${h.apiKey}`, `Basic ${h.apiKey}`, `Bearer ${h.apiKey}x`, `Bearer ${h.apiKey.slice(1)}`,
      `Bearer ${'K'.repeat(14_000)}`, `Bearer ${MARKER_ID}`]
    for (const a of auths) {
      for (const [method, path] of [['POST', '/presentations'], ['GET', `/presentations/${pending.id}`]] as const) {
        const r = await send(h.baseUrl, { method, path, headers: { ...JSON_CT, authorization: a }, body: method === 'POST' ? '{"preset":"age_over_18"}' : undefined })
        expect(expectRejected(r, { status: 401, secrets: [MARKER_TOKEN, h.apiKey] })).toBe('unauthorized')
      }
    }
    expect(sessionCount()).toBe(before)
  })

  it('malformed JSON, wrong content types, non-objects, 10k nesting and oversized bodies are 4xx and create nothing', async () => {
    const before = sessionCount()
    for (const body of MALFORMED_JSON) expect(expectRejected(await post(body))).toBe('malformed_json')
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=utf-16']) {
      const headers: Record<string, string> = { ...api, 'content-type': ct }
      if (ct === '') delete headers['content-type']
      expectRejected(await post('{"preset":"age_over_18"}', headers), { label: ct })
    }
    for (const body of ['null', '[]', '1', '"age_over_18"', deepJson(10_000), deepObjectJson(5_000)]) expectRejected(await post(body), { status: [400, 413] })
    expect(expectRejected(await post(JSON.stringify({ preset: 'age_over_18', purpose: MARKER_NAME.repeat(4000) })), { status: 413 })).toBe('body_too_large')
    for (const enc of ['gzip', 'br', 'x-zz']) expectRejected(await post('{"preset":"age_over_18"}', { ...api, 'content-encoding': enc }), { label: enc })
    expect(sessionCount()).toBe(before)
  })

  it('every field with every hostile value is 4xx and creates nothing', async () => {
    const before = sessionCount()
    for (const field of ['preset', 'dcql_query', 'purpose', 'redirect_uri']) {
      for (const v of HOSTILE_VALUES) {
        if (field === 'purpose' && typeof v === 'string' && v.trim().length > 0 && [...v.trim()].length <= 256) continue // a valid purpose
        const body = field === 'preset' ? { [field]: v } : { preset: 'age_over_18', [field]: v }
        expectRejected(await post(JSON.stringify(body)), { status: [400, 403, 413], label: `${field} ${JSON.stringify(v).slice(0, 40)}` })
      }
    }
    const bodies = [
      { preset: 'age_over_18', dcql_query: { credentials: [] } },
      { dcql_query: { credentials: [{ id: 'x', format: 'dc+sd-jwt', claims: [{ path: ['national_id'] }] }] } },
      { dcql_query: { credentials: Array.from({ length: 200 }, (_, i) => ({ id: `q${i}`, format: 'dc+sd-jwt', claims: [{ path: ['age_over_18'] }] })) } },
      { dcql_query: { credentials: [{ id: MARKER_ID, format: 'dc+sd-jwt', claims: [{ path: ['not_registered'] }] }] } },
      { preset: 'kyc' },
      { preset: '__proto__' },
      { preset: 'age_over_18', redirect_uri: 'javascript:alert(1)' },
      { preset: 'age_over_18', redirect_uri: 'http://evil.example/cb' },
      { preset: 'age_over_18', redirect_uri: 'https://rp.example/cb#frag' },
      { preset: 'age_over_18', unknown: MARKER_ID },
    ]
    for (const b of bodies) expectRejected(await post(JSON.stringify(b)), { label: JSON.stringify(b).slice(0, 60) })
    expect(sessionCount()).toBe(before)
  })

  it('prototype keys inside dcql_query pollute nothing (the query is accepted or refused, never a 5xx)', async () => {
    const body = `{"dcql_query":{"__proto__":{"credentials":[]},"credentials":[{"id":"x","format":"dc+sd-jwt","constructor":{"prototype":{"polluted":1}},"__proto__":{"polluted":1},"claims":[{"path":["age_over_18"]}]}]}}`
    const r = await post(body)
    if (r.status !== 201) expectRejected(r)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const again = await post('{"preset":"age_over_18"}')
    expect(again.status).toBe(201)
    expect(again.text).not.toContain('polluted')
  })

  it('fast-check: arbitrary JSON bodies are 4xx or a created presentation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (v) => {
        const r = await post(JSON.stringify(v))
        if (r.status !== 201) expectRejected(r)
      }),
      { numRuns: 40 },
    )
  })
})

describe('verifier: direct_post response endpoint (form)', () => {
  const post = (body: string, headers: Record<string, string> = FORM_CT) => send(h.baseUrl, { method: 'POST', path: '/responses', headers, body })

  it('malformed bodies with the live state are refused before the session is touched', async () => {
    const state = encodeURIComponent(pending.state)
    const vp = encodeURIComponent(JSON.stringify({ pid: ['x~'] }))
    const bodies = [
      '', `state=${state}`, `vp_token=${vp}`, `state=${state}&state=${state}&vp_token=${vp}`, `state=${state}&vp_token=${vp}&vp_token=${vp}`,
      `state=${state}&vp_token=%zz`, `state=${state}&vp_token=%`, `state=${state}&vp_token=${encodeURIComponent('{"pid":')}`,
      `state=${state}&vp_token=null`, `state=${state}&vp_token=[]`, `state=${state}&vp_token=${encodeURIComponent('{"pid":"x"}')}`,
      `state=${state}&vp_token=${encodeURIComponent('{"pid":[]}')}`, 
      `state=${state}&vp_token=${encodeURIComponent(`{"pid":[${'"x",'.repeat(10)}"x"]}`)}`,
      `state=${state}&vp_token=${encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`q${i}`, ['x']]))))}`,
      `state=${state}&vp_token=${encodeURIComponent(deepJson(5_000))}`, `state=${state}&vp_token=${encodeURIComponent(deepObjectJson(5_000))}`,
      `state=${state}&vp_token=${encodeURIComponent(JSON.stringify({ pid: ['x'.repeat(40_000)] }))}`,
      `state=${state}&error=${encodeURIComponent('"bad"\u0000')}`, `state=${state}&error=access_denied&error=x`, `state=${state}&error=${'e'.repeat(100)}`,
      `state=${state}&error=access_denied&error_description=${'d'.repeat(600)}`, `state[]=${state}&vp_token=${vp}`,
      `${'p=1&'.repeat(20)}state=${state}&vp_token=${vp}`, `state=${state}&vp_token=${encodeURIComponent('{"pid":["x"]}')}%ED%A0%80`,
    ]
    for (const body of bodies) {
      const r = await post(body)
      expectRejected(r, { status: [400, 413], label: body.slice(0, 80), secrets: [pending.state] })
      expect(await statusOf(pending.id), body.slice(0, 80)).toBe('pending')
    }
  })

  it('wrong content types, encodings and oversized bodies are 4xx and leave the session pending', async () => {
    const body = `state=${encodeURIComponent(pending.state)}&vp_token=${encodeURIComponent('{"pid":["x~"]}')}`
    for (const ct of ['application/json', 'text/plain', 'multipart/form-data; boundary=x', '', 'application/x-www-form-urlencoded; charset=utf-16']) {
      const headers: Record<string, string> = ct ? { 'content-type': ct } : {}
      expectRejected(await post(ct === 'application/json' ? JSON.stringify({ state: pending.state, vp_token: { pid: ['x~'] } }) : body, headers), { label: ct })
    }
    for (const enc of ['gzip', 'deflate', 'x-zz']) expectRejected(await post(body, { ...FORM_CT, 'content-encoding': enc }), { label: enc })
    expect(expectRejected(await post(`${body}&pad=${'x'.repeat(300_000)}`), { status: 413 })).toBe('body_too_large')
    expect(await statusOf(pending.id)).toBe('pending')
  })

  it('unknown states are 4xx, with any vp_token', async () => {
    for (const state of [MARKER_TOKEN, MARKER_ID, 'x'.repeat(512), '%00', encodeURIComponent('\u202e'), '__proto__']) {
      expectRejected(await post(`state=${state}&vp_token=${encodeURIComponent('{"pid":["a~b~"]}')}`), { secrets: [MARKER_TOKEN] })
      expectRejected(await post(`state=${state}&error=access_denied`), { secrets: [MARKER_TOKEN] })
    }
    expect(await statusOf(pending.id)).toBe('pending')
  })

  it('fast-check: arbitrary parameter lists are 4xx', async () => {
    const name = fc.oneof(fc.constantFrom('state', 'vp_token', 'error', 'error_description', '__proto__'), fc.string({ maxLength: 10 }))
    const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.json({ maxDepth: 3 }), fc.constant(MARKER_TOKEN))
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, value), { maxLength: 6 }), async (pairs) => {
        expectRejected(await post(pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')), { secrets: [MARKER_TOKEN] })
      }),
      { numRuns: 40 },
    )
  })

  it('well-formed responses keyed by unknown or prototype query ids are rejected and recorded as rejected', async () => {
    for (const vp of [{ [MARKER_ID]: ['x'] }, JSON.parse('{"__proto__":["x"],"constructor":["y"]}') as unknown]) {
      const created = await h.createPresentation({ preset: 'age_over_18' })
      const request = await h.fetchRequest(created.json)
      const r = await post(`state=${encodeURIComponent(request.state as string)}&vp_token=${encodeURIComponent(JSON.stringify(vp))}`)
      expectRejected(r, { label: JSON.stringify(vp) })
      expect((await h.result(created.json.id as string)).json.status).toBe('rejected')
    }
    expect(({} as Record<string, unknown>)[0]).toBeUndefined()
  })

  it('a well-formed but bogus presentation is rejected with a code and recorded as rejected, without the token', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const request = await h.fetchRequest(created.json)
    const bogus = `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify({ national_id: MARKER_ID, given_name: MARKER_NAME })).toString('base64url')}.sig~`
    const r = await post(`state=${encodeURIComponent(request.state as string)}&vp_token=${encodeURIComponent(JSON.stringify({ [(request.dcql_query as { credentials: { id: string }[] }).credentials[0]?.id ?? 'pid']: [bogus] }))}`)
    expectRejected(r, { secrets: [bogus] })
    const result = await h.result(created.json.id as string)
    expect(result.json.status).toBe('rejected')
    expect(JSON.stringify(result.json)).not.toContain(MARKER_ID)
  })
})

describe('verifier: still serving', () => {
  it('creates a presentation and serves its request object after all of it', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    expect(created.status).toBe(201)
    await expectAlive(h.baseUrl, new URL(created.json.request_uri as string).pathname)
  })
})
