// Verification of an SD-JWT / SD-JWT+KB (RFC 9901 §7.1, §7.3; draft-ietf-oauth-sd-jwt-vc §3): the order of checks is visible here.
import { EidError } from '../errors/index.ts'
import { parseDisclosure } from './disclosure.ts'
import { checkIssuerSignature, decodeIssuerJwt } from './issuer-jwt.ts'
import { holderKeyFromCnf, verifyKbJwt } from './key-binding.ts'
import { resolveLimits } from './limits.ts'
import { processPayload } from './process.ts'
import { splitSdJwt } from './split.ts'
import { checkTimeClaims, checkVct } from './time-claims.ts'
import type { IssuerJwtHeader, VerifiedSdJwt, VerifySdJwtOptions } from './types.ts'

const DEFAULT_SKEW_SECONDS = 60
const DEFAULT_KB_MAX_AGE_SECONDS = 300

/**
 * Verifies an SD-JWT (VC), its disclosures and, per `opts.keyBinding`, its KB-JWT. Returns the
 * processed payload holding only the disclosed claims. Every failed check throws an EidError with
 * its own code (see docs/protocol/sd-jwt-vc.md).
 */
export async function verifySdJwt(token: string, opts: VerifySdJwtOptions): Promise<VerifiedSdJwt> {
  const limits = resolveLimits(opts.limits)
  const skew = opts.skewSeconds ?? DEFAULT_SKEW_SECONDS
  const parts = splitSdJwt(token, limits)
  const jwt = decodeIssuerJwt(parts.jwt, opts)
  await checkIssuerSignature(jwt, opts.resolveIssuerKey)
  const payload = jwt.payload as { iat?: number; nbf?: number; exp?: number; vct?: string; cnf?: unknown }
  checkTimeClaims(payload, opts.now, skew)
  if ((opts.profile ?? 'sd-jwt-vc') === 'sd-jwt-vc') checkVct(payload.vct, opts.expectedVct)
  // cnf, when present, holds exactly a public JWK (another confirmation method is refused: invalid_cnf)
  const holder = payload.cnf === undefined ? undefined : holderKeyFromCnf(payload.cnf)
  const { claims, placed } = processPayload(jwt.payload, parts.disclosures.map(parseDisclosure), limits.maxDepth)
  const result: VerifiedSdJwt = { header: jwt.header as IssuerJwtHeader, claims, disclosedPaths: placed.map((d) => d.path) }
  if (parts.kbJwt === undefined) {
    if (opts.keyBinding) throw new EidError('kb_jwt_missing', 'a key binding JWT is required')
    return result
  }
  if (opts.keyBinding === false) throw new EidError('kb_jwt_unexpected', 'a key binding JWT is not expected')
  result.keyBinding = verifyKbJwt(parts.kbJwt, parts.presented, holder, {
    now: opts.now,
    skew,
    aud: opts.keyBinding?.aud,
    nonce: opts.keyBinding?.nonce,
    maxAgeSeconds: opts.keyBinding?.maxAgeSeconds ?? DEFAULT_KB_MAX_AGE_SECONDS,
    algorithms: opts.algorithms,
  })
  return result
}
