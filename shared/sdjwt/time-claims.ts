// Validity-period checks of the issuer JWT (RFC 7519 §4.1.4-6, draft-ietf-oauth-sd-jwt-vc §3.2.2.2) against a caller-supplied clock.
import { EidError } from '../errors/index.ts'

/** EidError `credential_expired` (exp passed), `credential_not_yet_valid` (nbf ahead) or `credential_iat_invalid` (iat in the future); skew in seconds. */
export function checkTimeClaims(payload: { iat?: number; nbf?: number; exp?: number }, now: number, skew: number): void {
  if (payload.exp !== undefined && now - skew >= payload.exp) throw new EidError('credential_expired', 'credential has expired')
  if (payload.nbf !== undefined && now + skew < payload.nbf) throw new EidError('credential_not_yet_valid', 'credential is not yet valid')
  if (payload.iat !== undefined && now + skew < payload.iat) throw new EidError('credential_iat_invalid', 'credential iat is in the future')
}

/** SD-JWT VC: `vct` REQUIRED, and equal to `expected` when given. EidError `vct_missing` or `vct_mismatch`. */
export function checkVct(vct: unknown, expected: string | undefined): void {
  if (typeof vct !== 'string' || vct.length === 0) throw new EidError('vct_missing', 'vct is required')
  if (expected !== undefined && vct !== expected) throw new EidError('vct_mismatch', 'vct is not the expected type')
}
