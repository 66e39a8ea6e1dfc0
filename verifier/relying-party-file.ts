// The relying party's credentials on disk (`<dataDir>/verifier/relying-party.json`), and registration with the registrar over HTTP.
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { EidError, parseInput } from '../shared/errors/index.ts'
import { fetchBounded } from '../shared/http-fetch/index.ts'
import { exportSigningKey, generateSigningKey, importSigningKey } from '../shared/keys/index.ts'
import type { ClaimsPath } from '../shared/registration/index.ts'
import { claimsPathSchema } from '../shared/registration/index.ts'
import type { RelyingPartyCredentials } from './config.ts'

const fileSchema = z.object({
  signing_key: z.looseObject({ alg: z.enum(['ES256', 'EdDSA']), d: z.string() }),
  client_id: z.string(),
  access_certificate_chain: z.array(z.string()).min(1).max(5),
  registration_certificate: z.string(),
  registrar_root: z.string().optional(),
  callback: z.string().max(2048).optional(),
})

export interface RelyingPartyFile {
  credentials: RelyingPartyCredentials
  clientId: string
  registrarRoot?: string
  /** The webhook callback URL registered for the service, the only one its verifier may call. */
  callback?: string
}

/** Reads the file written by `registerRelyingPartyWithRegistrar`; it holds a private key (mode 0600). */
export async function loadRelyingPartyFile(file: string): Promise<RelyingPartyFile> {
  const f = parseInput(fileSchema, JSON.parse(await readFile(file, 'utf8')) as unknown, 'invalid_request', 'relying-party file')
  const key = await importSigningKey(f.signing_key, f.signing_key.alg)
  return {
    clientId: f.client_id,
    credentials: { signingKey: { alg: key.alg, privateKey: key.privateKey }, accessCertificateChain: f.access_certificate_chain, registrationCertificate: f.registration_certificate },
    ...(f.registrar_root !== undefined ? { registrarRoot: f.registrar_root } : {}),
    ...(f.callback !== undefined ? { callback: f.callback } : {}),
  }
}

const registrarResponse = z.object({
  client_id: z.string(),
  access_certificate: z.string(),
  access_certificate_chain: z.array(z.string()).min(1).optional(),
  registration_certificate: z.string(),
  registrar_root: z.string().optional(),
  callback: z.string().max(2048).optional(),
  service_id: z.string().optional(),
})

/**
 * Generates a request-signing key, registers it with the registrar (the issuer's admin API
 * `POST /admin/relying-parties`), and writes the credentials to `file`. With `previousRegistrationCertificate`
 * (a renewal or key rotation) the registrar keeps the service's `service_id`, so people's pseudonyms stay.
 */
export async function registerRelyingPartyWithRegistrar(input: {
  registrarUrl: string
  adminToken: string
  name: string
  purpose: string
  allowedClaims: ClaimsPath[]
  /** The service's webhook callback URL, recorded by the registrar. */
  callback?: string
  /**
   * Origins of the service: its verifier's (where wallets post answers) and its pages' (same-device redirects go
   * back there); recorded in the registration certificate, wallets post and redirect nowhere else.
   */
  origins?: string[]
  file: string
  /** Re-registration: the service's current registration certificate, so the registrar keeps its service_id (pseudonym scope). */
  previousRegistrationCertificate?: string
}): Promise<RelyingPartyFile> {
  for (const p of input.allowedClaims) parseInput(claimsPathSchema, p, 'invalid_request', 'allowed claim')
  const key = await generateSigningKey('ES256')
  // The operator's configured registrar: no redirects (the admin token goes nowhere else), bounded answer.
  const res = await fetchBounded(`${input.registrarUrl}/admin/relying-parties`, {
    what: 'registrar',
    allowUrl: (href) => new URL(href),
    timeoutMs: 10_000,
    maxBytes: 256 * 1024,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${input.adminToken}` },
    body: JSON.stringify({
      name: input.name,
      purpose: input.purpose,
      allowed_claims: input.allowedClaims,
      request_signing_jwk: key.publicJwk,
      ...(input.callback !== undefined ? { callback: input.callback } : {}),
      ...(input.origins !== undefined ? { origins: input.origins } : {}),
      ...(input.previousRegistrationCertificate !== undefined ? { previous_registration_certificate: input.previousRegistrationCertificate } : {}),
    }),
    statuses: [200, 201],
    code: 'upstream_fetch_failed',
  })
  let json: unknown
  try {
    json = JSON.parse(res.body.toString('utf8'))
  } catch {
    throw new EidError('upstream_fetch_failed', 'registrar: response is not JSON')
  }
  const r = parseInput(registrarResponse, json, 'invalid_request', 'registrar response')
  const doc = {
    signing_key: await exportSigningKey(key),
    client_id: r.client_id,
    access_certificate_chain: r.access_certificate_chain ?? [r.access_certificate],
    registration_certificate: r.registration_certificate,
    ...(r.registrar_root !== undefined ? { registrar_root: r.registrar_root } : {}),
    ...(r.callback !== undefined ? { callback: r.callback } : {}),
  }
  await mkdir(dirname(input.file), { recursive: true })
  await writeFile(input.file, JSON.stringify(doc, null, 2), { mode: 0o600 })
  return loadRelyingPartyFile(input.file)
}
