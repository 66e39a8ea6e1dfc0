// Key Binding JWT (RFC 9901 §4.3 creation, §7.3 verification): typ kb+jwt, signed by the cnf key, sd_hash over the presentation.
import type { CryptoKey } from 'jose'
import { EidError, isEidError } from '../errors/index.ts'
import { PRIVATE_JWK_MEMBERS, REFERENCE_JWK_MEMBERS, assertSigningAlg, signJwsCompact, verificationKey, verifyJwsSignature } from '../keys/index.ts'
import type { SigningAlg } from '../keys/index.ts'
import type { KeyObject } from 'node:crypto'
import { decodeCompactJws, isJsonObject } from './compact-parts.ts'
import { sha256B64u } from './digest.ts'
import { checkMembers, kbHeaderSchema, kbPayloadSchema } from './schemas.ts'
import { typMatches } from './typ.ts'
import type { VerifiedSdJwt } from './types.ts'

/** The holder's side of key binding. */
export interface KeyBindingInput {
  privateKey: CryptoKey
  alg: SigningAlg
  aud: string
  nonce: string
  iat: number
}

/** Signs a KB-JWT over `presented` (the SD-JWT up to and including its last `~`). */
export function createKbJwt(presented: string, kb: KeyBindingInput): string {
  const alg = assertSigningAlg(kb.alg)
  return signJwsCompact({ typ: 'kb+jwt' }, { iat: kb.iat, aud: kb.aud, nonce: kb.nonce, sd_hash: sha256B64u(presented) }, kb.privateKey, alg)
}

/** The holder's public key from `cnf.jwk` (RFC 7800 §3.2) and the algorithm it fits. */
export interface HolderKey {
  alg: SigningAlg
  key: KeyObject
}

/**
 * Reads the holder key from a credential's `cnf` (RFC 7800 §3.2), which must hold exactly a public
 * JWK: EidError `cnf_missing` (no `cnf`) or `invalid_cnf` (no `jwk`, or another member beside it; a JWK
 * with a private member or a member pointing elsewhere, `x5u`, `x5c`, `jku`; not an EC P-256 /
 * OKP Ed25519 public key).
 */
export function holderKeyFromCnf(cnf: unknown): HolderKey {
  if (cnf === undefined) throw new EidError('cnf_missing', 'credential has no cnf.jwk holder key')
  if (!isJsonObject(cnf) || cnf.jwk === undefined || Object.keys(cnf).length !== 1) throw new EidError('invalid_cnf', 'cnf must hold exactly one member, jwk')
  const jwk = cnf.jwk
  if (!isJsonObject(jwk)) throw new EidError('invalid_cnf', 'cnf.jwk must be a JSON object')
  if (PRIVATE_JWK_MEMBERS.some((m) => Object.hasOwn(jwk, m))) throw new EidError('invalid_cnf', 'cnf.jwk must not contain private key members')
  if (REFERENCE_JWK_MEMBERS.some((m) => Object.hasOwn(jwk, m))) throw new EidError('invalid_cnf', 'cnf.jwk must not carry x5u, x5c or jku')
  const kty = jwk.kty
  if (kty !== 'EC' && kty !== 'OKP') throw new EidError('invalid_cnf', 'cnf.jwk must be an EC P-256 or OKP Ed25519 key')
  const alg: SigningAlg = kty === 'EC' ? 'ES256' : 'EdDSA'
  try {
    return { alg, key: verificationKey(jwk, alg) }
  } catch (err) {
    if (isEidError(err)) throw new EidError('invalid_cnf', 'cnf.jwk is not a valid public key', { cause: err })
    throw err
  }
}

/** What the verifier expects of a KB-JWT. */
export interface KbExpectations {
  now: number
  skew: number
  aud?: string
  nonce?: string
  maxAgeSeconds: number
  algorithms?: SigningAlg[]
}

/**
 * Verifies a KB-JWT. EidError: `kb_invalid_header`, `alg_not_allowed`, `kb_invalid_typ`, `cnf_missing`,
 * `invalid_cnf`, `key_alg_mismatch`, `kb_invalid_signature`, `kb_invalid_payload`, `sd_hash_mismatch`,
 * `kb_aud_mismatch`, `kb_nonce_mismatch`, `kb_iat_invalid`, `kb_expired`, `kb_not_yet_valid`.
 */
export function verifyKbJwt(kbJwt: string, presented: string, holder: HolderKey | undefined, exp: KbExpectations): NonNullable<VerifiedSdJwt['keyBinding']> {
  const jws = decodeCompactJws(kbJwt, 'kb_invalid_header', 'KB-JWT')
  const header = checkMembers(kbHeaderSchema, jws.header, 'kb_invalid_header', 'KB-JWT header')
  const alg = assertSigningAlg(header.alg, exp.algorithms, 'KB-JWT alg')
  if (!typMatches(header.typ, ['kb+jwt'])) throw new EidError('kb_invalid_typ', 'KB-JWT typ must be kb+jwt')
  if (holder === undefined) throw new EidError('cnf_missing', 'credential has no cnf.jwk holder key')
  if (holder.alg !== alg) throw new EidError('key_alg_mismatch', 'KB-JWT alg does not fit the cnf key')
  if (!verifyJwsSignature(jws.signingInput, jws.signature, holder.key, alg)) throw new EidError('kb_invalid_signature', 'KB-JWT signature is invalid')
  const payload = checkMembers(kbPayloadSchema, jws.payload, 'kb_invalid_payload', 'KB-JWT payload')
  if (payload.sd_hash !== sha256B64u(presented)) throw new EidError('sd_hash_mismatch', 'KB-JWT sd_hash does not match the presentation')
  if (typeof payload.aud !== 'string') throw new EidError('kb_aud_mismatch', 'KB-JWT aud must be a single string')
  if (exp.aud !== undefined && payload.aud !== exp.aud) throw new EidError('kb_aud_mismatch', 'KB-JWT aud is not this verifier')
  if (exp.nonce !== undefined && payload.nonce !== exp.nonce) throw new EidError('kb_nonce_mismatch', 'KB-JWT nonce does not match')
  if (payload.iat > exp.now + exp.skew) throw new EidError('kb_iat_invalid', 'KB-JWT iat is in the future')
  if (payload.iat < exp.now - exp.maxAgeSeconds - exp.skew) throw new EidError('kb_iat_invalid', 'KB-JWT iat is too old')
  if (payload.exp !== undefined && exp.now - exp.skew >= payload.exp) throw new EidError('kb_expired', 'KB-JWT has expired')
  if (payload.nbf !== undefined && exp.now + exp.skew < payload.nbf) throw new EidError('kb_not_yet_valid', 'KB-JWT is not yet valid')
  return { header, payload: { ...payload, aud: payload.aud } }
}
