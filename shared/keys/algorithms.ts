// The signature algorithm allow-list (RFC 7518 §3.4 ES256, RFC 8037 §3.1 EdDSA): no `none`, no HMAC, no RSA.
import { EidError } from '../errors/index.ts'

/** A JWS algorithm this project signs and verifies with. */
export type SigningAlg = 'ES256' | 'EdDSA'

/** The allow-list. Anything else (`none`, `HS*`, `RS*`, `PS*`, `ES384`, ...) is rejected. */
export const SIGNING_ALGS: readonly SigningAlg[] = Object.freeze(['ES256', 'EdDSA'] as const)

/** True when `alg` is on the allow-list (and on `allowed`, when given). */
export function isSigningAlg(alg: unknown, allowed: readonly SigningAlg[] = SIGNING_ALGS): alg is SigningAlg {
  return (alg === 'ES256' || alg === 'EdDSA') && allowed.includes(alg)
}

/** Throws EidError `alg_not_allowed` unless `alg` is on the allow-list (and on `allowed`, when given). */
export function assertSigningAlg(alg: unknown, allowed: readonly SigningAlg[] = SIGNING_ALGS, what = 'alg'): SigningAlg {
  if (!isSigningAlg(alg, allowed)) throw new EidError('alg_not_allowed', `${what} is not an allowed signature algorithm`)
  return alg
}
