// Checks shared by both token forms (draft-ietf-oauth-status-list-20 §8.3 steps 3-4): the key, sub, exp, nbf, iat, freshness.
import type { KeyObject } from 'node:crypto'
import { z } from 'zod'
import { isEidError } from '../errors/index.ts'
import { numericDateSchema, verificationKey } from '../keys/index.ts'
import { invalidList } from './invalid.ts'
import type { StatusListTokenHeader, VerifiedStatusList, VerifyStatusListOptions } from './token-options.ts'

/** The claims both token forms carry besides `status_list` (§5.1, §5.2), by their JWT names: one schema for both. */
export const tokenClaimsShape = {
  sub: z.string().min(1).max(2048),
  iss: z.string().max(2048).optional(),
  iat: numericDateSchema, // safe integer up to year 9999
  exp: numericDateSchema.optional(),
  nbf: numericDateSchema.optional(),
  ttl: z.number().int().positive().max(10 * 365 * 86400).optional(),
}

/** The claims every Status List Token check reads, by their JWT names (CWT keys 2, 6, 4, 5). */
export interface TokenTimes {
  sub: string
  iat: number
  exp?: number | undefined
  nbf?: number | undefined
}

/** `sub` equals the status claim's uri exactly; not expired, not before `nbf`, `iat` not in the future (skew 60 s by default). */
export function checkTokenClaims(c: TokenTimes, opts: VerifyStatusListOptions): void {
  const skew = opts.skewSeconds ?? 60
  if (c.sub !== opts.expectedSub) throw invalidList('sub', 'status list token sub does not equal the status claim uri')
  if (c.exp === undefined && opts.requireExp) throw invalidList('exp', 'status list token has no exp')
  if (c.exp !== undefined && opts.now - skew >= c.exp) throw invalidList('exp', 'status list token has expired')
  if (c.nbf !== undefined && c.nbf > opts.now + skew) throw invalidList('nbf', 'status list token is not yet valid')
  if (c.iat > opts.now + skew) throw invalidList('iat', 'status list token iat is in the future')
  if (opts.maxAgeSeconds !== undefined && opts.now - c.iat > opts.maxAgeSeconds) {
    throw invalidList('iat', 'status list token is older than allowed')
  }
}

/** The key `opts.resolveKey` names for `header`, fitting its alg; any failure but a list check of its own is `key`. */
export async function tokenKey(header: StatusListTokenHeader, opts: VerifyStatusListOptions): Promise<KeyObject> {
  try {
    return verificationKey(await opts.resolveKey(header), header.alg)
  } catch (cause) {
    if (isEidError(cause, 'status_list_invalid')) throw cause
    throw invalidList('key', 'no trusted key for the status list token', cause)
  }
}

/** What a verified token reports of its times: `exp` and `ttl` only when present. */
export function tokenTimes(c: { iat: number; exp?: number | undefined; ttl?: number | undefined }): Pick<VerifiedStatusList, 'iat' | 'exp' | 'ttl'> {
  return { iat: c.iat, ...(c.exp !== undefined ? { exp: c.exp } : {}), ...(c.ttl !== undefined ? { ttl: c.ttl } : {}) }
}
