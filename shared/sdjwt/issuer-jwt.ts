// Verification of the issuer-signed JWT (RFC 9901 §7.1 step 2; draft-ietf-oauth-sd-jwt-vc §3.2): header, alg, typ, signature, payload shape.
import { deepFreeze, derivedPerFrozen } from '../cache/index.ts'
import { EidError } from '../errors/index.ts'
import { assertSigningAlg, verificationKey, verifyJwsSignature } from '../keys/index.ts'
import type { SigningAlg } from '../keys/index.ts'
import { decodeCompactJws } from './compact-parts.ts'
import { SD_ALG } from './digest.ts'
import { checkMembers, issuerHeaderSchema, issuerPayloadSchema } from './schemas.ts'
import { normalizeTyp, typMatches } from './typ.ts'
import type { IssuerJwtHeader, VerifySdJwtOptions } from './types.ts'

/** typ values of SD-JWT VC: `dc+sd-jwt`, and `vc+sd-jwt` accepted on input as the legacy alias. */
export const SD_JWT_VC_TYPS: readonly string[] = deepFreeze(['dc+sd-jwt', 'vc+sd-jwt'])

/** The canonical forms of an accepted typ list: kept for a frozen list (SD_JWT_VC_TYPS), made at each call for a caller's own acceptTyp. */
const canonicalTyps = derivedPerFrozen((accepted: readonly string[]) => accepted.map(normalizeTyp))

/** Decoded issuer JWT, shape-checked but not yet signature-checked. */
export interface DecodedIssuerJwt {
  header: IssuerJwtHeader
  payload: Record<string, unknown>
  signingInput: string
  signature: string
}

/**
 * Decodes the issuer JWT and checks its shape: EidError `malformed_sd_jwt`, `invalid_jwt_header`,
 * `alg_not_allowed`, `invalid_typ`, `invalid_jwt_payload`, `unsupported_sd_alg`.
 */
export function decodeIssuerJwt(jwt: string, opts: Pick<VerifySdJwtOptions, 'algorithms' | 'profile' | 'acceptTyp'>): DecodedIssuerJwt {
  const jws = decodeCompactJws(jwt, 'malformed_sd_jwt', 'issuer JWT')
  const header = checkMembers(issuerHeaderSchema, jws.header, 'invalid_jwt_header', 'issuer JWT header')
  const alg = assertSigningAlg(header.alg, opts.algorithms, 'issuer JWT alg')
  checkTyp(header.typ, opts)
  const payload = checkMembers(issuerPayloadSchema, jws.payload, 'invalid_jwt_payload', 'issuer JWT payload')
  if (payload._sd_alg !== undefined && payload._sd_alg !== SD_ALG) throw new EidError('unsupported_sd_alg', '_sd_alg must be sha-256')
  return { header: { ...header, alg } as IssuerJwtHeader, payload, signingInput: jws.signingInput, signature: jws.signature }
}

function checkTyp(typ: string | undefined, opts: Pick<VerifySdJwtOptions, 'profile' | 'acceptTyp'>): void {
  const accepted = (opts.profile ?? 'sd-jwt-vc') === 'sd-jwt-vc' ? SD_JWT_VC_TYPS : opts.acceptTyp
  if (accepted !== undefined && !typMatches(typ, canonicalTyps(accepted))) {
    throw new EidError('invalid_typ', `issuer JWT typ must be one of ${accepted.join(', ')}`)
  }
}

/** Checks the issuer signature with the resolved key: EidError `invalid_signature` or `key_alg_mismatch`. */
export async function checkIssuerSignature(jwt: DecodedIssuerJwt, resolve: VerifySdJwtOptions['resolveIssuerKey']): Promise<void> {
  const key = verificationKey(await resolve(jwt.header, jwt.payload), jwt.header.alg as SigningAlg)
  if (!verifyJwsSignature(jwt.signingInput, jwt.signature, key, jwt.header.alg)) {
    throw new EidError('invalid_signature', 'issuer JWT signature is invalid')
  }
}
