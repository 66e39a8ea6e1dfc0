// Verifier service over real HTTP on 127.0.0.1: RP API, request object, direct_post, result holding only requested claims.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leakedSecrets } from '../support/leaks.ts'
import { createVerifierApp } from '../../verifier/app.ts'
import { createTestRelyingParty, startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'

let h: VerifierHarness

beforeAll(async () => {
  h = await startVerifierHarness({ allowedClaims: [['age_over_18'], ['age_over_21'], ['region']] })
})
afterAll(() => h.close())

describe('verifier: relying-party API', () => {
  it('POST /presentations with a preset returns id, request_uri and openid4vp:// request, and a QR code only when asked', async () => {
    const r = await h.createPresentation({ preset: 'age_over_18', purpose: 'Buying wine', qr: true })
    expect(r.status).toBe(201)
    expect(r.json.id).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(r.json.request_uri).toBe(`${h.baseUrl}/requests/${r.json.id as string}`)
    const uri = new URL(r.json.authorization_request as string)
    expect(uri.protocol).toBe('openid4vp:')
    expect(uri.searchParams.get('client_id')).toBe(h.verifier.clientId)
    expect(uri.searchParams.get('request_uri')).toBe(r.json.request_uri)
    expect(r.json.qr_svg).toMatch(/^<svg/)
    expect((await h.result(r.json.id as string)).json).toEqual({ status: 'pending' })
    const plain = await h.createPresentation({ preset: 'age_over_18' })
    expect(plain.status).toBe(201)
    expect(plain.json).not.toHaveProperty('qr_svg')
  })

  it('GET /presentations/:id/qr.svg renders the QR code of a pending request, with the API key only', async () => {
    const r = await h.createPresentation({ preset: 'age_over_18' })
    const qr = (key: string, id = r.json.id as string) => fetch(`${h.baseUrl}/presentations/${id}/qr.svg`, { headers: { authorization: `Bearer ${key}` } })
    const res = await qr(h.apiKey)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    // the same code POST /presentations renders with qr: true for the same request
    const withQr = await h.createPresentation({ preset: 'age_over_18', qr: true })
    const again = await qr(h.apiKey, withQr.json.id as string)
    expect(await again.text()).toBe(withQr.json.qr_svg)
    expect(await res.text()).toMatch(/^<svg/)
    const denied = await qr('wrong-key-wrong-key-wrong')
    expect(denied.status).toBe(401)
    expect(((await denied.json()) as { code: string }).code).toBe('unauthorized')
    const unknown = await qr(h.apiKey, 'A'.repeat(32))
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { code: string }).code).toBe('presentation_not_found')
  })

  it('GET /presentations/:id/qr.svg of an expired request: 400 request_expired', async () => {
    const r = await h.createPresentation({ preset: 'age_over_18' })
    h.clock.offset += 3600
    try {
      const res = await fetch(`${h.baseUrl}/presentations/${r.json.id as string}/qr.svg`, { headers: { authorization: `Bearer ${h.apiKey}` } })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { code: string }).code).toBe('request_expired')
    } finally {
      h.clock.offset -= 3600
    }
  })

  it('refuses a qr flag that is not a boolean: 400 invalid_request', async () => {
    const r = await h.createPresentation({ preset: 'age_over_18', qr: 'yes' })
    expect(r.status).toBe(400)
    expect(r.json.code).toBe('invalid_request')
  })

  it('serves a signed request object a wallet verifies (x5c chain, client_id, registration, policy)', async () => {
    const r = await h.createPresentation({ preset: 'age_over_18' })
    const res = await fetch(r.json.request_uri as string)
    expect(res.headers.get('content-type')).toMatch(/^application\/oauth-authz-req\+jwt/)
    const payload = await h.fetchRequest(r.json)
    expect(payload).toMatchObject({
      client_id: h.verifier.clientId, response_type: 'vp_token', response_mode: 'direct_post', response_uri: `${h.baseUrl}/responses`,
    })
    expect(payload.dcql_query.credentials[0]).toMatchObject({ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [PID_VCT] }, claims: [{ path: ['age_over_18'] }] })
    expect(payload.verifier_info?.[0]?.format).toBe('registration_cert')
  })

  it('refuses a query beyond its own registration: 403 claim_not_registered', async () => {
    const r = await h.createPresentation({ preset: 'kyc' })
    expect(r.status).toBe(403)
    expect(r.json.code).toBe('claim_not_registered')
  })

  it('refuses a bad API key: 401 unauthorized', async () => {
    const r = await h.createPresentation({ preset: 'age_over_18' }, 'wrong-key-wrong-key-wrong')
    expect(r.status).toBe(401)
    expect(r.json.code).toBe('unauthorized')
  })

  it('refuses both preset and dcql_query, or neither, or an unknown preset: 400 invalid_request', async () => {
    for (const body of [{}, { preset: 'age_over_18', dcql_query: {} }, { preset: 'shoe_size' }, { preset: 'age_over_18', extra: 1 }]) {
      const r = await h.createPresentation(body)
      expect(r.status).toBe(400)
      expect(r.json.code).toBe('invalid_request')
    }
  })

  it('refuses an invalid dcql_query: 400 dcql_query_invalid', async () => {
    const r = await h.createPresentation({ dcql_query: { credentials: [{ id: 'x', format: 'mso_mdoc', meta: { doctype_value: 'a' } }] } })
    expect(r.json.code).toBe('dcql_query_invalid')
  })

  it('refuses multiple and trusted_authorities in a dcql_query: 400 dcql_query_invalid', async () => {
    const base = { id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [PID_VCT] }, claims: [{ path: ['age_over_18'] }] }
    for (const extra of [{ multiple: true }, { trusted_authorities: [{ type: 'aki', values: ['s9tIpPmhxdiuNkHMEWNpYim8S8Y'] }] }]) {
      const r = await h.createPresentation({ dcql_query: { credentials: [{ ...base, ...extra }] } })
      expect(r.json.code).toBe('dcql_query_invalid')
    }
  })

  it('will not start with an expired registration certificate: registration_expired', async () => {
    const now = Math.floor(Date.now() / 1000)
    const old = await createTestRelyingParty({ now: now - 7200, allowedClaims: [['age_over_18']], registrationExp: now - 60 })
    await expect(createVerifierApp({
      dataDir: ':memory:', verifierUrl: 'http://127.0.0.1:1', apiKey: 'k'.repeat(20), trustedIssuers: [{ issuer: 'http://127.0.0.1:2' }],
      relyingParty: old.credentials, statusChecker: false,
    })).rejects.toMatchObject({ code: 'registration_expired' })
  })

  it('GET /presentations/:id of an unknown id: 404 presentation_not_found', async () => {
    const r = await h.result('nope')
    expect(r.status).toBe(404)
    expect(r.json.code).toBe('presentation_not_found')
  })
})

describe('verifier: presentation', () => {
  it('verifies age_over_18 and stores exactly { age_over_18: true }', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const req = await h.fetchRequest(created.json)
    const vp = await h.present(await h.credential(), [['age_over_18']], req)
    const post = await h.post({ vp_token: JSON.stringify({ pid: [vp] }), state: req.state })
    expect(post).toEqual({ status: 200, json: {} })
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('verifies region (an object claim) and returns it whole', async () => {
    const created = await h.createPresentation({ preset: 'region' })
    const req = await h.fetchRequest(created.json)
    await h.post({ vp_token: JSON.stringify({ pid: [await h.present(await h.credential(), [['region']], req)] }), state: req.state })
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'verified', claims: { region: { code: '11', name: 'Beijing' } } })
  })

  it('carries purpose as a DCQL credential set and still verifies', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18', purpose: 'Buying wine' })
    const req = await h.fetchRequest(created.json)
    expect(req.dcql_query.credential_sets).toEqual([{ options: [['pid']], required: true, purpose: 'Buying wine' }])
    await h.post({ vp_token: JSON.stringify({ pid: [await h.present(await h.credential(), [['age_over_18']], req)] }), state: req.state })
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('verifies a custom DCQL query with two claims', async () => {
    const dcql_query = { credentials: [{ id: 'id1', format: 'dc+sd-jwt', meta: { vct_values: [PID_VCT] }, claims: [{ path: ['age_over_18'] }, { path: ['age_over_21'] }] }] }
    const created = await h.createPresentation({ dcql_query })
    const req = await h.fetchRequest(created.json)
    await h.post({ vp_token: JSON.stringify({ id1: [await h.present(await h.credential(), [['age_over_18'], ['age_over_21']], req)] }), state: req.state })
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'verified', claims: { age_over_18: true, age_over_21: true } })
  })

  it('records a declined request (error=access_denied) as rejected', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const req = await h.fetchRequest(created.json)
    expect((await h.post({ error: 'access_denied', state: req.state })).status).toBe(200)
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'rejected', error: 'access_denied' })
  })

  it('reports an unanswered request past its lifetime as expired, and stops serving it', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    h.clock.offset = 400
    try {
      expect((await h.result(created.json.id as string)).json).toEqual({ status: 'expired' })
      const res = await fetch(created.json.request_uri as string)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { code: string }).code).toBe('request_expired')
    } finally {
      h.clock.offset = 0
    }
  })

  it('logs routes and codes but no claim values, tokens or names', async () => {
    const logs = h.logs.join('\n')
    expect(logs).toContain('"route":"/presentations"')
    expect(leakedSecrets(logs, ['Zhang', 'Wei', '119900199005179016', 'Beijing', '~'])).toEqual([])
  })
})

describe('verifier: kyc for a service registered for it', () => {
  it('verifies names, birthdate and national_id, and returns exactly those', async () => {
    const kyc = await startVerifierHarness({ allowedClaims: [['given_name'], ['family_name'], ['birthdate'], ['national_id']] })
    try {
      const created = await kyc.createPresentation({ preset: 'kyc' })
      const req = await kyc.fetchRequest(created.json)
      const paths = [['given_name'], ['family_name'], ['birthdate'], ['national_id']]
      await kyc.post({ vp_token: JSON.stringify({ pid: [await kyc.present(await kyc.credential(), paths, req)] }), state: req.state })
      expect((await kyc.result(created.json.id as string)).json).toEqual({
        status: 'verified', claims: { given_name: 'Wei', family_name: 'Zhang', birthdate: '1990-05-17', national_id: '119900199005179016' },
      })
      expect((await kyc.createPresentation({ preset: 'age_over_18' })).json.code).toBe('claim_not_registered')
    } finally {
      await kyc.close()
    }
  })
})

describe('verifier: same-device flow (redirect_uri + response_code)', () => {
  it('redirects the wallet with a response_code the service needs to read the result', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18', redirect_uri: 'https://shop.example/done?order=7' })
    const req = await h.fetchRequest(created.json)
    const post = await h.post({ vp_token: JSON.stringify({ pid: [await h.present(await h.credential(), [['age_over_18']], req)] }), state: req.state })
    const redirect = new URL(post.json.redirect_uri as string)
    expect(`${redirect.origin}${redirect.pathname}${redirect.search}`).toBe('https://shop.example/done?order=7')
    const code = /^#response_code=([A-Za-z0-9_-]{32})$/.exec(redirect.hash)?.[1] ?? ''
    expect(code).not.toBe('')
    const res = await fetch(`${h.baseUrl}/presentations/${created.json.id as string}?response_code=${code}`, { headers: { authorization: `Bearer ${h.apiKey}` } })
    expect(await res.json()).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('withholds the result without the right response_code: 403 response_code_invalid', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18', redirect_uri: 'http://127.0.0.1:9/back' })
    const req = await h.fetchRequest(created.json)
    await h.post({ error: 'access_denied', state: req.state })
    for (const q of ['', '?response_code=wrong']) {
      const res = await fetch(`${h.baseUrl}/presentations/${created.json.id as string}${q}`, { headers: { authorization: `Bearer ${h.apiKey}` } })
      expect(res.status).toBe(403)
      expect(((await res.json()) as { code: string }).code).toBe('response_code_invalid')
    }
  })

  it('refuses a redirect_uri that is plain http off loopback or has a fragment: invalid_request', async () => {
    for (const redirect_uri of ['http://shop.example/back', 'https://shop.example/back#x', 'javascript:alert(1)']) {
      expect((await h.createPresentation({ preset: 'age_over_18', redirect_uri })).json.code).toBe('invalid_request')
    }
  })
})
