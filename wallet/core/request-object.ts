// Verifies a signed OpenID4VP request object (`typ: oauth-authz-req+jwt`, RFC 9101) whose `x5c` is the
// service's access certificate chain and whose `client_id` is `x509_hash:<leaf hash>` (OpenID4VP 1.0 §5.9.3).
import { compactVerify, decodeProtectedHeader } from 'jose'
import { z } from 'zod'
import { EidError, parseInput } from '../../shared/errors/index.ts'
import { SIGNING_ALGS, importPublicJwk } from '../../shared/keys/index.ts'
import { certificateHash, verifyCertificateChain } from '../../shared/x509/index.ts'

export const REQUEST_OBJECT_TYP = 'oauth-authz-req+jwt'
/** Largest request object read, characters. */
export const MAX_REQUEST_OBJECT_LENGTH = 65_536
/** Clock skew tolerated on `iat`/`exp`/`nbf`, seconds. */
export const REQUEST_SKEW_SECONDS = 60

const headerSchema = z.object({
  alg: z.enum(SIGNING_ALGS as ['ES256', 'EdDSA']),
  typ: z.string().max(64),
  x5c: z.array(z.string().min(1).max(16_384)).min(1).max(5),
})

const payloadSchema = z.object({
  client_id: z.string().min(1).max(512),
  response_type: z.literal('vp_token'),
  response_mode: z.literal('direct_post'),
  response_uri: z.string().min(1).max(2048),
  nonce: z.string().min(1).max(512),
  state: z.string().min(1).max(512).optional(),
  dcql_query: z.record(z.string(), z.unknown()),
  verifier_info: z.array(z.object({ format: z.string().max(64), data: z.unknown(), credential_ids: z.array(z.string().max(256)).max(64).optional() })).max(8).optional(),
  iat: z.number().optional(),
  exp: z.number().optional(),
  nbf: z.number().optional(),
})

export type RequestObjectPayload = z.infer<typeof payloadSchema>

export interface VerifiedRequestObject {
  payload: RequestObjectPayload
  /** The access certificate chain (base64 DER), leaf first. */
  x5c: string[]
}

/**
 * Verifies `jwt` for the `client_id` named in the authorization request URI, in this order:
 * header shape and `typ` (request_object_invalid), access certificate chain to a trusted registrar
 * root (x5c_* / certificate_expired), signature by the leaf key (request_object_signature_invalid),
 * payload shape, `client_id` = URI `client_id` = `x509_hash:` of the leaf (client_id_mismatch),
 * `exp`/`nbf`/`iat` (request_object_expired / request_object_invalid).
 */
export async function verifyRequestObject(jwt: string, opts: { clientId: string; trustedRoots: string[]; now: number }): Promise<VerifiedRequestObject> {
  if (jwt.length > MAX_REQUEST_OBJECT_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jwt)) {
    throw new EidError('request_object_invalid', 'request object is not a compact JWS of bounded size')
  }
  let rawHeader: unknown
  try {
    rawHeader = decodeProtectedHeader(jwt)
  } catch {
    throw new EidError('request_object_invalid', 'request object header is not JSON')
  }
  const header = parseInput(headerSchema, rawHeader, 'request_object_invalid', 'request object header')
  if (header.typ !== REQUEST_OBJECT_TYP) throw new EidError('request_object_invalid', `request object typ must be ${REQUEST_OBJECT_TYP}`)
  const chain = await verifyCertificateChain(header.x5c, opts.trustedRoots, new Date(opts.now * 1000))
  const key = await importPublicJwk(chain.leafPublicJwk, header.alg)
  let payloadBytes: Uint8Array
  try {
    payloadBytes = (await compactVerify(jwt, key, { algorithms: [header.alg] })).payload
  } catch (err) {
    throw new EidError('request_object_signature_invalid', 'request object signature does not verify with the access certificate key', { cause: err })
  }
  let rawPayload: unknown
  try {
    rawPayload = JSON.parse(new TextDecoder().decode(payloadBytes))
  } catch {
    throw new EidError('request_object_invalid', 'request object payload is not JSON')
  }
  const payload = parseInput(payloadSchema, rawPayload, 'request_object_invalid', 'request object')
  if (payload.client_id !== opts.clientId) throw new EidError('client_id_mismatch', 'client_id of the request object differs from the authorization request')
  const expected = `x509_hash:${certificateHash(header.x5c[0] ?? '')}`
  if (payload.client_id !== expected) throw new EidError('client_id_mismatch', 'client_id is not the x509_hash of the access certificate')
  if (payload.exp !== undefined && payload.exp + REQUEST_SKEW_SECONDS < opts.now) throw new EidError('request_object_expired', 'request object has expired')
  if (payload.nbf !== undefined && payload.nbf - REQUEST_SKEW_SECONDS > opts.now) throw new EidError('request_object_invalid', 'request object is not yet valid')
  if (payload.iat !== undefined && payload.iat - REQUEST_SKEW_SECONDS > opts.now) throw new EidError('request_object_invalid', 'request object iat is in the future')
  return { payload, x5c: header.x5c }
}
