// Signed request objects (OpenID4VP 1.0 §5, RFC 9101; `typ: oauth-authz-req+jwt`) with the x509_hash client identifier prefix (§5.9.3).
import type { CryptoKey, JWK } from 'jose'
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { assertSigningAlg, importPublicJwk, numericDateSchema, signJwsInput, signingKeyObject } from '../keys/index.ts'
import type { SigningAlg } from '../keys/index.ts'
import {
  checkClientIdMatchesCertificate, checkJwtSignature, checkQueryAllowed, decodeTypedJwt, verifyRegistrationCertificate,
} from '../registration/index.ts'
import type { Registration } from '../registration/index.ts'
import { verifyCertificateChain } from '../x509/index.ts'
import { parseDcqlQuery } from './dcql-query.ts'
import type { DcqlFormatParsers, ParsedDcqlQuery } from './dcql-query.ts'
import { findRegistrationCertificate, registrationVerifierInfo } from './verifier-info.ts'
import type { VerifierInfoEntry } from './verifier-info.ts'

export const REQUEST_OBJECT_TYP = 'oauth-authz-req+jwt'
/** Media type of a request object served at `request_uri` (RFC 9101 §10.2). */
export const REQUEST_OBJECT_MEDIA_TYPE = 'application/oauth-authz-req+jwt'
/** `aud` of a request object under static wallet discovery (OpenID4VP 1.0 §5.8). */
export const SELF_ISSUED_AUDIENCE = 'https://self-issued.me/v2'
export const MAX_REQUEST_OBJECT_BYTES = 65_536
const SKEW_SECONDS = 60

/** `vp_formats_supported` for SD-JWT VC (OpenID4VP 1.0 §11.1, Appendix B.3); a verifier adds its other formats' entries. */
export const SD_JWT_VC_VP_FORMAT = { 'sd-jwt_alg_values': ['ES256', 'EdDSA'], 'kb-jwt_alg_values': ['ES256', 'EdDSA'] } as const

/** What a verifier's request objects share: its identity, keys, endpoint and formats. */
export interface RequestObjectSignerInput {
  clientId: string
  responseUri: string
  /** The registration certificate JWT, carried in `verifier_info`. */
  registrationCertificate: string
  /** The relying party's request-signing key (the access certificate's key). */
  signer: { alg: SigningAlg; privateKey: CryptoKey }
  /** The access certificate chain, leaf first (base64 DER). */
  x5c: string[]
  /** `client_metadata.vp_formats_supported`: the verifier's formats (OpenID4VP 1.0 §11.1); default SD-JWT VC only. */
  vpFormatsSupported?: Record<string, unknown>
}

/** What one request object adds: its session's values. */
export interface RequestObjectSessionInput {
  nonce: string
  state: string
  dcqlQuery: unknown
  /** `JSON.stringify(dcqlQuery)`, when the caller keeps it for a query that cannot change; else encoded per request object. */
  dcqlQueryJson?: string
  iat: number
  exp: number
  /**
   * `direct_post.jwt` (OpenID4VP 1.0 §8.3): the `client_metadata` members offering this request's encryption key
   * (responseEncryptionMetadata). Absent: `direct_post`.
   */
  responseEncryption?: { jwks: { keys: JWK[] }; encrypted_response_enc_values_supported: string[] }
}

export type CreateRequestObjectInput = RequestObjectSignerInput & RequestObjectSessionInput

/** The response modes of this profile: `direct_post`, and `direct_post.jwt` (encrypted; the only one under HAIP 1.0). */
export const RESPONSE_MODES = ['direct_post', 'direct_post.jwt'] as const
export type ResponseMode = (typeof RESPONSE_MODES)[number]

/** Signs a request object for `direct_post` (or `direct_post.jwt` with `responseEncryption`) with header `{ alg, typ: oauth-authz-req+jwt, x5c }`. */
export function createRequestObject(input: CreateRequestObjectInput): string {
  return requestObjectSigner(input)(input)
}

/** `,"name":<value as JSON>`, or nothing for an undefined value (as JSON.stringify leaves out such a member). */
function member(name: string, value: unknown): string {
  const json = JSON.stringify(value) as string | undefined
  return json === undefined ? '' : `,${JSON.stringify(name)}:${json}`
}

/**
 * Prepares the request objects of one verifier (createRequestObject, split): the protected header segment, the members
 * every request shares (as JSON text, in the payload's member order) and the signing KeyObject are built once; each
 * call adds one session's members, encodes the payload and signs. A request object is the same bytes either way.
 */
export function requestObjectSigner(c: RequestObjectSignerInput): (s: RequestObjectSessionInput) => string {
  const alg = assertSigningAlg(c.signer.alg)
  const key = signingKeyObject(c.signer.privateKey, alg)
  const header = Buffer.from(JSON.stringify({ alg, typ: REQUEST_OBJECT_TYP, x5c: c.x5c })).toString('base64url')
  const start = (mode: ResponseMode): string =>
    `{"iss":${JSON.stringify(c.clientId)}${member('aud', SELF_ISSUED_AUDIENCE)}${member('client_id', c.clientId)}` +
    `${member('response_type', 'vp_token')}${member('response_mode', mode)}${member('response_uri', c.responseUri)}`
  const plainStart = start('direct_post')
  const encryptedStart = start('direct_post.jwt')
  const vpFormats = c.vpFormatsSupported ?? { 'dc+sd-jwt': SD_JWT_VC_VP_FORMAT }
  const plainMetadata = member('client_metadata', { vp_formats_supported: vpFormats })
  const verifierInfo = member('verifier_info', registrationVerifierInfo(c.registrationCertificate))
  return (s) => {
    const enc = s.responseEncryption
    const payload = `${enc ? encryptedStart : plainStart}${member('nonce', s.nonce)}${member('state', s.state)}${s.dcqlQueryJson !== undefined ? `,"dcql_query":${s.dcqlQueryJson}` : member('dcql_query', s.dcqlQuery)}` +
      `${enc ? member('client_metadata', { vp_formats_supported: vpFormats, ...enc }) : plainMetadata}${verifierInfo}${member('iat', s.iat)}${member('exp', s.exp)}}`
    return signJwsInput(`${header}.${Buffer.from(payload).toString('base64url')}`, key, alg)
  }
}

const x5cSchema = z.array(z.string().min(1).max(16_384)).min(1).max(5)
const payloadSchema = z.object({
  client_id: z.string().min(1).max(512),
  response_type: z.literal('vp_token'),
  response_mode: z.enum(RESPONSE_MODES),
  client_metadata: z.record(z.string(), z.unknown()).optional(),
  response_uri: z.url({ protocol: /^https?$/ }).max(2048),
  nonce: z.string().min(16).max(512),
  state: z.string().min(16).max(512),
  dcql_query: z.unknown(),
  /** OpenID4VP 1.0 §8.2: must be absent with direct_post; kept so the wallet can refuse it. */
  redirect_uri: z.unknown().optional(),
  /** OpenID4VP 1.0 §5.1 / §8.4: base64url JSON objects with a `type`; kept so the wallet can refuse unknown types. */
  transaction_data: z.array(z.string().max(16_384)).max(16).optional(),
  verifier_info: z.array(z.object({ format: z.string().max(64), data: z.unknown(), credential_ids: z.array(z.string().max(128)).max(16).optional() })).min(1).max(8).optional(),
  iat: numericDateSchema.optional(),
  exp: numericDateSchema,
  nbf: numericDateSchema.optional(),
})

export type RequestObjectPayload = Omit<z.output<typeof payloadSchema>, 'dcql_query' | 'verifier_info'> & {
  dcql_query: ParsedDcqlQuery
  verifier_info?: VerifierInfoEntry[]
}

export interface VerifyRequestObjectOptions {
  /** The `client_id` of the authorization request URI; the request object's must equal it. */
  clientId?: string
  /** Trusted registrar root certificates (base64 DER). */
  trustedRoots: string[]
  now: number
  /** When given, the registration certificate in `verifier_info` is verified and the query checked against it. */
  registrarKey?: (header: Record<string, unknown>) => Promise<CryptoKey | JWK>
  /** DCQL parsers of the formats the wallet holds besides `dc+sd-jwt` (its format table). */
  dcqlFormats?: DcqlFormatParsers
}

export interface VerifiedRequestObject {
  payload: RequestObjectPayload
  x5c: string[]
  registration?: Registration
}

/**
 * Verifies a request object as a wallet does: shape and `typ` (request_object_invalid / invalid_typ),
 * the x5c chain to a trusted registrar root (x5c_* codes), signature by the leaf key
 * (request_object_signature_invalid), `client_id` = URI client_id = x509_hash of the leaf
 * (client_id_mismatch), `exp`/`nbf`/`iat` (request_object_expired / request_object_invalid), the DCQL
 * query (dcql_query_invalid) and, with `registrarKey`, the registration certificate (registration_* codes)
 * and the policy (claim_not_registered).
 */
export async function verifyRequestObject(jwt: unknown, opts: VerifyRequestObjectOptions): Promise<VerifiedRequestObject> {
  const decoded = decodeTypedJwt(jwt, REQUEST_OBJECT_TYP, 'request_object_invalid', 'request object', MAX_REQUEST_OBJECT_BYTES)
  const x5c = parseInput(x5cSchema, decoded.header.x5c, 'request_object_invalid', 'request object x5c')
  const chain = await verifyCertificateChain(x5c, opts.trustedRoots, new Date(opts.now * 1000))
  checkJwtSignature(decoded, await importPublicJwk(chain.leafPublicJwk, decoded.header.alg), 'request_object_signature_invalid', 'request object')
  const p = parseInput(payloadSchema, decoded.payload, 'request_object_invalid', 'request object')
  if (opts.clientId !== undefined && p.client_id !== opts.clientId) throw new EidError('client_id_mismatch', 'request object client_id differs from the authorization request')
  checkClientIdMatchesCertificate(p.client_id, x5c[0] as string)
  if (p.exp <= opts.now - SKEW_SECONDS) throw new EidError('request_object_expired', 'request object has expired')
  if (p.nbf !== undefined && p.nbf > opts.now + SKEW_SECONDS) throw new EidError('request_object_invalid', 'request object is not yet valid')
  if (p.iat !== undefined && p.iat > opts.now + SKEW_SECONDS) throw new EidError('request_object_invalid', 'request object iat is in the future')
  const payload: RequestObjectPayload = { ...p, dcql_query: parseDcqlQuery(p.dcql_query, opts.dcqlFormats) }
  if (opts.registrarKey === undefined) return { payload, x5c }
  const registration = await verifyRegistrationCertificate(findRegistrationCertificate(p.verifier_info), {
    clientId: p.client_id, now: opts.now, registrarKey: opts.registrarKey,
  })
  checkQueryAllowed(payload.dcql_query, registration.allowedClaims)
  return { payload, x5c, registration }
}
