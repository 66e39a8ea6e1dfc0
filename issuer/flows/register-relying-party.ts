// Relying-party registration by the registrar (EUDI access + registration certificates, after ETSI TS 119 475).
import { z } from 'zod'
import { EidError, parseInput } from '../../shared/errors/index.ts'
import { parsePublicJwk } from '../../shared/keys/index.ts'
import {
  claimsPathProblem, claimsPathSchema, createAccessCertificate, createRegistrationCertificate, isServiceUrl, newServiceId, serviceIdOfPreviousRegistration, serviceWebUrl,
} from '../../shared/registration/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { displayText } from './display-text.ts'
import { checkClaimsIssuable, registeredCredentialFormats } from './issuable-claims.ts'

const YEAR = 365 * 86400
/** What shared/x509's toDistinguishedName keeps as a distinguished name instead of making it a CN. */
const DN_LIKE = /^[A-Za-z][A-Za-z0-9.-]*=/

/** Body of `POST /admin/relying-parties`. */
export const relyingPartyRequestSchema = z.strictObject({
  // The name becomes the access certificate's CN: a string shared/x509 would read as an RFC 4514 DN
  // ("CN=Other Bank,O=...", or "a=b" that fails to parse) is refused, so the subject is always CN=<name>.
  name: displayText(128).refine((n) => !DN_LIKE.test(n), { message: 'must be a display name, not a distinguished name' }),
  purpose: displayText(512),
  allowed_claims: z.array(claimsPathSchema).min(1).max(64),
  request_signing_jwk: z.record(z.string(), z.unknown()),
  validity_days: z.number().int().min(1).max(3 * 365).optional(),
  // The service's webhook callback (its verifier calls no other URL) and its origins: its verifier's (response_uri)
  // and its pages' (redirect_uri). The registration certificate names them; wallets post and redirect nowhere else.
  callback: z.string().max(2048).refine(isServiceUrl, 'must be an https URL (http only on loopback) without credentials or fragment').optional(),
  origins: z.array(z.string().max(512).refine(isOrigin, 'must be an origin: scheme://host[:port], https (http only on loopback)')).max(16).optional(),
  // Re-registration (renewal, key rotation): the registration certificate this registrar issued the
  // service before; its service_id (the pseudonym scope) is kept. Without it a new service id is assigned.
  previous_registration_certificate: z.string().min(1).max(16_384).optional(),
})

function isOrigin(s: string): boolean {
  return serviceWebUrl(s)?.origin === s
}

/** Response of `POST /admin/relying-parties`. */
export interface RelyingPartyResponse {
  client_id: string
  /** base64 DER; the RP's request objects carry `x5c: access_certificate_chain`. */
  access_certificate: string
  access_certificate_chain: string[]
  /** ETSI TS 119 475 registration certificate (JWT `typ: rc-wrp+jwt`), for the request's `verifier_info` (format `registration_cert`). */
  registration_certificate: string
  registrar_root: string
  /** The service's stable identifier (pseudonym scope), kept across re-registrations. */
  service_id: string
  expires_at: number
  /** As registered. */
  callback?: string
  origins?: string[]
}

/**
 * Issues an access certificate for the RP's request-signing key under the registrar root (its hash is the
 * `x509_hash:` client_id) and a registration certificate signed by the registrar key carrying the service's
 * stable `service_id` (new, or kept from `previous_registration_certificate`); stores the record.
 * Every allowed claim must be one the issuer's credential types carry (`claim_not_issued`).
 */
export async function registerRelyingParty(deps: IssuerDeps, body: unknown): Promise<RelyingPartyResponse> {
  checkAllowedClaimsPaths(body)
  const input = parseInput(relyingPartyRequestSchema, body)
  checkClaimsIssuable(deps, input.allowed_claims)
  const kty = input.request_signing_jwk.kty
  const jwk = parsePublicJwk(input.request_signing_jwk, kty === 'OKP' ? 'EdDSA' : 'ES256')
  const signer = deps.keys.registrarSigning
  const serviceId = input.previous_registration_certificate === undefined
    ? newServiceId()
    : serviceIdOfPreviousRegistration(input.previous_registration_certificate, signer.key.publicJwk)
  const now = deps.now()
  const exp = now + (input.validity_days ?? 365) * 86400
  const root = deps.keys.registrarRoot
  const access = await createAccessCertificate({
    name: input.name,
    requestSigningJwk: jwk,
    registrarCert: root.cert,
    registrarKey: root.key.privateKey,
    notBefore: new Date((now - 300) * 1000),
    notAfter: new Date(Math.min(exp, now + YEAR * 3) * 1000),
  })
  const registrationCertificate = await createRegistrationCertificate({
    clientId: access.clientId,
    serviceId,
    name: input.name,
    purpose: input.purpose,
    allowedClaims: input.allowed_claims,
    ...(input.origins !== undefined ? { origins: input.origins } : {}),
    iat: now,
    exp,
    issuer: deps.config.issuerUrl,
    credentialFormats: registeredCredentialFormats(deps),
    signer: { alg: signer.key.alg, privateKey: signer.key.privateKey, kid: signer.key.kid, x5c: [signer.cert] },
  })
  await deps.store.saveRelyingParty({
    clientId: access.clientId,
    name: input.name,
    purpose: input.purpose,
    allowedClaims: input.allowed_claims,
    accessCertificate: access.certificate,
    registrationCertificate,
    createdAt: now,
  })
  deps.logger.info({ clientId: access.clientId, serviceId, renewed: input.previous_registration_certificate !== undefined }, 'relying party registered')
  return {
    client_id: access.clientId,
    access_certificate: access.certificate,
    access_certificate_chain: [access.certificate],
    registration_certificate: registrationCertificate,
    registrar_root: root.cert,
    service_id: serviceId,
    expires_at: exp,
    ...(input.callback !== undefined ? { callback: input.callback } : {}),
    ...(input.origins !== undefined ? { origins: input.origins } : {}),
  }
}

/** Claims paths outside DCQL's grammar (`__proto__`, `[null]`, empty …) are refused with their own code, `claims_path_invalid`. */
function checkAllowedClaimsPaths(body: unknown): void {
  const claims = (body as { allowed_claims?: unknown } | null)?.allowed_claims
  if (!Array.isArray(claims)) return
  for (const path of claims.slice(0, 65)) {
    const problem = claimsPathProblem(path)
    if (problem !== undefined) throw new EidError('claims_path_invalid', `allowed_claims: ${problem}`)
  }
}
