// KeyGen and SkToPk (draft-irtf-cfrg-bbs-signatures-09 §3.4.1, §3.4.2), secret-key octets.
import { randomBytes } from 'node:crypto'
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { EidError } from '../errors/index.ts'
import type { Ciphersuite, CiphersuiteName } from './ciphersuite.ts'
import { resolveSuite } from './suite-option.ts'
import { hashToScalar } from './hash-to-scalar.ts'
import { ascii, assertBytes, concat, i2osp, os2ip } from './octets.ts'
import { g2ToOctets, SCALAR_LENGTH } from './points.ts'
import { checkSecretKey } from './core-sign.ts'

/** Secret key length: 32 bytes, I2OSP(SK, 32). */
export const SECRET_KEY_LENGTH = SCALAR_LENGTH

export interface KeyGenInput {
  /** Ciphersuite (default BLS12-381-SHA-256). */
  suite?: Ciphersuite | CiphersuiteName
  /** Secret, random key material: at least 32 bytes (`bbs_invalid_length`). */
  keyMaterial: Uint8Array
  /** Optional key info, at most 65535 bytes. */
  keyInfo?: Uint8Array
  /** Optional DST; defaults to `ciphersuite_id || "KEYGEN_DST_"`. */
  keyDst?: Uint8Array
}

/** `KeyGen(key_material, key_info, key_dst)`: the 32-byte secret key (a scalar in 1..r-1). */
export function keyGen(input: KeyGenInput): Uint8Array {
  const suite = resolveSuite(input.suite)
  assertBytes(input.keyMaterial, 'keyMaterial')
  if (input.keyMaterial.length < 32) throw new EidError('bbs_invalid_length', 'keyMaterial must be at least 32 bytes')
  const keyInfo = input.keyInfo ?? new Uint8Array()
  assertBytes(keyInfo, 'keyInfo')
  if (keyInfo.length > 65535) throw new EidError('bbs_invalid_length', 'keyInfo must be at most 65535 bytes')
  const keyDst = input.keyDst ?? ascii(suite.ciphersuiteId + 'KEYGEN_DST_')
  assertBytes(keyDst, 'keyDst')
  const sk = hashToScalar(suite, concat(input.keyMaterial, i2osp(keyInfo.length, 2), keyInfo), keyDst)
  if (sk === 0n) throw new EidError('bbs_invalid_scalar', 'derived secret key is zero')
  return i2osp(sk, SECRET_KEY_LENGTH)
}

/** Decodes a 32-byte secret key to its scalar, checking 1..r-1 (`bbs_invalid_length`, `bbs_invalid_scalar`). */
export function secretKeyScalar(secretKey: Uint8Array): bigint {
  assertBytes(secretKey, 'secretKey', SECRET_KEY_LENGTH)
  const sk = os2ip(secretKey)
  checkSecretKey(sk)
  return sk
}

/** `SkToPk(SK)`: W = SK * BP2 as 96 compressed octets. */
export function skToPk(secretKey: Uint8Array): Uint8Array {
  return g2ToOctets(bls12_381.G2.Point.BASE.multiply(secretKeyScalar(secretKey)))
}

/** A fresh key pair from 32 bytes of CSPRNG key material (KeyGen with empty key_info). */
export function generateKeyPair(suite?: Ciphersuite | CiphersuiteName): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = keyGen({ suite, keyMaterial: randomBytes(32) })
  return { secretKey, publicKey: skToPk(secretKey) }
}
