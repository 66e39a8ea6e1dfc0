// Interop: what our wallet posts is read by independent implementations — the request/response payload checks and
// x509_hash of @openid4vc/openid4vp 0.4.6, and the presentation (disclosures, KB-JWT by the cnf key) by @sd-jwt/sd-jwt-vc.
import { createHash } from 'node:crypto'
import { ES256, digest } from '@sd-jwt/crypto-nodejs'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { calculateX509HashClientIdPrefixValue, validateOpenid4vpAuthorizationResponsePayload } from '@openid4vc/openid4vp'
import type { Openid4vpAuthorizationRequest, Openid4vpAuthorizationResponse } from '@openid4vc/openid4vp'
import { decodeJwt } from 'jose'
import type { JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Wallet } from '../../wallet/core/index.ts'
import { startFakeIssuer, startFakeVerifier, tempWallet } from '../e2e/wallet-fixtures.ts'
import type { FakeIssuer, FakeVerifier, Service } from '../e2e/wallet-fixtures.ts'

let issuer: FakeIssuer
let verifier: FakeVerifier
let shop: Service
let wallet: Wallet
let cleanup: () => Promise<void>

beforeAll(async () => {
  issuer = await startFakeIssuer()
  verifier = await startFakeVerifier()
  shop = await verifier.registerService({ name: 'Wine Shop', allowedClaims: [['age_over_18'], ['region']] })
  ;({ wallet, cleanup } = await tempWallet([verifier.registrarRoot]))
  await wallet.accept(issuer.offer(), { txCode: '123456' })
})

afterAll(async () => {
  await cleanup()
  await issuer.close()
  await verifier.close()
})

describe('wallet interop (@openid4vc/openid4vp, @sd-jwt/sd-jwt-vc)', () => {
  it('our client_id is the x509_hash @openid4vc/openid4vp computes for the access certificate', async () => {
    const theirs = await calculateX509HashClientIdPrefixValue({
      x509Certificate: shop.accessCert,
      hash: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
    })
    expect(`x509_hash:${theirs}`).toBe(shop.clientId)
  })

  it('the posted response passes their payload validation and the presentation their SD-JWT VC verification', async () => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', claims: [{ path: ['age_over_18'] }, { path: ['region'] }] }] }
    const req = await verifier.createRequest(shop, { dcql })
    const jwt = await (await fetch(decodeURIComponent(/request_uri=([^&]+)/.exec(req.uri)?.[1] ?? ''))).text()
    const requestPayload = decodeJwt(jwt) as unknown as Openid4vpAuthorizationRequest

    const before = verifier.responses.length
    await wallet.present(req.uri, { consent: () => true })
    const body = verifier.responses[before]?.body ?? {}
    const result = validateOpenid4vpAuthorizationResponsePayload({
      authorizationRequestPayload: requestPayload,
      authorizationResponsePayload: { vp_token: JSON.parse(body.vp_token ?? '') as Openid4vpAuthorizationResponse['vp_token'], state: body.state },
    }) as { type: string; dcql?: { presentations: Record<string, unknown[]> } }
    expect(result.type).toBe('dcql')
    const presentation = (result.dcql?.presentations.pid?.[0] ?? '') as string

    const peer = new SDJwtVcInstance({
      hasher: digest,
      hashAlg: 'sha-256',
      verifier: await ES256.getVerifier(issuer.key.publicJwk),
      kbVerifier: async (data, sig, payload) => (await ES256.getVerifier((payload.cnf as { jwk: JWK }).jwk))(data, sig),
    })
    const verified = await peer.verify(presentation, { keyBindingNonce: req.nonce })
    expect(verified.payload).toMatchObject({ age_over_18: true, region: 'Testprovince' })
    expect(verified.payload).not.toHaveProperty('given_name')
    expect(verified.payload).not.toHaveProperty('national_id')
    expect(verified.kb?.payload).toMatchObject({ aud: shop.clientId, nonce: req.nonce })
  })
})
