// Turns CryptoKeys and JWKs into cached node:crypto KeyObjects for the hot signing/verification path, checking the key fits the alg.
import { KeyObject, createPublicKey } from 'node:crypto'
import type { webcrypto } from 'node:crypto'
import type { CryptoKey, JWK } from 'jose'
import { TwoGenerationCache } from '../cache/index.ts'
import { EidError } from '../errors/index.ts'
import type { SigningAlg } from './algorithms.ts'
import { parsePublicJwk, publicJwkMembersFast } from './jwk-schema.ts'
import type { PublicKeyMembers } from './jwk-schema.ts'

const MAX_CACHED_JWKS = 2048
const byCryptoKey = new WeakMap<CryptoKey, KeyObject>()
/** JWK imports by alg and key (each presentation brings a new holder key: O(1) eviction matters). */
const byJwk = new TwoGenerationCache<string, KeyObject>(MAX_CACHED_JWKS)

/** True when a WebCrypto key's algorithm is the one `alg` needs. */
export function cryptoKeyFits(key: CryptoKey, alg: SigningAlg): boolean {
  const a = key.algorithm as { name?: string; namedCurve?: string }
  return alg === 'ES256' ? a.name === 'ECDSA' && a.namedCurve === 'P-256' : a.name === 'Ed25519'
}

/** True when a node:crypto key's type is the one `alg` needs. */
export function keyObjectFits(key: KeyObject, alg: SigningAlg): boolean {
  if (alg === 'EdDSA') return key.asymmetricKeyType === 'ed25519'
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
}

const CryptoKeyClass = (globalThis as { CryptoKey?: abstract new () => unknown }).CryptoKey

function isCryptoKey(key: unknown): key is CryptoKey {
  if (CryptoKeyClass !== undefined) return key instanceof CryptoKeyClass
  return typeof key === 'object' && key !== null && 'algorithm' in key && 'usages' in key && 'extractable' in key
}

function fromWebCrypto(key: CryptoKey, alg: SigningAlg, type: 'public' | 'private'): KeyObject {
  if (key.type !== type) throw new EidError('invalid_jwk', `key must be a ${type} key`)
  if (!cryptoKeyFits(key, alg)) throw new EidError('key_alg_mismatch', `key type does not fit ${alg}`)
  let ko = byCryptoKey.get(key)
  if (ko === undefined) {
    ko = KeyObject.from(key as webcrypto.CryptoKey)
    byCryptoKey.set(key, ko)
  }
  return ko
}

/** A verification KeyObject from a public CryptoKey, KeyObject or public JWK (JWK imports are cached per alg and key). */
export function verificationKey(key: CryptoKey | KeyObject | JWK | unknown, alg: SigningAlg): KeyObject {
  if (isCryptoKey(key)) return fromWebCrypto(key, alg, 'public')
  if (key instanceof KeyObject) {
    if (key.type !== 'public') throw new EidError('invalid_jwk', 'key must be a public key')
    if (!keyObjectFits(key, alg)) throw new EidError('key_alg_mismatch', `key type does not fit ${alg}`)
    return key
  }
  // Every JWK passes every check on every call; the cache is keyed by what makes the key (alg, x, y), so it is never
  // consulted for a JWK that was not checked just now (and nothing is serialised to look it up).
  const members = publicKeyMembers(key, alg)
  const cacheKey = `${alg}|${members.x}|${members.y ?? ''}`
  let ko = byJwk.get(cacheKey)
  if (ko === undefined) {
    ko = importMembers(members)
    byJwk.set(cacheKey, ko)
  }
  return ko
}

/** The key members of a public JWK for `alg`: the fast check, else parsePublicJwk (which throws its code). */
function publicKeyMembers(key: unknown, alg: SigningAlg): PublicKeyMembers {
  const fast = publicJwkMembersFast(key, alg)
  if (fast !== undefined) return fast
  const jwk = parsePublicJwk(key, alg)
  return jwk.kty === 'EC' ? { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } : { kty: 'OKP', crv: 'Ed25519', x: jwk.x }
}

/** node:crypto import of checked key members: `invalid_jwk` when they are no key (an EC point off its curve). */
function importMembers(m: PublicKeyMembers): KeyObject {
  try {
    return createPublicKey({ key: m.kty === 'EC' ? { kty: m.kty, crv: m.crv, x: m.x, y: m.y } : { kty: m.kty, crv: m.crv, x: m.x }, format: 'jwk' })
  } catch (cause) {
    throw new EidError('invalid_jwk', 'jwk is not a valid public key', { cause })
  }
}

/**
 * A verification KeyObject from a public JWK fitting `alg` (parsePublicJwk's rules, the point on its curve), not
 * cached: for keys seen once, such as a holder's proof key. EidError `invalid_jwk` and parsePublicJwk's codes.
 */
export function publicJwkKeyObject(key: unknown, alg: SigningAlg): KeyObject {
  return importMembers(publicKeyMembers(key, alg))
}

/** A signing KeyObject from a private CryptoKey (cached per key). */
export function signingKeyObject(key: CryptoKey | KeyObject, alg: SigningAlg): KeyObject {
  if (key instanceof KeyObject) {
    if (key.type !== 'private') throw new EidError('invalid_jwk', 'key must be a private key')
    if (!keyObjectFits(key, alg)) throw new EidError('key_alg_mismatch', `key type does not fit ${alg}`)
    return key
  }
  if (!isCryptoKey(key)) throw new EidError('invalid_jwk', 'signing key must be a CryptoKey')
  return fromWebCrypto(key, alg, 'private')
}
