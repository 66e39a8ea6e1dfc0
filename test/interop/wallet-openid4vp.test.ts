// Interop: what our wallet posts is read by independent implementations — the request/response payload checks and
// x509_hash of @openid4vc/openid4vp 0.4.6, and the presentation (disclosures, KB-JWT by the cnf key) by @sd-jwt/sd-jwt-vc;
// and a verifier built on @openid4vc/openid4vp (its request object, its JARM decryption) asking `direct_post.jwt`.
import { createHash, randomBytes } from 'node:crypto'
import { ES256, digest } from '@sd-jwt/crypto-nodejs'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { setGlobalConfig } from '@openid4vc/oauth2'
import {
  calculateX509HashClientIdPrefixValue, createOpenid4vpAuthorizationRequest, parseOpenid4vpAuthorizationResponse, validateOpenid4vpAuthorizationResponsePayload,
} from '@openid4vc/openid4vp'
import type { Openid4vpAuthorizationRequest, Openid4vpAuthorizationResponse } from '@openid4vc/openid4vp'
import express from 'express'
import { SignJWT, compactDecrypt, decodeJwt, exportJWK, generateKeyPair } from 'jose'
import type { JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Wallet } from '../../wallet/core/index.ts'
import { AGE_QUERY, listen, startFakeIssuer, startFakeVerifier, tempWallet } from '../e2e/wallet-fixtures.ts'
import type { FakeIssuer, FakeVerifier, Listening, Service } from '../e2e/wallet-fixtures.ts'

let issuer: FakeIssuer
let verifier: FakeVerifier
let shop: Service
let wallet: Wallet
let cleanup: () => Promise<void>

beforeAll(async () => {
  // Loopback test servers speak http; the library refuses http unless told otherwise.
  setGlobalConfig({ allowInsecureUrls: true })
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

/** Verifies a presentation as an independent verifier would (@sd-jwt/sd-jwt-vc): issuer signature, disclosures, KB-JWT by the cnf key. */
async function peerVerify(presentation: string, nonce: string): Promise<{ payload: Record<string, unknown>; kb?: { payload: Record<string, unknown> } }> {
  const peer = new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    verifier: await ES256.getVerifier(issuer.key.publicJwk),
    kbVerifier: async (data, sig, payload) => (await ES256.getVerifier((payload.cnf as { jwk: JWK }).jwk))(data, sig),
  })
  return (await peer.verify(presentation, { keyBindingNonce: nonce })) as never
}

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

    const verified = await peerVerify(presentation, req.nonce)
    expect(verified.payload).toMatchObject({ age_over_18: true, region: 'Testprovince' })
    expect(verified.payload).not.toHaveProperty('given_name')
    expect(verified.payload).not.toHaveProperty('national_id')
    expect(verified.kb?.payload).toMatchObject({ aud: shop.clientId, nonce: req.nonce })
  })
})

/**
 * A relying party built on @openid4vc/openid4vp: it creates its signed request (JAR, x5c, x509_hash) with
 * createOpenid4vpAuthorizationRequest asking `direct_post.jwt` with an ephemeral ECDH-ES key in client_metadata,
 * serves it at request_uri, and reads what is posted with parseOpenid4vpAuthorizationResponse (JARM decryption).
 */
async function startTheirVerifier(): Promise<Listening & { request(service: Service): Promise<{ uri: string; nonce: string; parsed: Promise<unknown> }> }> {
  const jars = new Map<string, string>()
  const answers = new Map<string, (body: Record<string, unknown>) => Promise<void>>()
  const app = express()
  app.get('/request/:id', (req, res) => {
    res.type('application/oauth-authz-req+jwt').send(jars.get(req.params.id) ?? '')
  })
  app.post('/response/:id', express.urlencoded({ extended: false, limit: '1mb' }), async (req, res) => {
    const answer = answers.get(req.params.id)
    if (answer === undefined) {
      res.status(404).json({ error: 'invalid_request' })
      return
    }
    try {
      await answer(req.body as Record<string, unknown>)
      res.json({})
    } catch {
      res.status(400).json({ error: 'invalid_request' })
    }
  })
  const l = await listen(app)
  return {
    ...l,
    async request(service) {
      const id = randomBytes(8).toString('hex')
      const nonce = randomBytes(16).toString('base64url')
      const enc = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true })
      const encJwk = { ...(await exportJWK(enc.publicKey)), kid: `enc-${id}`, use: 'enc', alg: 'ECDH-ES' }
      const created = await createOpenid4vpAuthorizationRequest({
        authorizationRequestPayload: {
          response_type: 'vp_token',
          client_id: service.clientId,
          response_mode: 'direct_post.jwt',
          response_uri: `${l.url}/response/${id}`,
          nonce,
          state: randomBytes(16).toString('base64url'),
          dcql_query: AGE_QUERY,
          client_metadata: { jwks: { keys: [encJwk] }, encrypted_response_enc_values_supported: ['A256GCM'], vp_formats_supported: { 'dc+sd-jwt': {} } },
        } as never,
        jar: {
          requestUri: `${l.url}/request/${id}`,
          jwtSigner: { method: 'x5c', alg: 'ES256', x5c: [service.accessCert] },
          expiresInSeconds: 300,
          additionalJwtPayload: { aud: 'https://self-issued.me/v2', verifier_info: [{ format: 'registration_cert', data: service.registration }] },
        },
        callbacks: {
          signJwt: async (_signer, { header, payload }) => ({
            jwt: await new SignJWT(payload).setProtectedHeader(header as never).sign(service.key.privateKey),
            signerJwk: {} as never,
          }),
          encryptJwe: () => { throw new Error('not used') },
        },
      })
      jars.set(id, created.jar?.authorizationRequestJwt ?? '')
      const parsed = new Promise<unknown>((resolve, reject) => {
        answers.set(id, async (body) => {
          const p = parseOpenid4vpAuthorizationResponse({
            authorizationResponse: body,
            authorizationRequestPayload: created.authorizationRequestPayload,
            callbacks: {
              async decryptJwe(jwe) {
                const { plaintext, protectedHeader } = await compactDecrypt(jwe, enc.privateKey)
                if (protectedHeader.enc !== 'A256GCM') throw new Error('the wallet did not use the enc asked')
                return { decrypted: true, decryptionJwk: encJwk as never, payload: new TextDecoder().decode(plaintext) }
              },
              verifyJwt: () => ({ verified: false }),
            },
          })
          p.then(resolve, reject)
          await p
        })
      })
      return { uri: created.authorizationRequest, nonce, parsed }
    },
  }
}

describe('our wallet against an @openid4vc/openid4vp verifier asking direct_post.jwt', () => {
  it('answers with a JWE their verifier decrypts and reads; the presentation verifies with @sd-jwt/sd-jwt-vc', async () => {
    const theirs = await startTheirVerifier()
    try {
      const service = await verifier.registerService({ name: 'Their Shop', allowedClaims: [['age_over_18']], origins: [theirs.url] })
      const req = await theirs.request(service)
      await wallet.present(req.uri, { consent: () => true })
      const parsed = (await req.parsed) as { type: string; jarm?: { type: string }; dcql?: { presentations: Record<string, unknown[]> }; authorizationResponsePayload: Record<string, unknown> }
      expect(parsed.type).toBe('dcql')
      expect(parsed.jarm?.type).toBe('Encrypted')
      const verified = await peerVerify(parsed.dcql?.presentations.pid?.[0] as string, req.nonce)
      expect(verified.payload).toMatchObject({ age_over_18: true })
      expect(verified.payload).not.toHaveProperty('national_id')
      expect(verified.kb?.payload).toMatchObject({ aud: service.clientId, nonce: req.nonce })
    } finally {
      await theirs.close()
    }
  })
})
