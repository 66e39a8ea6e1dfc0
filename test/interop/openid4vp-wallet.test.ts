// Interop: an independent wallet (@openid4vc/openid4vp 0.4.6 client + @sd-jwt/sd-jwt-vc 0.19.0, keys via jose) against our verifier over HTTP.
import { createHash } from 'node:crypto'
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { setGlobalConfig } from '@openid4vc/oauth2'
import { Openid4vpClient } from '@openid4vc/openid4vp'
import { compactVerify, exportJWK, generateKeyPair, importX509 } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportSigningKey } from '../../shared/keys/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'
import { verifyCertificateChain } from '../../shared/x509/index.ts'
import { SAMPLE_PID_CLAIMS, startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'

let h: VerifierHarness

beforeAll(async () => {
  // Loopback test servers speak http; the library refuses http unless told otherwise.
  setGlobalConfig({ allowInsecureUrls: true })
  h = await startVerifierHarness({ allowedClaims: [['age_over_18'], ['region']] })
})
afterAll(() => h.close())

const pem = (b64: string): string => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----`

/** The openid4vp client with callbacks an independent wallet would supply: jose for JWS, node:crypto for hashes. */
function client(): Openid4vpClient {
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
      encryptJwe: () => { throw new Error('not used') },
      decryptJwe: () => { throw new Error('not used') },
    },
  })
}

/** Issues a PID-shaped SD-JWT VC with @sd-jwt/sd-jwt-vc, signed by the trusted test issuer's key, bound to a jose holder key. */
async function issueWithSdJwtLib(holder: { publicJwk: Record<string, unknown>; privateJwk: Record<string, unknown> }): Promise<SDJwtVcInstance & { cred: string }> {
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

/** As the independent wallet: a fresh holder key and credential, a presentation disclosing `disclose`, submitted; the HTTP status. */
async function presentAndSubmit(c: Openid4vpClient, resolved: Resolved, disclose: Record<string, boolean>): Promise<number> {
  const request = resolved.authorizationRequestPayload as { client_id: string; nonce: string }
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
  const sdjwt = await issueWithSdJwtLib({ publicJwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey) })
  const presentation = await sdjwt.present(sdjwt.cred, disclose as never, {
    kb: { payload: { iat: Math.floor(Date.now() / 1000), aud: request.client_id, nonce: request.nonce } },
  })
  const response = await c.createOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: resolved.authorizationRequestPayload,
    authorizationResponsePayload: { vp_token: { pid: [presentation] } } as never,
  })
  const submitted = await c.submitOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: resolved.authorizationRequestPayload as never,
    authorizationResponsePayload: response.authorizationResponsePayload,
  })
  return submitted.response.status
}

describe('interop: @openid4vc/openid4vp wallet against our verifier', () => {
  it('resolves our signed request (x509_hash, JAR), presents with @sd-jwt/sd-jwt-vc, and gets verified', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const c = client()
    const parsed = c.parseOpenid4vpAuthorizationRequest({ authorizationRequest: created.json.authorization_request as string })
    const resolved = await c.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params as never })
    expect(resolved.client.prefix).toBe('x509_hash')
    expect(resolved.client.effective).toBe(h.verifier.clientId)
    expect(resolved.dcql?.query).toMatchObject({ credentials: [{ id: 'pid', claims: [{ path: ['age_over_18'] }] }] })

    expect(await presentAndSubmit(c, resolved, { age_over_18: true })).toBe(200)
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('a presentation by the independent wallet that discloses more than asked is rejected: over_disclosure', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const c = client()
    const parsed = c.parseOpenid4vpAuthorizationRequest({ authorizationRequest: created.json.authorization_request as string })
    const resolved = await c.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params as never })
    expect(await presentAndSubmit(c, resolved, { age_over_18: true, national_id: true })).toBe(400)
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'rejected', error: 'over_disclosure' })
  })
})
