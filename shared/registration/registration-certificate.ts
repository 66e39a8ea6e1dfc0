// Registration certificates: a JWT (`typ: rc-rp+jwt`) by which the registrar states a relying party's name, purpose and allowed claims (after ETSI TS 119 475).
import type { CryptoKey, JWK } from 'jose'
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { claimsPathSchema } from './claims-path.ts'
import type { ClaimsPath } from './claims-path.ts'
import { isX509HashClientId } from './client-id.ts'
import { serviceIdSchema } from './service-id.ts'
import { checkJwtSignature, decodeTypedJwt, signTypedJwt } from './compact-jwt.ts'
import type { JwtSigner } from './compact-jwt.ts'
import { numericDateSchema } from '../keys/index.ts'

/** The JOSE `typ` of a relying-party registration certificate. */
export const REGISTRATION_CERTIFICATE_TYP = 'rc-rp+jwt'
/** Largest accepted registration certificate, in bytes. */
export const MAX_REGISTRATION_CERTIFICATE_BYTES = 16_384
const MAX_ALLOWED_CLAIMS = 64

/** What a verified registration certificate states about a relying party. */
export interface Registration {
  /** The registrar (issuer identifier), when stated. */
  issuer?: string
  clientId: string
  /**
   * `service_id`: the stable identifier the registrar assigned to the service, kept across re-registration
   * and key rotation (the pseudonym scope); absent in certificates issued before it existed.
   */
  serviceId?: string
  name: string
  purpose: string
  allowedClaims: ClaimsPath[]
  /** The web origins the relying party answers on (its `response_uri` and `redirect_uri`); absent in older certificates. */
  origins?: string[]
  iat: number
  /** Not valid before, when stated. */
  nbf?: number
  exp: number
}

export interface RegistrationCertificateInput {
  clientId: string
  /** The service's stable identifier (shared/registration `newServiceId`, or the one it had before). */
  serviceId?: string
  name: string
  purpose: string
  allowedClaims: ClaimsPath[]
  /** Origins (`https://shop.example`) the relying party receives responses on; wallets post nowhere else. */
  origins?: string[]
  iat: number
  nbf?: number
  exp: number
  /** The registrar's signing key; its `kid` goes in the header so wallets find it in the registrar's JWKS. */
  signer: JwtSigner
  /** The registrar's identifier (`iss`), e.g. the issuer URL. */
  issuer?: string
}

/** A web origin as `URL.origin` writes it: `https://host[:port]` (http allowed; wallets apply their own URL policy). */
export const originSchema = z
  .string()
  .max(256)
  .refine((o) => URL.canParse(o) && /^https?:$/.test(new URL(o).protocol) && new URL(o).origin === o, 'must be an origin such as https://shop.example')
const MAX_ORIGINS = 16

const inputSchema = z.object({
  clientId: z.string().refine(isX509HashClientId, 'must be an x509_hash client_id'),
  serviceId: serviceIdSchema.optional(),
  name: z.string().min(1).max(128),
  purpose: z.string().min(1).max(512),
  allowedClaims: z.array(claimsPathSchema).min(1).max(MAX_ALLOWED_CLAIMS),
  origins: z.array(originSchema).min(1).max(MAX_ORIGINS).optional(),
  iat: numericDateSchema,
  nbf: numericDateSchema.optional(),
  exp: numericDateSchema,
  issuer: z.string().min(1).max(512).optional(),
})

const payloadSchema = z.object({
  iss: z.string().min(1).max(512).optional(),
  sub: z.string().min(1).max(256),
  service_id: serviceIdSchema.optional(),
  name: z.string().min(1).max(128),
  purpose: z.string().min(1).max(512),
  allowed_claims: z.array(claimsPathSchema).min(1).max(MAX_ALLOWED_CLAIMS),
  origins: z.array(originSchema).min(1).max(MAX_ORIGINS).optional(),
  iat: numericDateSchema,
  nbf: numericDateSchema.optional(),
  exp: numericDateSchema,
})

/** Signs a registration certificate for `clientId`. */
export async function createRegistrationCertificate(input: RegistrationCertificateInput): Promise<string> {
  const i = parseInput(inputSchema, input, 'invalid_request', 'registration')
  if (i.exp <= i.iat) throw new EidError('invalid_request', 'exp must be after iat')
  const payload = {
    ...(i.issuer !== undefined ? { iss: i.issuer } : {}),
    sub: i.clientId,
    ...(i.serviceId !== undefined ? { service_id: i.serviceId } : {}),
    name: i.name,
    purpose: i.purpose,
    allowed_claims: i.allowedClaims,
    ...(i.origins !== undefined ? { origins: i.origins } : {}),
    iat: i.iat,
    ...(i.nbf !== undefined ? { nbf: i.nbf } : {}),
    exp: i.exp,
  }
  return signTypedJwt(REGISTRATION_CERTIFICATE_TYP, payload, input.signer)
}

export interface VerifyRegistrationOptions {
  /** The client_id of the request this certificate travels in; `sub` must equal it. */
  clientId: string
  now: number
  /** Resolves the registrar's public key from the JWT header (e.g. by `kid` in the registrar JWKS). */
  registrarKey: (header: Record<string, unknown>) => Promise<CryptoKey | JWK>
  skewSeconds?: number
}

/**
 * Verifies a registration certificate: shape (registration_invalid), alg allow-list (alg_not_allowed),
 * `typ` (invalid_typ), registrar signature (registration_signature_invalid), `sub` = client_id
 * (registration_client_mismatch), `exp` (registration_expired), `iat` and `nbf` (registration_not_yet_valid).
 */
export async function verifyRegistrationCertificate(jwt: unknown, opts: VerifyRegistrationOptions): Promise<Registration> {
  const skew = opts.skewSeconds ?? 60
  const decoded = decodeTypedJwt(jwt, REGISTRATION_CERTIFICATE_TYP, 'registration_invalid', 'registration certificate', MAX_REGISTRATION_CERTIFICATE_BYTES)
  const key = await opts.registrarKey(decoded.header)
  checkJwtSignature(decoded, key, 'registration_signature_invalid', 'registration certificate')
  const p = parseInput(payloadSchema, decoded.payload, 'registration_invalid', 'registration certificate')
  if (p.sub !== opts.clientId) throw new EidError('registration_client_mismatch', 'registration certificate is for another client_id')
  if (p.exp <= opts.now - skew) throw new EidError('registration_expired', 'registration certificate has expired')
  if (p.iat > opts.now + skew) throw new EidError('registration_not_yet_valid', 'registration certificate is issued in the future')
  if (p.nbf !== undefined && p.nbf > opts.now + skew) throw new EidError('registration_not_yet_valid', 'registration certificate is not valid yet (nbf)')
  return {
    ...(p.iss !== undefined ? { issuer: p.iss } : {}),
    clientId: p.sub,
    ...(p.service_id !== undefined ? { serviceId: p.service_id } : {}),
    name: p.name,
    purpose: p.purpose,
    allowedClaims: p.allowed_claims,
    ...(p.origins !== undefined ? { origins: p.origins } : {}),
    iat: p.iat,
    ...(p.nbf !== undefined ? { nbf: p.nbf } : {}),
    exp: p.exp,
  }
}
