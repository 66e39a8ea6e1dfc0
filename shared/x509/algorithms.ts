// Maps WebCrypto keys to X.509 signature algorithms (ES256 = ECDSA P-256 with SHA-256, EdDSA = Ed25519) and imports JWKs.
import type { CryptoKey, JWK } from 'jose'
import { EidError } from '../errors/index.ts'

/** The signature algorithm a certificate signed with `key` uses; only P-256 ECDSA and Ed25519 are allowed. */
export function signingAlgorithmFor(key: CryptoKey): { name: string; hash?: string } {
  const alg = key.algorithm as { name: string; namedCurve?: string }
  if (alg.name === 'ECDSA' && alg.namedCurve === 'P-256') return { name: 'ECDSA', hash: 'SHA-256' }
  if (alg.name === 'Ed25519') return { name: 'Ed25519' }
  throw new EidError('invalid_request', 'issuer key must be an ECDSA P-256 or Ed25519 key')
}

/** Imports a public JWK (EC P-256 or OKP Ed25519) for certification; private members are refused. */
export async function importCertifiablePublicKey(key: CryptoKey | JWK): Promise<CryptoKey> {
  if (isCryptoKey(key)) {
    if (key.type !== 'public') throw new EidError('invalid_request', 'subject key must be a public key')
    return key
  }
  if (typeof key !== 'object' || key === null || 'd' in key) {
    throw new EidError('invalid_request', 'subject key must be a public JWK without private members')
  }
  const jwk = { kty: key.kty, crv: key.crv, x: key.x, ...(key.kty === 'EC' ? { y: key.y } : {}) }
  try {
    if (key.kty === 'EC' && key.crv === 'P-256') {
      return await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
    }
    if (key.kty === 'OKP' && key.crv === 'Ed25519') {
      return await crypto.subtle.importKey('jwk', jwk, { name: 'Ed25519' }, true, ['verify'])
    }
  } catch (cause) {
    throw new EidError('invalid_request', 'subject key is not a valid public JWK', { cause })
  }
  throw new EidError('invalid_request', 'subject key must be an EC P-256 or OKP Ed25519 JWK')
}

function isCryptoKey(k: unknown): k is CryptoKey {
  return typeof k === 'object' && k !== null && 'algorithm' in k && 'type' in k && 'usages' in k
}
