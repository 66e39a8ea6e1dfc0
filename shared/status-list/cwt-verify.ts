// CWT Status List Token validation (draft-ietf-oauth-status-list-20 §5.2, §8.3 steps 3-5; RFC 8392 §7.2): COSE_Sign1
// structure, protected typ/alg, no crit, trusted key, signature, claims, sub, exp, iat, list (bstr, bounded inflate).
import { z } from 'zod'
import { checkTokenClaims, tokenClaimsShape, tokenKey, tokenTimes } from './claims-check.ts'
import { decodeStrictCbor, parseCoseSign1, verifyCoseSign1 } from './cose-sign1.ts'
import { coseStatusListHeader } from './cwt-header.ts'
import { CWT_CLAIM } from './cwt-sign.ts'
import { decodeStatusListCbor } from './decode.ts'
import { invalidList as invalid } from './invalid.ts'
import { DEFAULT_MAX_TOKEN_CHARS } from './token-options.ts'
import type { VerifiedStatusList, VerifyStatusListOptions } from './token-options.ts'

const Claims = z.object({
  ...tokenClaimsShape,
  status_list: z.object({ bits: z.number(), lst: z.instanceof(Uint8Array), aggregation_uri: z.string().max(2048).optional() }),
})
/** The CWT claims read, by their JWT names. */
export type StatusListCwtClaims = z.output<typeof Claims>

export interface VerifiedStatusListCwt extends VerifiedStatusList {
  claims: StatusListCwtClaims
}

/**
 * Verifies a CWT Status List Token (its binary form, as served) and decodes its list. Every failure is EidError
 * `status_list_invalid` with `details.check`: `format`, `header`, `typ`, `alg`, `crit`, `key`, `signature`, `claims`,
 * `sub`, `exp`, `nbf`, `iat`, or a list check (`bits`, `lst`, `too_large`, `compression`, `empty`). `maxTokenChars`
 * bounds its bytes. Other claims are allowed (§5.2 rule 1).
 */
export async function verifyStatusListCwt(cwt: Uint8Array, opts: VerifyStatusListOptions): Promise<VerifiedStatusListCwt> {
  const maxBytes = opts.maxTokenChars ?? DEFAULT_MAX_TOKEN_CHARS
  if (!(cwt instanceof Uint8Array) || cwt.length > maxBytes) throw invalid('format', 'status list token is not a byte string of bounded size')
  const msg = parseCoseSign1(cwt)
  const header = coseStatusListHeader(msg, opts.algorithms)
  const key = await tokenKey(header, opts)
  if (!verifyCoseSign1(msg, key, header.alg)) throw invalid('signature', 'status list token signature is invalid')
  const claims = parseClaims(msg.payload)
  checkTokenClaims(claims, opts)
  const list = decodeStatusListCbor(claims.status_list, opts.limits)
  return {
    header,
    claims,
    list,
    ...tokenTimes(claims),
  }
}

/** The claims set: a CBOR map with integer keys (RFC 8392 §7.1), its status_list a map with text keys (§4.3). */
function parseClaims(payload: Uint8Array): StatusListCwtClaims {
  const m = decodeStrictCbor(payload, 'claims')
  if (!(m instanceof Map)) throw invalid('claims', 'status list token claims are not a CBOR map')
  const list = m.get(CWT_CLAIM.status_list)
  const named = {
    sub: m.get(CWT_CLAIM.sub),
    iss: m.get(CWT_CLAIM.iss),
    iat: m.get(CWT_CLAIM.iat),
    exp: m.get(CWT_CLAIM.exp),
    nbf: m.get(CWT_CLAIM.nbf),
    ttl: m.get(CWT_CLAIM.ttl),
    status_list: list instanceof Map ? { bits: list.get('bits'), lst: list.get('lst'), aggregation_uri: list.get('aggregation_uri') } : list,
  }
  const parsed = Claims.safeParse(named)
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || 'claims'
    throw invalid('claims', `status list token claim ${path} is missing or malformed`)
  }
  return parsed.data
}
