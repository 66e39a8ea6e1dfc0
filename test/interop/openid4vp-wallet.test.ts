// Interop: an independent wallet (@openid4vc/openid4vp 0.4.6 client + @sd-jwt/sd-jwt-vc 0.19.0, keys via jose) against our verifier over HTTP,
// with `direct_post` and (HAIP profile) `direct_post.jwt`: their JARM encryption (ECDH-ES, apu/apv) to the key in our client_metadata.
import { createHash, randomBytes } from 'node:crypto'
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { setGlobalConfig } from '@openid4vc/oauth2'
import { Openid4vpClient } from '@openid4vc/openid4vp'
import { CompactEncrypt, compactVerify, exportJWK, generateKeyPair, importJWK, importX509 } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportSigningKey } from '../../shared/keys/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'
import { verifyCertificateChain } from '../../shared/x509/index.ts'
import { SAMPLE_PID_CLAIMS, startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'

let h: VerifierHarness
/** The same, under the HAIP 1.0 profile: requests ask `direct_post.jwt` and plain answers are refused. */
let haip: VerifierHarness

beforeAll(async () => {
  // Loopback test servers speak http; the library refuses http unless told otherwise.
  setGlobalConfig({ allowInsecureUrls: true })
  h = await startVerifierHarness({ allowedClaims: [['age_over_18'], ['region']] })
  haip = await startVerifierHarness({ allowedClaims: [['age_over_18'], ['region']], config: { profile: 'haip' } })
})
afterAll(async () => {
  await h.close()
  await haip.close()
})

const pem = (b64: string): string => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----`

/** The openid4vp client with callbacks an independent wallet would supply: jose for JWS and JWE, node:crypto for hashes. */
function client(h: VerifierHarness): Openid4vpClient {
  return new Openid4vpClient({
    callbacks: {
      fetch,
      hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
      async verifyJwt(signer, jwt) {
        if (signer.method !== 'x5c') return { verified: false }
        // Trust: the access certificate chains to the registrar root the wallet trusts.
        await verifyCertificateChain(signer.x5c, [h.rp.registrar.root], new Date())
        const key = await importX509(pem(signer.x5c[0] as string), signer.alg)
        try {
          await compactVerify(jwt.compact, key)
          return { verified: true, signerJwk: (await exportJWK(key)) as never }
        } catch {
          return { verified: false }
        }
      },
      getX509CertificateMetadata: () => ({ sanDnsNames: [], sanUriNames: [] }),
      signJwt: () => { throw new Error('not used') },
      // JARM encryption as the library asks it: the verifier's key, alg/enc it chose, apu/apv (base64url) in the header.
      async encryptJwe(encryptor, data) {
        if (encryptor.method !== 'jwk') throw new Error('only jwk encryptors are expected')
        const { kid, ...publicJwk } = encryptor.publicJwk
        const jwe = await new CompactEncrypt(new TextEncoder().encode(data))
          .setProtectedHeader({ alg: encryptor.alg, enc: encryptor.enc, ...(kid !== undefined ? { kid } : {}) })
          .setKeyManagementParameters({
            ...(encryptor.apu !== undefined ? { apu: Buffer.from(encryptor.apu, 'base64url') } : {}),
            ...(encryptor.apv !== undefined ? { apv: Buffer.from(encryptor.apv, 'base64url') } : {}),
          })
          .encrypt(await importJWK(publicJwk as never, encryptor.alg))
        return { jwe, encryptionJwk: encryptor.publicJwk }
      },
      decryptJwe: () => { throw new Error('not used') },
    },
  })
}

/** Issues a PID-shaped SD-JWT VC with @sd-jwt/sd-jwt-vc, signed by the trusted test issuer's key, bound to a jose holder key. */
async function issueWithSdJwtLib(h: VerifierHarness, holder: { publicJwk: Record<string, unknown>; privateJwk: Record<string, unknown> }): Promise<SDJwtVcInstance & { cred: string }> {
  const issuerJwk = await exportSigningKey(h.issuer.key)
  const sdjwt = new SDJwtVcInstance({
    signer: await ES256.getSigner(issuerJwk), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt,
    kbSigner: await ES256.getSigner(holder.privateJwk), kbSignAlg: 'ES256',
  })
  const now = Math.floor(Date.now() / 1000)
  const claims = { ...SAMPLE_PID_CLAIMS }
  const cred = await sdjwt.issue(
    { iss: h.issuer.issuer, vct: PID_VCT, iat: now, exp: now + 86_400, cnf: { jwk: holder.publicJwk }, ...claims },
    { _sd: Object.keys(claims) as never[] },
    { header: { kid: h.issuer.key.kid, typ: 'dc+sd-jwt' } },
  )
  return Object.assign(sdjwt, { cred })
}

type Resolved = Awaited<ReturnType<Openid4vpClient['resolveOpenId4vpAuthorizationRequest']>>

/** As the independent wallet: a fresh holder key and credential, a presentation disclosing `disclose`, submitted; the verifier's answer. */
async function presentAndSubmit(h: VerifierHarness, c: Openid4vpClient, resolved: Resolved, disclose: Record<string, boolean>, opts: { encrypt?: boolean } = {}): Promise<Response> {
  const request = resolved.authorizationRequestPayload as { client_id: string; nonce: string }
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
  const sdjwt = await issueWithSdJwtLib(h, { publicJwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey) })
  const presentation = await sdjwt.present(sdjwt.cred, disclose as never, {
    kb: { payload: { iat: Math.floor(Date.now() / 1000), aud: request.client_id, nonce: request.nonce } },
  })
  const response = await c.createOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: resolved.authorizationRequestPayload,
    authorizationResponsePayload: { vp_token: { pid: [presentation] } } as never,
    // Encrypted only (no JARM signature), as OpenID4VP 1.0 §8.3 has it; the library picks key and enc from client_metadata.
    ...(opts.encrypt === true ? {
      jarm: {
        encryption: { nonce: randomBytes(16).toString('base64url') },
        serverMetadata: { authorization_signing_alg_values_supported: [], authorization_encryption_alg_values_supported: ['ECDH-ES'], authorization_encryption_enc_values_supported: ['A128GCM', 'A256GCM'] },
      },
    } : {}),
  })
  const submitted = await c.submitOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: resolved.authorizationRequestPayload as never,
    authorizationResponsePayload: response.authorizationResponsePayload,
    ...(response.jarm !== undefined ? { jarm: response.jarm } : {}),
  })
  return submitted.response
}

describe('interop: @openid4vc/openid4vp wallet against our verifier', () => {
  it('resolves our signed request (x509_hash, JAR), presents with @sd-jwt/sd-jwt-vc, and gets verified', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const c = client(h)
    const parsed = c.parseOpenid4vpAuthorizationRequest({ authorizationRequest: created.json.authorization_request as string })
    const resolved = await c.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params as never })
    expect(resolved.client.prefix).toBe('x509_hash')
    expect(resolved.client.effective).toBe(h.verifier.clientId)
    expect(resolved.dcql?.query).toMatchObject({ credentials: [{ id: 'pid', claims: [{ path: ['age_over_18'] }] }] })

    expect((await presentAndSubmit(h, c, resolved, { age_over_18: true })).status).toBe(200)
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('a presentation by the independent wallet that discloses more than asked is rejected: over_disclosure', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const c = client(h)
    const parsed = c.parseOpenid4vpAuthorizationRequest({ authorizationRequest: created.json.authorization_request as string })
    const resolved = await c.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params as never })
    expect((await presentAndSubmit(h, c, resolved, { age_over_18: true, national_id: true })).status).toBe(400)
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'rejected', error: 'over_disclosure' })
  })
})

describe('interop: @openid4vc/openid4vp wallet against our verifier, direct_post.jwt (HAIP profile)', () => {
  async function resolveHaip(): Promise<{ id: string; c: Openid4vpClient; resolved: Resolved }> {
    const created = await haip.createPresentation({ preset: 'age_over_18' })
    const c = client(haip)
    const parsed = c.parseOpenid4vpAuthorizationRequest({ authorizationRequest: created.json.authorization_request as string })
    const resolved = await c.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params as never })
    return { id: created.json.id as string, c, resolved }
  }

  it('their wallet reads our direct_post.jwt request and its encrypted response is verified', async () => {
    const { id, c, resolved } = await resolveHaip()
    expect(resolved.authorizationRequestPayload).toMatchObject({ response_mode: 'direct_post.jwt', client_metadata: { jwks: { keys: [{ kty: 'EC', use: 'enc' }] } } })
    expect((await presentAndSubmit(haip, c, resolved, { age_over_18: true }, { encrypt: true })).status).toBe(200)
    expect((await haip.result(id)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('the same presentation sent by their wallet as plain direct_post is refused: response_encryption_required', async () => {
    const { id, c, resolved } = await resolveHaip()
    // The library itself refuses to answer a JARM request without JARM options; a wallet ignoring the mode posts plainly.
    await expect(presentAndSubmit(haip, c, resolved, { age_over_18: true })).rejects.toThrow(/jarm/i)
    const plain = { ...resolved, authorizationRequestPayload: { ...resolved.authorizationRequestPayload, response_mode: 'direct_post' } } as Resolved
    const refused = await presentAndSubmit(haip, c, plain, { age_over_18: true })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ code: 'response_encryption_required' })
    expect((await haip.result(id)).json).toMatchObject({ status: 'pending' })
  })
})
