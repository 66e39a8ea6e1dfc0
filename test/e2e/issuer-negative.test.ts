// E2E rejections: each failure returns its OAuth error and code with a 4xx, and writes nothing (the nonce and token stay usable).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignJWT } from 'jose'
import { randomBytes } from 'node:crypto'
import { secretHash } from '../../issuer/flows/secrets.ts'
import { createCNonce } from '../../shared/oid4vci/index.ts'
import type { HolderKey, RunningIssuer } from './issuer-harness.ts'
import { ADMIN_TOKEN, PERSON, accessToken, credentialRequest, enroll, holderKey, nonce, postForm, postJson, proofJwt, startIssuer, tokenRequest } from './issuer-harness.ts'

let run: RunningIssuer
let clock = Math.floor(Date.now() / 1000)
let holder: HolderKey

beforeAll(async () => {
  run = await startIssuer({ now: () => clock, bbs: false }) // SD-JWT only: a token's limit is then exactly the batch size
  holder = await holderKey()
})
afterAll(async () => run.close())

const expectError = (r: { status: number; body: Record<string, unknown> }, status: number, error: string, code: string) => {
  expect({ status: r.status, error: r.body.error, code: r.body.code }).toEqual({ status, error, code })
}

describe('token endpoint', () => {
  it('wrong tx_code: invalid_grant, no token; the right code still works', async () => {
    const e = await enroll(run.url)
    expectError(await tokenRequest(run.url, e.code, '000000x'), 400, 'invalid_grant', 'tx_code_invalid')
    expect((await tokenRequest(run.url, e.code, e.tx_code)).status).toBe(200)
  })

  it('five wrong tx_codes invalidate the offer, even for the right code afterwards', async () => {
    const e = await enroll(run.url)
    for (let i = 0; i < 4; i++) expectError(await tokenRequest(run.url, e.code, 'wrong'), 400, 'invalid_grant', 'tx_code_invalid')
    expectError(await tokenRequest(run.url, e.code, 'wrong'), 400, 'invalid_grant', 'offer_locked')
    expectError(await tokenRequest(run.url, e.code, e.tx_code), 400, 'invalid_grant', 'offer_locked')
  })

  it('a used pre-authorized code cannot be replayed', async () => {
    const e = await enroll(run.url)
    expect((await tokenRequest(run.url, e.code, e.tx_code)).status).toBe(200)
    expectError(await tokenRequest(run.url, e.code, e.tx_code), 400, 'invalid_grant', 'pre_authorized_code_invalid')
  })

  it('an expired pre-authorized code is refused', async () => {
    const e = await enroll(run.url)
    clock += 601
    try {
      expectError(await tokenRequest(run.url, e.code, e.tx_code), 400, 'invalid_grant', 'pre_authorized_code_invalid')
    } finally {
      clock -= 601
    }
  })

  it('a missing tx_code is invalid_request and costs no attempt', async () => {
    const e = await enroll(run.url)
    expectError(await tokenRequest(run.url, e.code, undefined), 400, 'invalid_request', 'tx_code_required')
    expect((await tokenRequest(run.url, e.code, e.tx_code)).status).toBe(200)
  })

  it('another grant type is unsupported_grant_type', async () => {
    expectError(await postForm(`${run.url}/token`, { grant_type: 'authorization_code', code: 'x' }), 400, 'unsupported_grant_type', 'unsupported_grant_type')
  })

  it('unknown parameters are ignored', async () => {
    const e = await enroll(run.url)
    const r = await tokenRequest(run.url, e.code, e.tx_code, { client_id: 'wallet', foo: 'bar' })
    expect(r.status).toBe(200)
    expect(r.body.token_type).toBe('Bearer')
    expect(r.headers.get('cache-control')).toBe('no-store')
  })
})

describe('credential endpoint', () => {
  let token: string
  let n: string
  const remaining = async () => (await run.issuer.store.findAccessToken(secretHash(token), clock))?.remaining

  beforeAll(async () => {
    token = await accessToken(run.url)
    n = await nonce(run.url)
  })

  const rejectProof = async (proof: string | Promise<string>, status: number, error: string, code: string) => {
    expectError(await credentialRequest(run.url, token, [await proof]), status, error, code)
    expect(await remaining()).toBe(10)
  }

  it('the nonce endpoint is not cacheable', async () => {
    const res = await fetch(`${run.url}/nonce`, { method: 'POST' })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('missing c_nonce: invalid_proof (§8.3.1.2), not invalid_nonce', () => rejectProof(proofJwt(holder, { aud: run.url }), 400, 'invalid_proof', 'proof_nonce_missing'))
  it('unknown c_nonce: invalid_nonce', () => rejectProof(proofJwt(holder, { aud: run.url, nonce: 'made-up' }), 400, 'invalid_nonce', 'nonce_invalid'))
  it('proof signed by another key than its jwk: invalid_proof', async () => {
    const other = await holderKey()
    await rejectProof(proofJwt(other, { aud: run.url, nonce: n, header: { jwk: holder.publicJwk } }), 400, 'invalid_proof', 'proof_signature_invalid')
  })
  it('wrong aud: invalid_proof', () => rejectProof(proofJwt(holder, { aud: 'https://other.example', nonce: n }), 400, 'invalid_proof', 'proof_aud_mismatch'))
  it('stale iat: invalid_proof', () => rejectProof(proofJwt(holder, { aud: run.url, nonce: n, iat: clock - 3600 }), 400, 'invalid_proof', 'proof_iat_invalid'))
  it('wrong typ: invalid_proof', () => rejectProof(proofJwt(holder, { aud: run.url, nonce: n, header: { typ: 'JWT' } }), 400, 'invalid_proof', 'proof_typ_invalid'))
  it('alg none: invalid_proof', async () => {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const jwt = `${enc({ alg: 'none', typ: 'openid4vci-proof+jwt', jwk: holder.publicJwk })}.${enc({ aud: run.url, iat: clock, nonce: n })}.`
    await rejectProof(jwt, 400, 'invalid_proof', 'proof_alg_not_allowed')
  })
  it('HS256 with a symmetric jwk: invalid_proof', async () => {
    const jwt = await new SignJWT({ aud: run.url, iat: clock, nonce: n })
      .setProtectedHeader({ alg: 'HS256', typ: 'openid4vci-proof+jwt', jwk: { kty: 'oct', k: 'c2VjcmV0' } as never })
      .sign(new TextEncoder().encode('secret-secret-secret-secret-secret'))
    await rejectProof(jwt, 400, 'invalid_proof', 'proof_alg_not_allowed')
  })
  it('more proofs than the batch size: invalid_credential_request', async () => {
    const proofs = await Promise.all(Array.from({ length: 11 }, async () => proofJwt(await holderKey(), { aud: run.url, nonce: n })))
    expectError(await credentialRequest(run.url, token, proofs), 400, 'invalid_credential_request', 'batch_too_large')
    expect(await remaining()).toBe(10)
  })
  it('the same key in two proofs: invalid_proof', async () => {
    const p = await proofJwt(holder, { aud: run.url, nonce: n })
    expectError(await credentialRequest(run.url, token, [p, p]), 400, 'invalid_proof', 'proof_key_reused')
  })
  it('unknown credential_configuration_id', async () => {
    const p = await proofJwt(holder, { aud: run.url, nonce: n })
    expectError(await credentialRequest(run.url, token, [p], { credential_configuration_id: 'mdl' }), 400, 'unknown_credential_configuration', 'credential_configuration_unknown')
  })
  it('a configuration not in this issuer\'s format table (pid_bbs when it runs with bbs: false) is unknown and unpublished', async () => {
    const md = (await (await fetch(`${run.url}/.well-known/openid-credential-issuer`)).json()) as { credential_configurations_supported: object }
    expect(Object.keys(md.credential_configurations_supported)).toEqual(['pid_sd_jwt'])
    const p = await proofJwt(holder, { aud: run.url, nonce: n })
    for (const id of ['pid_bbs', 'constructor', '__proto__']) {
      expectError(await credentialRequest(run.url, token, [p], { credential_configuration_id: id }), 400, 'unknown_credential_configuration', 'credential_configuration_unknown')
    }
  })
  it('the removed single proof parameter: invalid_credential_request, proof_singular_unsupported', async () => {
    const p = await proofJwt(holder, { aud: run.url, nonce: n })
    const r = await postJson(`${run.url}/credential`, { credential_configuration_id: 'pid_sd_jwt', proof: { proof_type: 'jwt', jwt: p } }, { authorization: `Bearer ${token}` })
    expectError(r, 400, 'invalid_credential_request', 'proof_singular_unsupported')
    expect(await remaining()).toBe(10)
  })
  it('no proofs: invalid_proof, proofs_missing', async () => {
    const r = await postJson(`${run.url}/credential`, { credential_configuration_id: 'pid_sd_jwt' }, { authorization: `Bearer ${token}` })
    expectError(r, 400, 'invalid_proof', 'proofs_missing')
  })
  it('proofs holding both jwt and attestation: invalid_proof, proofs_multiple_types, nothing issued', async () => {
    const p = await proofJwt(holder, { aud: run.url, nonce: n })
    const r = await postJson(`${run.url}/credential`, { credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: [p], attestation: [p] } }, { authorization: `Bearer ${token}` })
    expectError(r, 400, 'invalid_proof', 'proofs_multiple_types')
    expect(await remaining()).toBe(10)
  })
  it('no or unknown access token: 401 invalid_token with WWW-Authenticate', async () => {
    const p = await proofJwt(holder, { aud: run.url, nonce: n })
    const r = await postJson(`${run.url}/credential`, { credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: [p] } })
    expectError(r, 401, 'invalid_token', 'access_token_invalid')
    expect(r.headers.get('www-authenticate')).toContain('invalid_token')
    expectError(await credentialRequest(run.url, 'not-a-token', [p]), 401, 'invalid_token', 'access_token_invalid')
  })

  it('an expired access token: 401 invalid_token', async () => {
    const p = await proofJwt(holder, { aud: run.url, nonce: n, iat: clock + 601 })
    clock += 601
    try {
      expectError(await credentialRequest(run.url, token, [p]), 401, 'invalid_token', 'access_token_invalid')
    } finally {
      clock -= 601
    }
  })

  it('after all those failures the nonce is still unused; once used it cannot be reused', async () => {
    const ok = await credentialRequest(run.url, token, [await proofJwt(holder, { aud: run.url, nonce: n })])
    expect(ok.status).toBe(200)
    expect(await remaining()).toBe(9)
    const again = await credentialRequest(run.url, token, [await proofJwt(await holderKey(), { aud: run.url, nonce: n })])
    expectError(again, 400, 'invalid_nonce', 'nonce_invalid')
    expect(await remaining()).toBe(9)
  })

  it('a c_nonce made with another issuer\'s key, or this issuer\'s with its expiry or tag altered: invalid_nonce, nothing spent', async () => {
    const own = await accessToken(run.url) // its own token: the tests after this one count the shared token's credits
    const left = async () => (await run.issuer.store.findAccessToken(secretHash(own), clock))?.remaining
    const fresh = await nonce(run.url)
    const bytes = Buffer.from(fresh, 'base64url')
    const later = Buffer.from(bytes)
    later.writeUInt32BE(later.readUInt32BE(1) + 3600, 1) // a longer life
    const tag = Buffer.from(bytes)
    tag[35] = (tag[35] as number) ^ 1
    for (const forged of [createCNonce(randomBytes(32), clock + 300), later.toString('base64url'), tag.toString('base64url')]) {
      expectError(await credentialRequest(run.url, own, [await proofJwt(holder, { aud: run.url, nonce: forged })]), 400, 'invalid_nonce', 'nonce_invalid')
    }
    expect(await left()).toBe(10)
    // the original still works, once
    expect((await credentialRequest(run.url, own, [await proofJwt(await holderKey(), { aud: run.url, nonce: fresh })])).status).toBe(200)
    expectError(await credentialRequest(run.url, own, [await proofJwt(await holderKey(), { aud: run.url, nonce: fresh })]), 400, 'invalid_nonce', 'nonce_invalid')
    expect(await left()).toBe(9)
  })

  it('an expired c_nonce: invalid_nonce', async () => {
    const old = await nonce(run.url)
    clock += 301
    try {
      const r = await credentialRequest(run.url, token, [await proofJwt(holder, { aud: run.url, nonce: old, iat: clock })])
      expectError(r, 400, 'invalid_nonce', 'nonce_invalid')
    } finally {
      clock -= 301
    }
  })

  it('malformed JSON: 400 malformed_json', async () => {
    expectError(await postJson(`${run.url}/credential`, '{"proofs":', { authorization: `Bearer ${token}` }), 400, 'invalid_request', 'malformed_json')
  })
  it('oversized body: 413 body_too_large', async () => {
    const r = await postJson(`${run.url}/credential`, { pad: 'x'.repeat(70_000) }, { authorization: `Bearer ${token}` })
    expectError(r, 413, 'invalid_request', 'body_too_large')
    expect(await remaining()).toBe(9)
  })
  it('a body in another charset or with an unknown content-encoding: 415 unsupported_media_type', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${run.url}/credential`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body: '{}' })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }))
    expectError(await post({ 'content-type': 'application/json; charset=latin1' }), 415, 'invalid_request', 'unsupported_media_type')
    expectError(await post({ 'content-type': 'application/json', 'content-encoding': 'x-made-up' }), 415, 'invalid_request', 'unsupported_media_type')
    expect(await remaining()).toBe(9)
  })
  it('a token request with more than 32 form parameters: 400 input_too_large', async () => {
    const params = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}`, 'x']))
    expectError(await postForm(`${run.url}/token`, { grant_type: 'authorization_code', ...params }), 400, 'invalid_request', 'input_too_large')
  })
})

describe('admin API', () => {
  it('without or with a wrong bearer token: 401', async () => {
    expectError(await postJson(`${run.url}/admin/enrollments`, PERSON), 401, 'invalid_token', 'unauthorized')
    expectError(await postJson(`${run.url}/admin/enrollments`, PERSON, { authorization: 'Bearer wrong' }), 401, 'invalid_token', 'unauthorized')
    expectError(await postJson(`${run.url}/admin/relying-parties`, {}, { authorization: `Basic ${ADMIN_TOKEN}` }), 401, 'invalid_token', 'unauthorized')
  })
  it('twenty failed admin authentications from one IP: 429 until the window ends, even with the right token', async () => {
    const own = await startIssuer()
    try {
      for (let i = 0; i < 20; i++) expect((await postJson(`${own.url}/admin/enrollments`, PERSON, { authorization: `Bearer wrong-${i}` })).status).toBe(401)
      const blocked = await postJson(`${own.url}/admin/enrollments`, PERSON, { authorization: `Bearer ${ADMIN_TOKEN}` })
      expectError(blocked, 429, 'slow_down', 'rate_limited')
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/)
    } finally {
      await own.close()
    }
  })
  it('an invalid ID number: 400 invalid_national_id naming the rule, never the number', async () => {
    const bad = '110105194912310021'
    const r = await postJson(`${run.url}/admin/enrollments`, { ...PERSON, national_id: bad }, { authorization: `Bearer ${ADMIN_TOKEN}` })
    expectError(r, 400, 'invalid_request', 'invalid_national_id')
    expect(r.body.rule).toBe('check_character')
    expect(JSON.stringify(r.body)).not.toContain(bad)
  })
  it('unknown fields and malformed JSON are refused', async () => {
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` }
    expectError(await postJson(`${run.url}/admin/enrollments`, { ...PERSON, extra: 1 }, auth), 400, 'invalid_request', 'invalid_request')
    expectError(await postJson(`${run.url}/admin/enrollments`, '{', auth), 400, 'invalid_request', 'malformed_json')
    expectError(await postJson(`${run.url}/admin/enrollments`, { ...PERSON, family_name: 'x'.repeat(70_000) }, auth), 413, 'invalid_request', 'body_too_large')
  })
  it('unknown routes: 404 not_found', async () => {
    expectError(await postJson(`${run.url}/nope`, {}), 404, 'invalid_request', 'not_found')
  })
})

describe('rate limit', () => {
  it('the token endpoint answers 429 beyond the limit', async () => {
    const limited = await startIssuer({ rateLimit: { max: 3, windowSeconds: 60 } })
    try {
      const codes: number[] = []
      for (let i = 0; i < 5; i++) codes.push((await tokenRequest(limited.url, 'x', '1')).status)
      expect(codes).toEqual([400, 400, 400, 429, 429])
    } finally {
      await limited.close()
    }
  })
})

describe('an issuer without batch issuance (batch size 1)', () => {
  it('advertises no batch_credential_issuance and refuses two proofs: invalid_credential_request, batch_not_supported; one proof is issued', async () => {
    const single = await startIssuer({ batchSize: 1 })
    try {
      const md = (await (await fetch(`${single.url}/.well-known/openid-credential-issuer`)).json()) as Record<string, unknown>
      expect(md).not.toHaveProperty('batch_credential_issuance')
      const token = await accessToken(single.url)
      const n = await nonce(single.url)
      const two = [await proofJwt(await holderKey(), { aud: single.url, nonce: n }), await proofJwt(await holderKey(), { aud: single.url, nonce: n })]
      expectError(await credentialRequest(single.url, token, two), 400, 'invalid_credential_request', 'batch_not_supported')
      const one = await credentialRequest(single.url, token, [await proofJwt(await holderKey(), { aud: single.url, nonce: n })])
      expect(one.status).toBe(200)
      expect(one.body.credentials).toHaveLength(1)
    } finally {
      await single.close()
    }
  })
})
