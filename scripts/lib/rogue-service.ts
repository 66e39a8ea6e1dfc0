// A relying party outside the registrar's rules, for the demo: serves a signed request object it chose and records
// whatever is posted to its response endpoint (a wallet must post nothing).
import express from 'express'
import { webcrypto } from 'node:crypto'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { authorizationRequestUri, createRequestObject } from '../../shared/oid4vp/index.ts'
import { createAccessCertificate, createRegistrationCertificate } from '../../shared/registration/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'
import { createRootCertificate } from '../../shared/x509/index.ts'
import type { RelyingPartyCredentials } from '../../verifier/config.ts'
import { openPort } from '../../shared/http-server/index.ts'

export interface RogueService {
  url: string
  /** Bodies posted to the response endpoint. */
  posted: unknown[]
  /** Signs a request for `dcqlQuery` with `rp`'s key and certificates; returns its `openid4vp://` URI. */
  request(rp: RelyingPartyCredentials & { clientId: string }, dcqlQuery: unknown, now: number): Promise<string>
  close(): Promise<void>
}

export async function startRogueService(): Promise<RogueService> {
  const posted: unknown[] = []
  const requests = new Map<string, string>()
  const app = express()
  app.get('/request/:id', (req, res) => void res.type('application/oauth-authz-req+jwt').send(requests.get(req.params.id) ?? ''))
  app.post('/response', express.urlencoded({ extended: false }), (req, res) => {
    posted.push(req.body)
    res.json({})
  })
  const listening = await openPort('127.0.0.1', 0)
  listening.serve(app)
  return {
    url: listening.url,
    posted,
    async request(rp, dcqlQuery, now) {
      const id = String(requests.size + 1)
      requests.set(
        id,
        await createRequestObject({
          clientId: rp.clientId,
          responseUri: `${listening.url}/response`,
          nonce: `rogue-nonce-${webcrypto.randomUUID()}`,
          state: `rogue-state-${webcrypto.randomUUID()}`,
          dcqlQuery,
          registrationCertificate: rp.registrationCertificate,
          iat: now,
          exp: now + 300,
          signer: rp.signingKey,
          x5c: rp.accessCertificateChain,
        }),
      )
      return authorizationRequestUri({ clientId: rp.clientId, requestUri: `${listening.url}/request/${id}` })
    },
    close: () => listening.close(),
  }
}

/**
 * Credentials of a service nobody registered: its own root CA certifies its request-signing key and its own key
 * signs a registration certificate granting itself `allowedClaims`. A wallet trusting only the registrar refuses it.
 */
export async function selfCertifiedService(name: string, allowedClaims: ClaimsPath[], now: number): Promise<RelyingPartyCredentials & { clientId: string }> {
  const rootKeys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
  const notBefore = new Date((now - 300) * 1000)
  const notAfter = new Date((now + 86400) * 1000)
  const root = await createRootCertificate({ name: `${name} own root`, keys: rootKeys, notBefore, notAfter })
  const key = await generateSigningKey('ES256')
  const access = await createAccessCertificate({ name, requestSigningJwk: key.publicJwk, registrarCert: root, registrarKey: rootKeys.privateKey, notBefore, notAfter })
  const registrationCertificate = await createRegistrationCertificate({
    clientId: access.clientId,
    name,
    purpose: 'We would like to know who you are',
    allowedClaims,
    iat: now,
    exp: now + 86400,
    signer: { alg: key.alg, privateKey: key.privateKey, kid: key.kid },
  })
  return { clientId: access.clientId, signingKey: { alg: key.alg, privateKey: key.privateKey }, accessCertificateChain: [access.certificate], registrationCertificate }
}
