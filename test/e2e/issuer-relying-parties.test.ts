// E2E: the registrar's POST /admin/relying-parties returns an access certificate (x509_hash client_id) and a registration certificate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from 'jose'
import type { JWK } from 'jose'
import { certificateHash, verifyCertificateChain } from '../../shared/x509/index.ts'
import { verifyRegistrationCertificate } from '../../shared/registration/index.ts'
import type { RunningIssuer } from './issuer-harness.ts'
import { ADMIN_TOKEN, postJson, startIssuer, tokenRequest } from './issuer-harness.ts'

let run: RunningIssuer
let rpJwk: JWK
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` }
const register = (body: unknown, headers = auth) => postJson(`${run.url}/admin/relying-parties`, body, headers)

beforeAll(async () => {
  run = await startIssuer()
  rpJwk = await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey)
})
afterAll(async () => run.close())

const request = () => ({ name: 'Corner Shop', purpose: 'Age check for alcohol sales', allowed_claims: [['age_over_18']], origins: ['https://shop.example'], request_signing_jwk: rpJwk })

describe('relying-party registration', () => {
  it('issues an access certificate for the RP key under the registrar root, and a registration certificate', async () => {
    const r = await register(request())
    expect(r.status).toBe(201)
    const body = r.body as { client_id: string; access_certificate: string; access_certificate_chain: string[]; registration_certificate: string; registrar_root: string }
    const pki = (await (await fetch(`${run.url}/pki`)).json()) as { registrar_root: string; authority_root: string }
    expect(body.registrar_root).toBe(pki.registrar_root)
    expect(body.client_id).toBe(`x509_hash:${certificateHash(body.access_certificate)}`)
    const chain = await verifyCertificateChain(body.access_certificate_chain, [pki.registrar_root], new Date())
    expect(chain.leafPublicJwk.x).toBe(rpJwk.x)
    await expect(verifyCertificateChain(body.access_certificate_chain, [pki.authority_root], new Date())).rejects.toMatchObject({ code: 'x5c_untrusted' })

    const jwks = (await (await fetch(`${run.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] }
    const reg = await verifyRegistrationCertificate(body.registration_certificate, {
      clientId: body.client_id,
      now: Math.floor(Date.now() / 1000),
      registrarKey: async (h) => {
        const k = jwks.keys.find((j) => j.kid === h.kid)
        if (!k) throw new Error('registrar kid not published')
        return k
      },
    })
    expect(reg).toMatchObject({ clientId: body.client_id, name: 'Corner Shop', purpose: 'Age check for alcohol sales', allowedClaims: [['age_over_18']], origins: ['https://shop.example'], issuer: run.url })
    // the registrar key is not a credential-signing key
    const vc = (await (await fetch(`${run.url}/.well-known/jwt-vc-issuer`)).json()) as { jwks: { keys: JWK[] } }
    const header = JSON.parse(Buffer.from(body.registration_certificate.split('.')[0] ?? '', 'base64url').toString()) as { kid: string; typ: string }
    expect(header.typ).toBe('rc-wrp+jwt')
    expect(vc.jwks.keys.map((k) => k.kid)).not.toContain(header.kid)
    expect(await run.issuer.store.findRelyingParty(body.client_id)).toMatchObject({ name: 'Corner Shop' })
  })

  it('assigns a service_id, and keeps it when the service re-registers a new key with its previous registration certificate', async () => {
    const first = (await register(request())).body as { client_id: string; service_id: string; registration_certificate: string }
    expect(first.service_id).toMatch(/^svc:[A-Za-z0-9_-]{22}$/)
    expect(decodeJwt(first.registration_certificate)).toMatchObject({ sub: first.client_id, service_id: first.service_id })
    const newKey = await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey)
    const again = await register({ ...request(), request_signing_jwk: newKey, previous_registration_certificate: first.registration_certificate })
    const body = again.body as { client_id: string; service_id: string; registration_certificate: string }
    expect(again.status).toBe(201)
    expect(body.client_id).not.toBe(first.client_id)
    expect(body.service_id).toBe(first.service_id)
    expect(decodeJwt(body.registration_certificate).service_id).toBe(first.service_id)
    // a fresh registration gets another service id
    expect(((await register(request())).body as { service_id: string }).service_id).not.toBe(first.service_id)
  })

  it('refuses a previous registration certificate it did not sign (registration_signature_invalid)', async () => {
    const first = (await register(request())).body as { registration_certificate: string }
    const [h] = first.registration_certificate.split('.')
    const other = await generateKeyPair('ES256')
    const forged = await new SignJWT({ ...decodeJwt(first.registration_certificate), service_id: 'svc:AAAAAAAAAAAAAAAAAAAAAA' })
      .setProtectedHeader(JSON.parse(Buffer.from(h ?? '', 'base64url').toString()) as { alg: string })
      .sign(other.privateKey)
    const r = await register({ ...request(), previous_registration_certificate: forged })
    expect(r).toMatchObject({ status: 400, body: { code: 'registration_signature_invalid' } })
  })

  it('accepts an Ed25519 request-signing key', async () => {
    const ed = await exportJWK((await generateKeyPair('EdDSA', { extractable: true })).publicKey)
    expect((await register({ ...request(), request_signing_jwk: ed })).status).toBe(201)
  })

  it('in process: IssuerApp.registerRelyingParty and IssuerApp.enroll answer like the admin routes', async () => {
    const rp = await run.issuer.registerRelyingParty(request())
    expect(rp.client_id).toMatch(/^x509_hash:/)
    const e = await run.issuer.enroll({ national_id: '11010519491231002X', family_name: 'Zhang', given_name: 'Wei' })
    const code = e.credential_offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code']
    expect((await tokenRequest(run.url, code, e.tx_code)).status).toBe(200)
    await expect(run.issuer.enroll({ national_id: 'x' })).rejects.toMatchObject({ code: 'invalid_request' })
  })

  it('401 without the admin token', async () => {
    expect((await register(request(), { authorization: 'Bearer nope' })).body.code).toBe('unauthorized')
  })

  it('refuses a private key, a bad claims path, a missing field and unknown fields', async () => {
    const priv = await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)
    expect((await register({ ...request(), request_signing_jwk: priv })).body.code).toBe('jwk_has_private_members')
    expect((await register({ ...request(), allowed_claims: [[]] })).body.code).toBe('claims_path_invalid')
    expect((await register({ ...request(), allowed_claims: [] })).body.code).toBe('invalid_request')
  })

  it('refuses a claim no credential type carries (age_over_25, a nested path below a leaf): claim_not_issued, never quoting it', async () => {
    for (const claims of [[['age_over_25']], [['age_over_18'], ['age_over_25']], [['region', 'code', 'x']], [['<b>Qzclaim\r\n</b>']]]) {
      const r = await register({ ...request(), allowed_claims: claims })
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({ code: 'claim_not_issued', error: 'invalid_request' })
      expect(JSON.stringify(r.body)).not.toMatch(/age_over_25|Qzclaim/)
    }
    for (const claims of [[['age_over_21']], [['region', 'code']], [['address']], [['given_name'], ['national_id']]]) {
      expect((await register({ ...request(), allowed_claims: claims })).status).toBe(201)
    }
    expect((await register({ ...request(), purpose: undefined })).body.code).toBe('invalid_request')
    expect((await register({ ...request(), admin: true })).body.code).toBe('invalid_request')
    expect((await register({ ...request(), request_signing_jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } })).status).toBe(400)
  })

  it('refuses claims paths outside the DCQL grammar with claims_path_invalid', async () => {
    // grammar (forbidden names anywhere, indices integers >= 0, a name first) and structure (null or an index only where
    // a credential type has an array: the PID has none, so ['address', null] applies null to an object)
    for (const path of [['__proto__'], ['constructor', 'prototype'], ['address', 'prototype'], ['region', 'constructor'], [null], [0, 'x'], [], ['address', -1], ['address', 1.5], ['address', null], ['address', 0], ['age_over_18', null], ['region', null, 'code']]) {
      const r = await register({ ...request(), allowed_claims: [['age_over_18'], path] })
      expect([r.status, (r.body as { code: string }).code], JSON.stringify(path)).toEqual([400, 'claims_path_invalid'])
    }
  })

  it('refuses origins that are not origins (a path, another scheme)', async () => {
    for (const origins of [['https://shop.example/path'], ['ftp://shop.example'], ['shop.example'], []]) {
      expect((await register({ ...request(), origins })).body.code, JSON.stringify(origins)).toBe('invalid_request')
    }
  })

  it('refuses an http origin off loopback, and a callback that is not https, carries credentials or a fragment', async () => {
    expect((await register({ ...request(), origins: ['http://shop.example'] })).body.code).toBe('invalid_request')
    for (const callback of ['http://shop.example/hook', 'https://user:pw@shop.example/hook', 'https://shop.example/hook#x', 'javascript:alert(1)', 'shop.example/hook']) {
      const r = await register({ ...request(), callback })
      expect([r.status, (r.body as { code: string }).code], callback).toEqual([400, 'invalid_request'])
    }
    const ok = await register({ ...request(), origins: ['http://127.0.0.1:4002'], callback: 'http://localhost:9000/hook' })
    expect([ok.status, (ok.body as { callback: string }).callback]).toEqual([201, 'http://localhost:9000/hook'])
  })
})
