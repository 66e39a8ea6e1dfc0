// A real verifier (createVerifierApp) on 127.0.0.1 registered at a real issuer's registrar, for tests driving
// wallets (ours, Credo) against the real services; ask() creates a presentation, result() reads it.
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { expect } from 'vitest'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'
import type { VerifierConfig } from '../../verifier/config.ts'
import { createVerifierApp } from '../../verifier/app.ts'
import type { VerifierApp } from '../../verifier/app.ts'
import { ADMIN_TOKEN, postJson } from './issuer-harness.ts'
import type { RunningIssuer } from './issuer-harness.ts'

export const API_KEY = 'wallet-test-api-key-0123456789'

export interface RunningVerifier {
  url: string
  app: VerifierApp
  clientId: string
  key: SigningKey
  rp: { access_certificate_chain: string[]; registration_certificate: string }
  close(): Promise<void>
}

/** Registers a relying party at the issuer (registrar) and starts a verifier with those credentials. */
export async function startVerifier(issuer: RunningIssuer, name: string, allowedClaims: ClaimsPath[], extra: Partial<VerifierConfig> = {}): Promise<RunningVerifier> {
  const key = await generateSigningKey('ES256')
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const reg = await postJson(
    `${issuer.url}/admin/relying-parties`,
    { name, purpose: `${name} needs to know`, allowed_claims: allowedClaims, origins: [url], request_signing_jwk: key.publicJwk },
    { authorization: `Bearer ${ADMIN_TOKEN}` },
  )
  expect(reg.status).toBe(201)
  const rp = reg.body as { access_certificate_chain: string[]; registration_certificate: string; registrar_root: string }
  const app = await createVerifierApp({
    dataDir: ':memory:',
    verifierUrl: url,
    apiKey: API_KEY,
    trustedIssuers: [{ issuer: issuer.url }],
    relyingParty: { signingKey: { alg: key.alg, privateKey: key.privateKey }, accessCertificateChain: rp.access_certificate_chain, registrationCertificate: rp.registration_certificate },
    registrarRoots: [rp.registrar_root],
    logger: pino({ level: 'silent' }),
    ...extra,
  })
  server.on('request', app.handler)
  return {
    url,
    app,
    clientId: app.clientId,
    key,
    rp,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await app.close()
    },
  }
}

export async function ask(v: RunningVerifier, body: unknown): Promise<{ id: string; authorization_request: string }> {
  const r = await postJson(`${v.url}/presentations`, body, { authorization: `Bearer ${API_KEY}` })
  expect(r.status).toBe(201)
  return r.body as { id: string; authorization_request: string }
}

export async function result(v: RunningVerifier, id: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${v.url}/presentations/${id}`, { headers: { authorization: `Bearer ${API_KEY}` } })
  return (await res.json()) as Record<string, unknown>
}
