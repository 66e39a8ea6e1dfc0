// Compact JWS signing and signature checking (RFC 7515 §5, §7.1) on node:crypto KeyObjects, for ES256 (IEEE P1363 r||s) and EdDSA.
import type { CryptoKey } from 'jose'
import { sign as cryptoSign, verify as cryptoVerify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import type { SigningAlg } from './algorithms.ts'
import { signingKeyObject } from './key-object.ts'

/** Signs `header` (its `alg` is set to `alg`) and `payload` as a compact JWS with a private CryptoKey. */
export function signJwsCompact(header: Record<string, unknown>, payload: Record<string, unknown>, key: CryptoKey | KeyObject, alg: SigningAlg): string {
  const protectedHeader: Record<string, unknown> = { alg, ...header }
  protectedHeader.alg = alg
  const input = `${Buffer.from(JSON.stringify(protectedHeader)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`
  return signJwsInput(input, signingKeyObject(key, alg), alg)
}

/**
 * The compact JWS of an encoded signing input (`<header>.<payload>`, base64url): `input.<signature>`. For callers
 * that encode the input themselves (parts prepared once); `key` is a private KeyObject fitting `alg` (signingKeyObject).
 */
export function signJwsInput(input: string, key: KeyObject, alg: SigningAlg): string {
  const data = Buffer.from(input)
  const sig = alg === 'ES256' ? cryptoSign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }) : cryptoSign(null, data, key)
  return `${input}.${sig.toString('base64url')}`
}

/**
 * True when `signatureB64u` is the canonical base64url of a valid `alg` signature over the ASCII
 * `signingInput`. Non-canonical encodings (stray bits in the last character, padding) are invalid.
 */
export function verifyJwsSignature(signingInput: string, signatureB64u: string, key: KeyObject, alg: SigningAlg): boolean {
  if (signatureB64u.length !== 86) return false // both ES256 (r||s) and Ed25519 signatures are 64 bytes
  const sig = Buffer.from(signatureB64u, 'base64url')
  if (sig.length !== 64 || sig.toString('base64url') !== signatureB64u) return false
  const data = Buffer.from(signingInput, 'latin1')
  return alg === 'ES256' ? cryptoVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig) : cryptoVerify(null, data, key, sig)
}
