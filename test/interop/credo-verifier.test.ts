// Interop: Credo 0.6 (@credo-ts/openid4vc 0.6.3) as the verifier for our wallet. Credo signs its request with a key
// in its KMS certified by our registrar (x509_hash), carries our registration certificate in verifier_info, and asks
// direct_post or direct_post.jwt; our wallet checks it all, answers, and Credo verifies the presentation (issuer x5c
// chain to the authority root, KB-JWT, DCQL).
import { rm } from 'node:fs/promises'
import { X509Certificate } from '@credo-ts/core'
import { OpenId4VcVerificationSessionState } from '@credo-ts/openid4vc'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Wallet } from '../../wallet/core/index.ts'
import { ADMIN_TOKEN, enroll, postJson, startIssuer } from '../e2e/issuer-harness.ts'
import type { RunningIssuer } from '../e2e/issuer-harness.ts'
import { listen, tempWallet } from '../e2e/wallet-fixtures.ts'
import type { Listening } from '../e2e/wallet-fixtures.ts'
import { startCredoAgent } from '../support/credo-agent.ts'
import type { CredoAgent } from '../support/credo-agent.ts'

let issuer: RunningIssuer
let wallet: Wallet
let cleanup: () => Promise<void>
let host: Listening
let agent: CredoAgent
let verifierId = ''
let signer: X509Certificate
let registration = ''

beforeAll(async () => {
  issuer = await startIssuer()
  ;({ wallet, cleanup } = await tempWallet(`${issuer.url}/pki/registrar-root.pem`, { trustedIssuers: [issuer.url] }))
  const e = await enroll(issuer.url)
  await wallet.accept(e.credential_offer_uri, { txCode: e.tx_code })

  const app = express()
  host = await listen(app)
  const authorityRoot = await (await fetch(`${issuer.url}/pki/authority-root.pem`)).text()
  agent = await startCredoAgent({ trustedCertificates: [authorityRoot], verifier: { app, baseUrl: `${host.url}/oid4vp` } })
  verifierId = (await credoVerifier().createVerifier()).verifierId

  // The service registers Credo's request-signing key at our registrar.
  const key = await agent.kms.createKey({ type: { kty: 'EC', crv: 'P-256' } })
  const { kid: _kid, ...publicJwk } = key.publicJwk
  const reg = await postJson(
    `${issuer.url}/admin/relying-parties`,
    { name: 'Credo Shop', purpose: 'Credo Shop checks your age', allowed_claims: [['age_over_18']], origins: [host.url], request_signing_jwk: publicJwk },
    { authorization: `Bearer ${ADMIN_TOKEN}` },
  )
  expect(reg.status).toBe(201)
  const rp = reg.body as { access_certificate_chain: string[]; registration_certificate: string }
  signer = X509Certificate.fromEncodedCertificate(rp.access_certificate_chain[0] as string)
  signer.keyId = key.keyId
  registration = rp.registration_certificate
})

afterAll(async () => {
  await agent.shutdown()
  await host.close()
  await cleanup()
  await issuer.close()
  await rm(issuer.dataDir, { recursive: true, force: true })
})

/** Credo's verifier API (present: the agent was started with `verifier`). */
function credoVerifier(): NonNullable<CredoAgent['openid4vc']['verifier']> {
  const v = agent.openid4vc.verifier
  if (v === undefined) throw new Error('the Credo agent runs without its verifier module')
  return v
}

const AGE_QUERY = { credentials: [{ id: 'pid', format: 'dc+sd-jwt' as const, claims: [{ path: ['age_over_18'] }] }] }

describe('Credo 0.6 as verifier for our wallet', () => {
  for (const responseMode of ['direct_post', 'direct_post.jwt'] as const) {
    it(`asks age_over_18 with ${responseMode}: our wallet answers, Credo verifies exactly that claim`, async () => {
      const { authorizationRequest, verificationSession } = await credoVerifier().createAuthorizationRequest({
        verifierId,
        requestSigner: { method: 'x5c', x5c: [signer], clientIdPrefix: 'x509_hash' },
        dcql: { query: AGE_QUERY },
        responseMode,
        verifierInfo: [{ format: 'registration_cert', data: registration }],
      })
      const sent = await wallet.present(authorizationRequest, { consent: () => true })
      expect(sent.outcome).toBe('sent')

      const session = await credoVerifier().getVerificationSessionById(verificationSession.id)
      expect(session.state).toBe(OpenId4VcVerificationSessionState.ResponseVerified)
      const verified = await credoVerifier().getVerifiedAuthorizationResponse(verificationSession.id)
      const presentation = verified.dcql?.presentations.pid?.[0] as { prettyClaims?: Record<string, unknown> } | undefined
      expect(presentation?.prettyClaims).toMatchObject({ iss: issuer.url, age_over_18: true })
      expect(presentation?.prettyClaims).not.toHaveProperty('national_id')
      expect(presentation?.prettyClaims).not.toHaveProperty('given_name')
    })
  }
})
