// Interop: @openid4vc/openid4vci 0.4.6 as the wallet (jose callbacks) completes the pre-authorized flow with a batch;
// @sd-jwt/sd-jwt-vc 0.19.0 verifies every credential (signature by the published key, status list, vct).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash, randomBytes } from 'node:crypto'
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose'
import type { CryptoKey, JWK } from 'jose'
import { Openid4vciClient } from '@openid4vc/openid4vci'
import { clientAuthenticationNone, setGlobalConfig } from '@openid4vc/oauth2'
import type { CallbackContext, JwtSigner } from '@openid4vc/oauth2'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { ES256, digest } from '@sd-jwt/crypto-nodejs'
import { PID_VCT } from '../../shared/pid/index.ts'
import type { RunningIssuer } from '../e2e/issuer-harness.ts'
import { enroll, startIssuer } from '../e2e/issuer-harness.ts'

let run: RunningIssuer
const holderKeys = new Map<string, CryptoKey>() // public x → private key

async function newHolder(): Promise<JWK> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const jwk = await exportJWK(publicKey)
  holderKeys.set(jwk.x ?? '', privateKey)
  return { ...jwk, alg: 'ES256' }
}

const callbacks: Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'> = {
  hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '')).update(data).digest()),
  generateRandom: (n) => new Uint8Array(randomBytes(n)),
  clientAuthentication: clientAuthenticationNone({ clientId: 'interop-wallet' }),
  signJwt: async (signer: JwtSigner, { header, payload }) => {
    if (signer.method !== 'jwk') throw new Error('only jwk signers in this test')
    const key = holderKeys.get(signer.publicJwk.x ?? '')
    if (!key) throw new Error('unknown holder key')
    const jwt = await new SignJWT(payload as Record<string, unknown>).setProtectedHeader({ ...header, alg: signer.alg }).sign(key)
    return { jwt, signerJwk: signer.publicJwk }
  },
}

beforeAll(async () => {
  setGlobalConfig({ allowInsecureUrls: true })
  run = await startIssuer()
})
afterAll(async () => run.close())

describe('@openid4vc/openid4vci client against the issuer', () => {
  it('resolves the offer and metadata, gets a token, a nonce and a batch of 3; @sd-jwt/sd-jwt-vc verifies them', async () => {
    const e = await enroll(run.url)
    const client = new Openid4vciClient({ callbacks })
    const offer = await client.resolveCredentialOffer(e.credential_offer_uri)
    const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer)
    expect(issuerMetadata.credentialIssuer.batch_credential_issuance?.batch_size).toBe(10)
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata, txCode: e.tx_code })
    const { c_nonce } = await client.requestNonce({ issuerMetadata })
    const proofs: string[] = []
    for (let i = 0; i < 3; i++) {
      const { jwt } = await client.createCredentialRequestJwtProof({
        issuerMetadata,
        credentialConfigurationId: 'pid_sd_jwt',
        nonce: c_nonce,
        signer: { method: 'jwk', alg: 'ES256', publicJwk: (await newHolder()) as never },
      })
      proofs.push(jwt)
    }
    const response = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId: 'pid_sd_jwt',
      proofs: { jwt: proofs },
    })
    const credentials = (response.credentialResponse.credentials ?? []).map((c) => (c as { credential: string }).credential)
    expect(credentials).toHaveLength(3)

    const jwks = (await (await fetch(`${run.url}/.well-known/jwt-vc-issuer`)).json()) as { jwks: { keys: JWK[] } }
    const verifier = async (data: string, sig: string): Promise<boolean> => {
      const header = JSON.parse(Buffer.from(data.split('.')[0] ?? '', 'base64url').toString()) as { kid?: string }
      const jwk = jwks.jwks.keys.find((k) => k.kid === header.kid)
      if (!jwk) return false
      await importJWK(jwk, 'ES256')
      return (await ES256.getVerifier(jwk))(data, sig)
    }
    const sdjwtvc = new SDJwtVcInstance({ verifier, hasher: digest, hashAlg: 'sha-256' })
    const xs = new Set<string>()
    for (const c of credentials) {
      const v = await sdjwtvc.verify(c)
      const p = v.payload as Record<string, unknown>
      expect(p).toMatchObject({ vct: PID_VCT, iss: run.url, age_over_18: true, family_name: 'Zhang' })
      xs.add(((p.cnf as { jwk: JWK }).jwk.x ?? '') as string)
    }
    expect(xs.size).toBe(3)
  })

  it('surfaces the issuer OAuth error for a wrong tx_code', async () => {
    const e = await enroll(run.url)
    const client = new Openid4vciClient({ callbacks })
    const offer = await client.resolveCredentialOffer(e.credential_offer_uri)
    const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer)
    await expect(client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata, txCode: '999999x' })).rejects.toMatchObject({
      errorResponse: { error: 'invalid_grant' },
    })
  })
})
