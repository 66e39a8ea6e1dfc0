// Registration certificates in the ETSI TS 119 475 form (WRPRC, JWT `typ: rc-wrp+jwt`, as the EUDI reference wallet and verifier
// carry it in OpenID4VP `verifier_info` with format `registration_cert`): the registrar states a relying party's name, its
// Service_Provider entitlement, purpose and the credentials and claims it may request. Extensions (docs/protocol/presentation.md):
// `sub` is the x509_hash client_id (our access certificates name no organisation identifier), `service_id`, `origins`.
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

/** The JOSE `typ` of a wallet-relying party registration certificate (ETSI TS 119 475, JWT form). */
export const REGISTRATION_CERTIFICATE_TYP = 'rc-wrp+jwt'
/** The `typ` of this registrar's certificates before the ETSI form: only read back at re-registration (its service_id). */
export const LEGACY_REGISTRATION_CERTIFICATE_TYP = 'rc-rp+jwt'
/** The ETSI TS 119 475 entitlement of a relying party requesting presentations, as URI and as OID. */
export const SERVICE_PROVIDER_ENTITLEMENTS = ['https://uri.etsi.org/19475/Entitlement/Service_Provider', '0.4.0.19475.1.1'] as const
/** Credential formats registered when the registrar names none. */
const DEFAULT_CREDENTIAL_FORMATS: RegisteredCredentialFormat[] = [{ format: 'dc+sd-jwt' }]
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

/** A credential format (and, for SD-JWT VC, its types) the registration's `credentials` entries name. */
export interface RegisteredCredentialFormat {
  format: string
  vctValues?: string[]
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
  /** One `credentials` entry per format, each listing `allowedClaims` (default: `dc+sd-jwt`). */
  credentialFormats?: RegisteredCredentialFormat[]
  /** ISO 639-1 language of `purpose` (default `en`). */
  lang?: string
  /** ISO 3166-1 alpha-2 country of the registrar's register (`country`), when stated. */
  country?: string
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
  credentialFormats: z.array(z.object({ format: z.string().min(1).max(64), vctValues: z.array(z.string().min(1).max(512)).min(1).max(8).optional() })).min(1).max(8).optional(),
  lang: z.string().regex(/^[a-z]{2}(-[A-Za-z0-9]{2,8})*$/).optional(),
  country: z.string().regex(/^([A-Z]{2}|EU)$/).optional(),
})

const langValueSchema = z.object({ lang: z.string().min(2).max(35), value: z.string().min(1).max(512) })
/** `credentials[]` (ETSI TS 119 475, Service_Provider; `meta` and `claim[].path` as in DCQL, OpenID4VP 1.0 §6). */
const credentialSchema = z.object({
  format: z.string().min(1).max(64),
  meta: z.object({ vct_values: z.array(z.string().min(1).max(512)).min(1).max(8).optional() }).optional(),
  claim: z.array(z.object({ path: claimsPathSchema, values: z.array(z.union([z.string().max(256), z.number(), z.boolean()])).max(16).optional() })).min(1).max(MAX_ALLOWED_CLAIMS),
})

const payloadSchema = z.object({
  iss: z.string().min(1).max(512).optional(),
  sub: z.string().min(1).max(256),
  name: z.string().min(1).max(128),
  country: z.string().max(8).optional(),
  entitlements: z.array(z.string().min(1).max(256)).min(1).max(16),
  purpose: z.array(langValueSchema).min(1).max(8),
  credentials: z.array(credentialSchema).min(1).max(8),
  service_id: serviceIdSchema.optional(),
  origins: z.array(originSchema).min(1).max(MAX_ORIGINS).optional(),
  iat: numericDateSchema,
  nbf: numericDateSchema.optional(),
  exp: numericDateSchema,
})

/** Signs a registration certificate for `clientId`. */
export async function createRegistrationCertificate(input: RegistrationCertificateInput): Promise<string> {
  const i = parseInput(inputSchema, input, 'invalid_request', 'registration')
  if (i.exp <= i.iat) throw new EidError('invalid_request', 'exp must be after iat')
  const claim = i.allowedClaims.map((path) => ({ path }))
  const payload = {
    ...(i.issuer !== undefined ? { iss: i.issuer } : {}),
    sub: i.clientId,
    name: i.name,
    ...(i.country !== undefined ? { country: i.country } : {}),
    entitlements: [SERVICE_PROVIDER_ENTITLEMENTS[0]],
    purpose: [{ lang: i.lang ?? 'en', value: i.purpose }],
    credentials: (i.credentialFormats ?? DEFAULT_CREDENTIAL_FORMATS).map((f) => ({
      format: f.format,
      ...(f.vctValues !== undefined ? { meta: { vct_values: f.vctValues } } : {}),
      claim,
    })),
    ...(i.serviceId !== undefined ? { service_id: i.serviceId } : {}),
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
 * Reads a registration certificate's payload (shape: registration_invalid) into a Registration, without any
 * signature or time check: the Service_Provider entitlement (registration_not_entitled), then the allowed claims,
 * every `claim` path of every `credentials` entry (the formats' union: a query's format is matched by the DCQL parser).
 */
export function readRegistrationPayload(payload: unknown): Registration {
  const p = parseInput(payloadSchema, payload, 'registration_invalid', 'registration certificate')
  if (!p.entitlements.some((e) => (SERVICE_PROVIDER_ENTITLEMENTS as readonly string[]).includes(e))) {
    throw new EidError('registration_not_entitled', 'registration certificate grants no Service_Provider entitlement')
  }
  const allowedClaims: ClaimsPath[] = []
  const seen = new Set<string>()
  for (const c of p.credentials) {
    for (const { path } of c.claim) {
      const key = JSON.stringify(path)
      if (!seen.has(key)) allowedClaims.push(path)
      seen.add(key)
    }
  }
  return {
    ...(p.iss !== undefined ? { issuer: p.iss } : {}),
    clientId: p.sub,
    ...(p.service_id !== undefined ? { serviceId: p.service_id } : {}),
    name: p.name,
    purpose: p.purpose[0]?.value ?? '',
    allowedClaims,
    ...(p.origins !== undefined ? { origins: p.origins } : {}),
    iat: p.iat,
    ...(p.nbf !== undefined ? { nbf: p.nbf } : {}),
    exp: p.exp,
  }
}

/**
 * Verifies a registration certificate: alg allow-list (alg_not_allowed), `typ` rc-wrp+jwt (invalid_typ),
 * registrar signature (registration_signature_invalid), shape (registration_invalid), Service_Provider
 * entitlement (registration_not_entitled), `sub` = client_id (registration_client_mismatch), `exp`
 * (registration_expired), `iat` and `nbf` (registration_not_yet_valid).
 */
export async function verifyRegistrationCertificate(jwt: unknown, opts: VerifyRegistrationOptions): Promise<Registration> {
  const skew = opts.skewSeconds ?? 60
  const decoded = decodeTypedJwt(jwt, REGISTRATION_CERTIFICATE_TYP, 'registration_invalid', 'registration certificate', MAX_REGISTRATION_CERTIFICATE_BYTES)
  const key = await opts.registrarKey(decoded.header)
  checkJwtSignature(decoded, key, 'registration_signature_invalid', 'registration certificate')
  const p = readRegistrationPayload(decoded.payload)
  if (p.clientId !== opts.clientId) throw new EidError('registration_client_mismatch', 'registration certificate is for another client_id')
  if (p.exp <= opts.now - skew) throw new EidError('registration_expired', 'registration certificate has expired')
  if (p.iat > opts.now + skew) throw new EidError('registration_not_yet_valid', 'registration certificate is issued in the future')
  if (p.nbf !== undefined && p.nbf > opts.now + skew) throw new EidError('registration_not_yet_valid', 'registration certificate is not valid yet (nbf)')
  return p
}
