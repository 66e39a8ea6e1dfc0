// BBS ciphersuites BLS12-381-SHA-256 and BLS12-381-SHAKE-256 (draft-irtf-cfrg-bbs-signatures-09 §7).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { hash_to_field } from '@noble/curves/abstract/hash-to-curve.js'
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js'
import { shake256 } from '@noble/hashes/sha3.js'
import { EidError } from '../errors/index.ts'
import { expandMessageXmdSha256, expandMessageXofShake256 } from './expand-message.ts'
import { ascii } from './octets.ts'

/** A point of G1 (noble projective point over Fp). */
export type G1Point = WeierstrassPoint<bigint>

/** Names of the two ciphersuites, as in the draft and in `@digitalbazaar/bbs-signatures`. */
export type CiphersuiteName = 'BLS12-381-SHA-256' | 'BLS12-381-SHAKE-256'

/**
 * One BBS ciphersuite (§7): its identifiers, `expand_message`, `hash_to_curve_g1` and the fixed base
 * point `P1`. `octet_scalar_length` is 32, `octet_point_length` 48 (G1) and 96 (G2), `expand_len` 48.
 */
export interface Ciphersuite {
  readonly name: CiphersuiteName
  /** `ciphersuite_id`, e.g. `BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_`. */
  readonly ciphersuiteId: string
  /** `api_id` of the core BBS interface: `ciphersuite_id || "H2G_HM2S_"`. */
  readonly apiId: Uint8Array
  /** `expand_len` (48): bytes expanded per scalar. */
  readonly expandLen: number
  /** `expand_message` of the suite (RFC 9380 §5.3: XMD with SHA-256, or XOF with SHAKE-256, k = 128). */
  expandMessage(msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Uint8Array
  /** `hash_to_curve_g1` (RFC 9380 `BLS12381G1_XMD:SHA-256_SSWU_RO_` / `BLS12381G1_XOF:SHAKE-256_SSWU_RO_`) with the given DST. */
  hashToCurveG1(msg: Uint8Array, dst: Uint8Array): G1Point
  /** The suite's fixed point `P1` (§7.1, §7.2). */
  readonly P1: G1Point
}

const MAX_DST = 255

function checkDst(dst: Uint8Array): void {
  if (dst.length > MAX_DST) throw new EidError('bbs_invalid_length', 'dst must be at most 255 bytes')
}

const G1 = bls12_381.G1
// noble's hasher `mapToCurve` takes one bigint for m = 1 and returns the cleared projective point
// (its declared type says tuple → affine); the vector tests pin this behaviour.
const mapToG1 = G1.mapToCurve as unknown as (u: bigint) => G1Point
const shakeH2F = { ...G1.defaults, expand: 'xof' as const, hash: shake256, k: 128 }

/**
 * RFC 9380 hash_to_curve for BLS12381G1_XOF:SHAKE-256_SSWU_RO_ (draft Appendix A.1): two field
 * elements from expand_message_xof, each mapped (SSWU + isogeny + cofactor clearing), then added.
 * Clearing each half is the same as clearing the sum: cofactor clearing is a group homomorphism.
 */
function hashToCurveShake(msg: Uint8Array, dst: Uint8Array): G1Point {
  const [u0, u1] = hash_to_field(msg, 2, { ...shakeH2F, DST: dst }) as [bigint[], bigint[]]
  return mapToG1(u0[0] as bigint).add(mapToG1(u1[0] as bigint))
}

/** BLS12-381-SHA-256 (§7.2.2). */
export const BLS12_381_SHA_256: Ciphersuite = Object.freeze({
  name: 'BLS12-381-SHA-256',
  ciphersuiteId: 'BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_',
  apiId: ascii('BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_H2G_HM2S_'),
  expandLen: 48,
  expandMessage(msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Uint8Array {
    return expandMessageXmdSha256(msg, dst, lenInBytes)
  },
  hashToCurveG1(msg: Uint8Array, dst: Uint8Array): G1Point {
    checkDst(dst)
    return G1.hashToCurve(msg, { DST: dst })
  },
  P1: G1.Point.fromHex(
    'a8ce256102840821a3e94ea9025e4662b205762f9776b3a766c872b948f1fd225e7c59698588e70d11406d161b4e28c9',
  ),
})

/** BLS12-381-SHAKE-256 (§7.2.1). */
export const BLS12_381_SHAKE_256: Ciphersuite = Object.freeze({
  name: 'BLS12-381-SHAKE-256',
  ciphersuiteId: 'BBS_BLS12381G1_XOF:SHAKE-256_SSWU_RO_',
  apiId: ascii('BBS_BLS12381G1_XOF:SHAKE-256_SSWU_RO_H2G_HM2S_'),
  expandLen: 48,
  expandMessage(msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Uint8Array {
    return expandMessageXofShake256(msg, dst, lenInBytes)
  },
  hashToCurveG1(msg: Uint8Array, dst: Uint8Array): G1Point {
    checkDst(dst)
    return hashToCurveShake(msg, dst)
  },
  P1: G1.Point.fromHex(
    '8929dfbc7e6642c4ed9cba0856e493f8b9d7d5fcb0c31ef8fdcd34d50648a56c795e106e9eada6e0bda386b414150755',
  ),
})

/** Looks a ciphersuite up by name (`BLS12-381-SHA-256` or `BLS12-381-SHAKE-256`). */
export function getCiphersuite(name: string): Ciphersuite {
  if (name === BLS12_381_SHA_256.name) return BLS12_381_SHA_256
  if (name === BLS12_381_SHAKE_256.name) return BLS12_381_SHAKE_256
  throw new EidError('bbs_unsupported_ciphersuite', 'unknown BBS ciphersuite')
}
