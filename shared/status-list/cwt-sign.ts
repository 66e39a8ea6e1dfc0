// Status List Token in CWT format (draft-ietf-oauth-status-list-20 §5.2): COSE_Sign1_Tagged, protected alg, typ (16)
// `application/statuslist+cwt` and kid; claims sub (2), iss (1), iat (6), exp (4), ttl (65534), status_list (65533).
import { encode } from 'cborg'
import { z } from 'zod'
import { assertSigningAlg } from '../keys/index.ts'
import { COSE_ALG, COSE_HEADER, signCoseSign1 } from './cose-sign1.ts'
import { ListBits, TokenInput, parseTokenInput } from './token-sign.ts'
import type { StatusListSigner } from './token-sign.ts'
import type { StatusListCbor } from './types.ts'

/** The COSE `typ` (16) of a CWT Status List Token (RFC 9596), which is also its HTTP media type (§8.2). */
export const STATUS_LIST_CWT_TYP = 'application/statuslist+cwt'
export const STATUS_LIST_CWT_MEDIA_TYPE = STATUS_LIST_CWT_TYP

/** CWT claim keys (RFC 8392 §4; the draft's requested 65534 ttl and 65533 status_list). */
export const CWT_CLAIM = Object.freeze({ iss: 1, sub: 2, exp: 4, nbf: 5, iat: 6, ttl: 65534, status_list: 65533 })

export interface SignStatusListCwtInput {
  /** The URI the token is served at (the Referenced Tokens' `status.status_list.uri`). */
  sub: string
  iss?: string
  iat: number
  exp: number
  /** Seconds a consumer may cache the token (positive). */
  ttl: number
  /** `lst` is the ZLIB bytes themselves (`deflateStatusBytes`). */
  list: StatusListCbor
  signer: StatusListSigner
}

const Input = TokenInput.extend({
  list: z.object({
    bits: ListBits,
    lst: z.instanceof(Uint8Array).refine((b) => b.length > 0, 'lst must not be empty'),
    aggregation_uri: z.url().optional(),
  }),
})

/**
 * Signs a CWT Status List Token; returns its binary form (RFC 8392 §9.2.1: what the HTTP body carries). `kid` goes in
 * the protected header (as the UTF-8 bytes of the JWK kid), `x5c` as x5chain (33). Not tagged with the CWT tag 61
 * (§5.2). Throws `invalid_request` on a malformed input or `exp <= iat`, `alg_not_allowed` on the signer's alg.
 */
export async function signStatusListCwt(input: SignStatusListCwtInput): Promise<Uint8Array> {
  const { sub, iss, iat, exp, ttl, list } = parseTokenInput(Input, input)
  const alg = assertSigningAlg(input.signer.alg)
  const header = new Map<number, unknown>([
    [COSE_HEADER.alg, COSE_ALG[alg]],
    [COSE_HEADER.typ, STATUS_LIST_CWT_TYP],
  ])
  if (input.signer.kid !== undefined) header.set(COSE_HEADER.kid, Buffer.from(input.signer.kid, 'utf8'))
  const x5c = input.signer.x5c?.map((c) => Buffer.from(c, 'base64'))
  if (x5c !== undefined) header.set(COSE_HEADER.x5chain, x5c.length === 1 ? x5c[0] : x5c)
  const statusList = new Map<string, unknown>([
    ['bits', list.bits],
    ['lst', list.lst],
  ])
  if (list.aggregation_uri !== undefined) statusList.set('aggregation_uri', list.aggregation_uri)
  const claims = new Map<number, unknown>([[CWT_CLAIM.sub, sub]])
  if (iss !== undefined) claims.set(CWT_CLAIM.iss, iss)
  claims.set(CWT_CLAIM.iat, iat).set(CWT_CLAIM.exp, exp).set(CWT_CLAIM.ttl, ttl).set(CWT_CLAIM.status_list, statusList)
  return signCoseSign1(header, new Map(), encode(claims), input.signer.privateKey, alg)
}
