// Interop: Credo 0.6 (@credo-ts/openid4vc 0.6.3) as the holder: it takes a credential from our issuer (OpenID4VCI
// pre-authorized code with tx_code, x5c checked against the authority root) and presents it to our verifier, which
// it trusts through the registrar root (x509_hash request), with direct_post and with direct_post.jwt (HAIP profile).
import { rm } from 'node:fs/promises'
import { Kms } from '@credo-ts/core'
import type { SdJwtVcRecord } from '@credo-ts/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enroll, startIssuer } from '../e2e/issuer-harness.ts'
import type { RunningIssuer } from '../e2e/issuer-harness.ts'
import { ask, result, startVerifier } from '../e2e/real-verifier.ts'
import type { RunningVerifier } from '../e2e/real-verifier.ts'
import { startCredoAgent } from '../support/credo-agent.ts'
import type { CredoAgent } from '../support/credo-agent.ts'

let issuer: RunningIssuer
let shop: RunningVerifier
let haipShop: RunningVerifier
let agent: CredoAgent

beforeAll(async () => {
  issuer = await startIssuer()
  shop = await startVerifier(issuer, 'Wine Shop', [['age_over_18']])
  haipShop = await startVerifier(issuer, 'Strict Wine Shop', [['age_over_18']], { profile: 'haip' })
  const pem = async (path: string): Promise<string> => (await fetch(`${issuer.url}${path}`)).text()
  agent = await startCredoAgent({ trustedCertificates: [await pem('/pki/authority-root.pem'), await pem('/pki/registrar-root.pem')] })
})

afterAll(async () => {
  await agent.shutdown()
  await shop.close()
  await haipShop.close()
  await issuer.close()
  await rm(issuer.dataDir, { recursive: true, force: true })
})

/** Credo accepts an offer of our issuer: token with the tx_code, a batch of `n` proofs with fresh P-256 keys, stores the credentials. */
async function credoAccept(n: number): Promise<SdJwtVcRecord[]> {
  const e = await enroll(issuer.url)
  const offer = await agent.openid4vc.holder.resolveCredentialOffer(e.credential_offer_uri)
  const token = await agent.openid4vc.holder.requestToken({ resolvedCredentialOffer: offer, txCode: e.tx_code })
  const response = await agent.openid4vc.holder.requestCredentials({
    resolvedCredentialOffer: offer,
    ...token,
    credentialConfigurationIds: ['pid_sd_jwt'],
    credentialBindingResolver: async ({ issuerMaxBatchSize }) => {
      const keys = []
      for (let i = 0; i < Math.min(n, issuerMaxBatchSize); i++) {
        const key = await agent.kms.createKey({ type: { kty: 'EC', crv: 'P-256' } })
        keys.push(Kms.PublicJwk.fromPublicJwk(key.publicJwk))
      }
      return { method: 'jwk', keys }
    },
  })
  const records = response.credentials.map((c) => c.record as SdJwtVcRecord)
  for (const record of records) await agent.sdJwtVc.store({ record })
  return records
}

/** Credo resolves our request, selects a credential for the DCQL query, and answers; the verifier's HTTP status. */
async function credoPresent(authorizationRequest: string): Promise<{ status: number; body: unknown }> {
  const resolved = await agent.openid4vc.holder.resolveOpenId4VpAuthorizationRequest(authorizationRequest)
  if (resolved.dcql === undefined) throw new Error('Credo found no DCQL query')
  const credentials = agent.openid4vc.holder.selectCredentialsForDcqlRequest(resolved.dcql.queryResult)
  const answer = await agent.openid4vc.holder.acceptOpenId4VpAuthorizationRequest({ authorizationRequestPayload: resolved.authorizationRequestPayload, dcql: { credentials } })
  return { status: answer.serverResponse?.status ?? 0, body: answer.serverResponse?.body }
}

describe('Credo 0.6 as holder against our issuer and verifier', () => {
  it('takes a batch of 3 from our issuer (x5c chain to the authority root, SAN names the issuer)', async () => {
    const records = await credoAccept(3)
    // Credo 0.6 keeps a batch as one record with one instance per holder key.
    expect(records).toHaveLength(1)
    expect(records[0]?.credentialInstances).toHaveLength(3)
    const payload = records[0]?.firstCredential.prettyClaims as Record<string, unknown>
    expect(payload).toMatchObject({ iss: issuer.url, age_over_18: true })
  })

  it('presents age_over_18 to our verifier with direct_post: verified, nothing else disclosed', async () => {
    const p = await ask(shop, { preset: 'age_over_18' })
    const answer = await credoPresent(p.authorization_request)
    expect(answer.status).toBe(200)
    expect(await result(shop, p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('presents to our HAIP verifier with direct_post.jwt (Credo encrypts to our client_metadata key): verified', async () => {
    const p = await ask(haipShop, { preset: 'age_over_18' })
    const answer = await credoPresent(p.authorization_request)
    expect(answer.status).toBe(200)
    expect(await result(haipShop, p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })
})
