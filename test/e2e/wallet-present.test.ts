// Wallet against local fixtures: accept a batch, present with consent, every present-side refusal by its code, unlinkability.
import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { CryptoKey } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKey, importPublicJwk } from '../../shared/keys/index.ts'
import { REGISTRATION_CERTIFICATE_TYP, signTypedJwt } from '../../shared/registration/index.ts'
import { decodeSdJwt, verifySdJwt } from '../../shared/sdjwt/index.ts'
import { createRootCertificate } from '../../shared/x509/index.ts'
import { openWallet } from '../../wallet/core/index.ts'
import type { Wallet } from '../../wallet/core/index.ts'
import { NOW, VCT, startFakeIssuer, startFakeVerifier, tempWallet } from './wallet-fixtures.ts'
import type { FakeIssuer, FakeVerifier, Service } from './wallet-fixtures.ts'

const yes = { consent: () => true }

let issuer: FakeIssuer
let verifier: FakeVerifier
let wallet: Wallet
let cleanup: () => Promise<void>
let shop: Service
let bar: Service

beforeAll(async () => {
  // once-only spends a copy per presentation: enough copies for every presentation of this file
  issuer = await startFakeIssuer({ batchSize: 16 })
  verifier = await startFakeVerifier()
  ;({ wallet, cleanup } = await tempWallet([verifier.registrarRoot], { batchSize: 16 }))
  await wallet.accept(issuer.offer(), { txCode: '123456' })
  shop = await verifier.registerService({ name: 'Wine Shop', allowedClaims: [['age_over_18']] })
  bar = await verifier.registerService({ name: 'Night Bar', allowedClaims: [['age_over_18'], ['age_over_21']] })
})

afterAll(async () => {
  await cleanup()
  await issuer.close()
  await verifier.close()
})

/** Verifies a posted vp_token as a verifier would and returns the single presentation's result. */
async function verifyPosted(requestIndex: number, clientId: string, nonce: string) {
  const posted = verifier.responses[requestIndex]
  expect(posted).toBeDefined()
  const vpToken = JSON.parse(posted?.body.vp_token ?? '') as Record<string, string[]>
  expect(Object.keys(vpToken)).toEqual(['pid'])
  const presentation = vpToken.pid?.[0] ?? ''
  const verified = await verifySdJwt(presentation, {
    now: NOW(),
    resolveIssuerKey: () => importPublicJwk(issuer.key.publicJwk, 'ES256'),
    keyBinding: { aud: clientId, nonce },
    expectedVct: VCT,
  })
  return { presentation, verified }
}

const sig = (p: string) => decodeSdJwt(p).jwt.split('.')[2]
const cnf = (v: { claims: Record<string, unknown> }) => JSON.stringify(v.claims.cnf)
const salts = (p: string) => decodeSdJwt(p).disclosures.map((d) => d.salt)

describe('wallet accept', () => {
  it('stores the batch: one credential per fresh holder key, all verified', async () => {
    const list = await wallet.list()
    expect(list).toHaveLength(16)
    expect(new Set(list.map((c) => c.id)).size).toBe(16)
    expect(list.every((c) => c.status === 'valid' && !c.expired && c.vct === VCT)).toBe(true)
    expect(list[0]?.claims.age_over_18).toBe(true)
  })
})

describe('wallet present', () => {
  it('discloses exactly the asked claim with a KB-JWT for the client_id and nonce, then records history', async () => {
    // The service's registration certificate is the ETSI TS 119 475 form, carried as verifier_info format registration_cert.
    expect(decodeProtectedHeader(shop.registration)).toMatchObject({ typ: 'rc-wrp+jwt', x5c: verifier.registrationSigner.x5c })
    expect(decodeJwt(shop.registration)).toMatchObject({ entitlements: ['https://uri.etsi.org/19475/Entitlement/Service_Provider'], credentials: [{ format: 'dc+sd-jwt', claim: [{ path: ['age_over_18'] }] }] })
    const before = verifier.responses.length
    const req = await verifier.createRequest(shop)
    let asked: unknown
    const r = await wallet.present(req.uri, { consent: (c) => ((asked = c), true) })
    expect(r.outcome).toBe('sent')
    expect(asked).toMatchObject({ serviceName: 'Wine Shop', clientId: shop.clientId, credentials: [{ claims: [{ path: ['age_over_18'], value: true }] }] })
    const { verified } = await verifyPosted(before, shop.clientId, req.nonce)
    expect(verified.disclosedPaths).toEqual([['age_over_18']])
    expect(verified.keyBinding?.payload.aud).toBe(shop.clientId)
    expect(verifier.responses[before]?.body.state).toBe(req.state)
    const h = wallet.history().at(-1)
    expect(h).toMatchObject({ serviceName: 'Wine Shop', clientId: shop.clientId, outcome: 'sent', disclosures: [{ claims: [['age_over_18']] }] })
  })

  it('once-only (default): every presentation, even two to the same service, uses another copy (issuer signature, holder key, salts)', async () => {
    const a1 = await verifier.createRequest(shop)
    const iA1 = verifier.responses.length
    await wallet.present(a1.uri, yes)
    const b = await verifier.createRequest(bar)
    const iB = verifier.responses.length
    await wallet.present(b.uri, yes)
    const a2 = await verifier.createRequest(shop)
    const iA2 = verifier.responses.length
    await wallet.present(a2.uri, yes)
    const pa1 = await verifyPosted(iA1, shop.clientId, a1.nonce)
    const pb = await verifyPosted(iB, bar.clientId, b.nonce)
    const pa2 = await verifyPosted(iA2, shop.clientId, a2.nonce)
    expect(sig(pb.presentation)).not.toBe(sig(pa1.presentation))
    expect(cnf(pb.verified)).not.toBe(cnf(pa1.verified))
    expect(sig(pa2.presentation)).not.toBe(sig(pa1.presentation))
    expect(cnf(pa2.verified)).not.toBe(cnf(pa1.verified))
    expect(salts(pa2.presentation)).not.toEqual(salts(pa1.presentation))
    expect(salts(pa1.presentation)).toHaveLength(1)
    // each copy was presented exactly once
    const shown = (await wallet.list({ checkStatus: false })).filter((c) => c.shownTo.length > 0)
    expect(shown.every((c) => c.shownTo.length === 1)).toBe(true)
    expect(new Set(wallet.history().filter((h) => h.outcome === 'sent').map((h) => h.disclosures[0]?.credentialId)).size).toBe(wallet.history().filter((h) => h.outcome === 'sent').length)
  })

  it('per-service (WalletConfig.sdJwtPolicy): the same copy again for the same service, another for another service', async () => {
    const w = await tempWallet([verifier.registrarRoot], { sdJwtPolicy: 'per-service' })
    try {
      await w.wallet.accept(issuer.offer(), { txCode: '123456' })
      const a1 = await verifier.createRequest(shop)
      const iA1 = verifier.responses.length
      await w.wallet.present(a1.uri, yes)
      const b = await verifier.createRequest(bar)
      const iB = verifier.responses.length
      await w.wallet.present(b.uri, yes)
      const a2 = await verifier.createRequest(shop)
      const iA2 = verifier.responses.length
      await w.wallet.present(a2.uri, yes)
      const pa1 = await verifyPosted(iA1, shop.clientId, a1.nonce)
      const pb = await verifyPosted(iB, bar.clientId, b.nonce)
      const pa2 = await verifyPosted(iA2, shop.clientId, a2.nonce)
      expect(sig(pb.presentation)).not.toBe(sig(pa1.presentation))
      expect(cnf(pb.verified)).not.toBe(cnf(pa1.verified))
      expect(sig(pa2.presentation)).toBe(sig(pa1.presentation))
      expect(cnf(pa2.verified)).toBe(cnf(pa1.verified))
      const shown = (await w.wallet.list({ checkStatus: false })).filter((c) => c.shownTo.length > 0)
      expect(shown.map((c) => c.shownTo.map((s) => s.name).join()).sort()).toEqual(['Night Bar', 'Wine Shop'])
    } finally {
      await w.cleanup()
    }
  })

  it('a response the service rejects is presentation_not_accepted, recorded as not_accepted (and never a javascript: redirect)', async () => {
    verifier.reject.error = 'invalid_request'
    try {
      await expect(wallet.present((await verifier.createRequest(shop)).uri, yes)).rejects.toMatchObject({
        code: 'presentation_not_accepted',
        message: expect.stringMatching(/HTTP 400 invalid_request/),
      })
    } finally {
      delete verifier.reject.error
    }
    expect(wallet.history().at(-1)).toMatchObject({ outcome: 'not_accepted', serviceName: 'Wine Shop' })
    const r = await wallet.present((await verifier.createRequest(shop)).uri, yes)
    expect(r.outcome).toBe('sent')
    expect(r.redirectUri).toBeUndefined()
  })

  it('a query without claims discloses no claim: issuer-signed JWT and KB-JWT only', async () => {
    const before = verifier.responses.length
    const req = await verifier.createRequest(shop, { dcql: { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [VCT] } }] } })
    await wallet.present(req.uri, yes)
    const { verified } = await verifyPosted(before, shop.clientId, req.nonce)
    expect(verified.disclosedPaths).toEqual([])
  })

  it('credential_sets: the first satisfiable option of a required set is answered, optional sets are not', async () => {
    const before = verifier.responses.length
    const dcql = {
      credentials: [
        { id: 'mdl', format: 'dc+sd-jwt', meta: { vct_values: ['urn:other'] }, claims: [{ path: ['age_over_18'] }] },
        { id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [VCT] }, claims: [{ path: ['age_over_18'] }] },
        { id: 'extra', format: 'dc+sd-jwt', meta: { vct_values: [VCT] }, claims: [{ path: ['age_over_18'] }] },
      ],
      credential_sets: [{ options: [['mdl'], ['pid']] }, { options: [['extra']], required: false }],
    }
    const req = await verifier.createRequest(shop, { dcql })
    await wallet.present(req.uri, yes)
    const vpToken = JSON.parse(verifier.responses[before]?.body.vp_token ?? '') as Record<string, string[]>
    expect(Object.keys(vpToken)).toEqual(['pid'])
  })

  it('declining posts error=access_denied with the state and discloses nothing', async () => {
    const before = verifier.responses.length
    const req = await verifier.createRequest(shop)
    const r = await wallet.present(req.uri, { consent: () => false })
    expect(r.outcome).toBe('declined')
    expect(verifier.responses[before]?.body).toEqual({ error: 'access_denied', error_description: 'the user declined', state: req.state })
    expect(wallet.history().at(-1)).toMatchObject({ outcome: 'declined', disclosures: [] })
  })
})

describe('wallet present refusals (each with its code; nothing posted, recorded as refused)', () => {
  async function expectRefused(uri: string, code: string): Promise<void> {
    const posted = verifier.responses.length
    const history = wallet.history().length
    let consentAsked = false
    await expect(wallet.present(uri, { consent: () => ((consentAsked = true), true) })).rejects.toMatchObject({ code })
    expect(consentAsked).toBe(false)
    expect(verifier.responses.length).toBe(posted)
    // Recorded as refused (unless the URI had no client_id to name): what was asked, never anything sent.
    const added = wallet.history().slice(history)
    expect(added.length).toBeLessThanOrEqual(1)
    for (const e of added) expect(e).toMatchObject({ outcome: 'refused', disclosures: [], refusal: { code } })
  }

  it('bad request-object signature', async () => {
    const other = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as { privateKey: CryptoKey }
    await expectRefused((await verifier.createRequest(shop, { signingKey: other.privateKey })).uri, 'request_object_signature_invalid')
  })

  it('client_id not matching the access certificate', async () => {
    await expectRefused((await verifier.createRequest(shop, { claims: { client_id: bar.clientId } })).uri, 'client_id_mismatch')
  })

  it('client_id in the URI differing from the request object', async () => {
    await expectRefused((await verifier.createRequest(shop, { uriClientId: bar.clientId })).uri, 'client_id_mismatch')
  })

  it('access certificate from an untrusted registrar', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as { publicKey: CryptoKey; privateKey: CryptoKey }
    const rogue = await createRootCertificate({ name: 'Rogue', keys, notBefore: new Date(Date.now() - 1e6), notAfter: new Date(Date.now() + 1e6) })
    await expectRefused((await verifier.createRequest(shop, { x5c: [rogue], signingKey: keys.privateKey })).uri, 'x5c_untrusted')
  })

  it('expired registration certificate', async () => {
    const old = await verifier.registerService({ name: 'Old Shop', allowedClaims: [['age_over_18']], registrationExp: NOW() - 3600 })
    await expectRefused((await verifier.createRequest(old)).uri, 'registration_expired')
  })

  it('registration certificate signed by another key than its registrar certificate names (ETSI TS 119 475 form)', async () => {
    const other = await generateSigningKey('ES256')
    const forged = signTypedJwt(REGISTRATION_CERTIFICATE_TYP, decodeJwt(shop.registration), { ...verifier.registrationSigner, privateKey: other.privateKey })
    await expectRefused((await verifier.createRequest(shop, { claims: { verifier_info: [{ format: 'registration_cert', data: forged }] } })).uri, 'registration_signature_invalid')
  })

  it('registration certificate signed under a registrar root the wallet does not trust', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as { publicKey: CryptoKey; privateKey: CryptoKey }
    const rogue = await createRootCertificate({ name: 'Rogue Registrar', keys, notBefore: new Date(Date.now() - 1e6), notAfter: new Date(Date.now() + 1e6) })
    const forged = signTypedJwt(REGISTRATION_CERTIFICATE_TYP, decodeJwt(shop.registration), { alg: 'ES256', privateKey: keys.privateKey, x5c: [rogue] })
    await expectRefused((await verifier.createRequest(shop, { claims: { verifier_info: [{ format: 'registration_cert', data: forged }] } })).uri, 'x5c_untrusted')
  })

  it('registration certificate of the trusted registrar without the Service_Provider entitlement', async () => {
    const payload = { ...decodeJwt(shop.registration), entitlements: ['https://uri.etsi.org/19475/Entitlement/PID_Provider'] }
    const jwt = signTypedJwt(REGISTRATION_CERTIFICATE_TYP, payload, verifier.registrationSigner)
    await expectRefused((await verifier.createRequest(shop, { claims: { verifier_info: [{ format: 'registration_cert', data: jwt }] } })).uri, 'registration_not_entitled')
  })

  it('a registration certificate under a verifier_info format other than registration_cert is not found', async () => {
    await expectRefused((await verifier.createRequest(shop, { claims: { verifier_info: [{ format: 'jwt', data: shop.registration }] } })).uri, 'registration_certificate_missing')
  })

  it('foreign registration certificate (registered for another client_id)', async () => {
    await expectRefused((await verifier.createRequest(shop, { claims: { verifier_info: [{ format: 'registration_cert', data: bar.registration }] } })).uri, 'registration_client_mismatch')
  })

  it('missing registration certificate', async () => {
    await expectRefused((await verifier.createRequest(shop, { claims: { verifier_info: undefined } })).uri, 'registration_certificate_missing')
  })

  it('over-asking: a claim outside allowed_claims (history: the registered name, what was asked, the code)', async () => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [VCT] }, claims: [{ path: ['age_over_18'] }, { path: ['national_id'] }] }] }
    await expectRefused((await verifier.createRequest(shop, { dcql })).uri, 'claim_not_registered')
    expect(wallet.history().at(-1)).toMatchObject({
      outcome: 'refused', clientId: shop.clientId, serviceName: 'Wine Shop', purpose: 'Wine Shop checks your age', disclosures: [],
      refusal: { code: 'claim_not_registered', requested: [['age_over_18'], ['national_id']] },
    })
  })

  it('an unregistered service (untrusted access certificate) is recorded without a name it gave itself', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as { publicKey: CryptoKey; privateKey: CryptoKey }
    const rogue = await createRootCertificate({ name: 'Rogue', keys, notBefore: new Date(Date.now() - 1e6), notAfter: new Date(Date.now() + 1e6) })
    await expectRefused((await verifier.createRequest(shop, { x5c: [rogue], signingKey: keys.privateKey })).uri, 'x5c_untrusted')
    expect(wallet.history().at(-1)).toMatchObject({ outcome: 'refused', clientId: shop.clientId, serviceName: '', refusal: { code: 'x5c_untrusted' } })
  })

  it('expired request object', async () => {
    await expectRefused((await verifier.createRequest(shop, { claims: { exp: NOW() - 3600, iat: NOW() - 4000 } })).uri, 'request_object_expired')
  })

  it('request by value instead of request_uri', async () => {
    await expectRefused(`openid4vp://?client_id=${encodeURIComponent(shop.clientId)}&request=eyJ.eyJ.sig`, 'authorization_request_invalid')
  })

  it('a request_uri on a host not allowed over http', async () => {
    await expectRefused(`openid4vp://?client_id=x&request_uri=${encodeURIComponent('http://example.com/r')}`, 'url_not_allowed')
  })

  it('no held credential matches', async () => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: ['urn:other'] }, claims: [{ path: ['age_over_18'] }] }] }
    await expectRefused((await verifier.createRequest(shop, { dcql })).uri, 'no_matching_credential')
  })

  it('a query that is not DCQL', async () => {
    await expectRefused((await verifier.createRequest(shop, { dcql: { credentials: 'all' } })).uri, 'dcql_query_invalid')
  })

  it('transaction_data of a type the wallet does not know', async () => {
    const entry = Buffer.from(JSON.stringify({ type: 'payment_confirmation', credential_ids: ['pid'], amount: '100 CNY' })).toString('base64url')
    await expectRefused((await verifier.createRequest(shop, { claims: { transaction_data: [entry] } })).uri, 'transaction_data_unsupported')
  })

  it('redirect_uri with response_mode direct_post (OpenID4VP 1.0 §8.2)', async () => {
    await expectRefused((await verifier.createRequest(shop, { claims: { redirect_uri: `${verifier.url}/done` } })).uri, 'redirect_uri_not_allowed')
  })

  it('a response_uri on an origin the registration certificate does not name', async () => {
    await expectRefused((await verifier.createRequest(shop, { claims: { response_uri: 'http://127.0.0.1:9/response/x' } })).uri, 'response_uri_not_registered')
    const elsewhere = await verifier.registerService({ name: 'Moved Shop', allowedClaims: [['age_over_18']], origins: ['https://shop.example'] })
    await expectRefused((await verifier.createRequest(elsewhere)).uri, 'response_uri_not_registered')
  })

  it('a registration certificate naming no origin at all', async () => {
    const older = await verifier.registerService({ name: 'Older Shop', allowedClaims: [['age_over_18']], origins: null })
    await expectRefused((await verifier.createRequest(older)).uri, 'response_uri_not_registered')
  })

  it('a registration certificate not valid yet (nbf in the future)', async () => {
    const early = await verifier.registerService({ name: 'Early Shop', allowedClaims: [['age_over_18']], nbf: NOW() + 3600 })
    await expectRefused((await verifier.createRequest(early)).uri, 'registration_not_yet_valid')
  })

  it.each([[['__proto__']], [['constructor', 'prototype']], [[null]], [[0]], [[]], [['age_over_18', '__proto__']], [['age_over_18', -1]], [['age_over_18', 1.5]]])('claims path %j, before the DCQL library sees it', async (path) => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [VCT] }, claims: [{ path }] }] }
    await expectRefused((await verifier.createRequest(shop, { dcql })).uri, 'claims_path_invalid')
  })

  // within the registration (['age_over_18'] covers its sub-paths) and grammatical: only the held value shows that
  // null, an index or a name is applied to a boolean (OpenID4VP 1.0 §7.1 aborts there)
  it.each([[['age_over_18', null]], [['age_over_18', 0]], [['age_over_18', 'x']]])('claims path %j applied to a value it cannot select in, at match time', async (path) => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [VCT] }, claims: [{ path }] }] }
    await expectRefused((await verifier.createRequest(shop, { dcql })).uri, 'claims_path_invalid')
  })
})

describe('wallet present: where the answer may lead', () => {
  it('passes on a redirect_uri on the registered origin, drops one elsewhere', async () => {
    verifier.redirect.uri = `${verifier.url}/thanks?x=1`
    try {
      expect((await wallet.present((await verifier.createRequest(shop)).uri, yes)).redirectUri).toBe(`${verifier.url}/thanks?x=1`)
      verifier.redirect.uri = 'https://elsewhere.example/thanks'
      expect((await wallet.present((await verifier.createRequest(shop)).uri, yes)).redirectUri).toBeUndefined()
    } finally {
      delete verifier.redirect.uri
    }
  })
})

describe('wallet batch exhaustion', () => {
  it('once-only: refuses a second visit, even to the same service, when the only copy was presented once', async () => {
    const small = await startFakeIssuer()
    const w = await tempWallet([verifier.registrarRoot])
    try {
      await w.wallet.accept(small.offer(), { txCode: '123456', batchSize: 1 })
      expect(small.issuedCount()).toBe(1)
      await w.wallet.present((await verifier.createRequest(shop)).uri, yes)
      const posted = verifier.responses.length
      await expect(w.wallet.present((await verifier.createRequest(shop)).uri, yes)).rejects.toMatchObject({ code: 'no_unlinkable_credential' })
      await expect(w.wallet.present((await verifier.createRequest(bar)).uri, yes)).rejects.toMatchObject({ code: 'no_unlinkable_credential' })
      expect(verifier.responses.length).toBe(posted)
      expect(w.wallet.history().at(-1)).toMatchObject({ outcome: 'refused', refusal: { code: 'no_unlinkable_credential' } })
    } finally {
      await w.cleanup()
      await small.close()
    }
  })

  it('per-service: refuses when every matching credential was shown to another service', async () => {
    const small = await startFakeIssuer()
    const w = await tempWallet([verifier.registrarRoot], { sdJwtPolicy: 'per-service' })
    try {
      await w.wallet.accept(small.offer(), { txCode: '123456', batchSize: 1 })
      await w.wallet.present((await verifier.createRequest(shop)).uri, yes)
      await expect(w.wallet.present((await verifier.createRequest(bar)).uri, yes)).rejects.toMatchObject({ code: 'no_unlinkable_credential' })
    } finally {
      await w.cleanup()
      await small.close()
    }
  })
})

describe('wallet used by two processes', () => {
  it('a credential shown to another service by another process meanwhile is not sent (checked again under the lock)', async () => {
    const small = await startFakeIssuer()
    const w = await tempWallet([verifier.registrarRoot])
    try {
      await w.wallet.accept(small.offer(), { txCode: '123456', batchSize: 1 })
      const other = await openWallet(w.config)
      const prepared = await w.wallet.prepare((await verifier.createRequest(shop)).uri)
      await other.present((await verifier.createRequest(bar)).uri, yes)
      const posted = verifier.responses.length
      await expect(prepared.respond(true)).rejects.toMatchObject({ code: 'no_unlinkable_credential' })
      expect(verifier.responses.length).toBe(posted)
    } finally {
      await w.cleanup()
      await small.close()
    }
  })
})

describe('wallet list status', () => {
  it('shows revoked, suspended, and unknown when the status list is unavailable', async () => {
    issuer.setStatus(1)
    expect(new Set((await wallet.list()).map((c) => c.status))).toEqual(new Set(['revoked']))
    issuer.setStatus(2)
    expect(new Set((await wallet.list()).map((c) => c.status))).toEqual(new Set(['suspended']))
    issuer.misbehave.statusDown = true
    expect(new Set((await wallet.list()).map((c) => c.status))).toEqual(new Set(['unknown']))
    issuer.misbehave.statusDown = false
    issuer.setStatus(0)
  })
})

