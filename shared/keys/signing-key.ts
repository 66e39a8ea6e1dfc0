// Signing key pairs for the allowed algorithms: generation, export for persistence, import (jose, WebCrypto).
import { exportJWK, generateKeyPair, importJWK } from 'jose'
import type { CryptoKey, JWK } from 'jose'
import { EidError } from '../errors/index.ts'
import { assertSigningAlg } from './algorithms.ts'
import type { SigningAlg } from './algorithms.ts'
import { PRIVATE_JWK_MEMBERS, keyTypeFor, parsePublicJwk } from './jwk-schema.ts'
import { jwkThumbprint } from './thumbprint.ts'

/** A private signing key with its public JWK; `kid` is the RFC 7638 thumbprint of the public key. */
export interface SigningKey {
  alg: SigningAlg
  privateKey: CryptoKey
  publicJwk: JWK
  kid: string
}

async function withPublic(alg: SigningAlg, privateKey: CryptoKey, publicMembers: JWK): Promise<SigningKey> {
  const pub: JWK = { kty: publicMembers.kty, crv: publicMembers.crv, x: publicMembers.x }
  if (publicMembers.kty === 'EC') pub.y = publicMembers.y
  const kid = await jwkThumbprint(pub)
  return { alg, privateKey, publicJwk: { ...pub, kid, alg }, kid }
}

/** Generates an extractable key pair for `alg` (default ES256). */
export async function generateSigningKey(alg: SigningAlg = 'ES256'): Promise<SigningKey> {
  const a = assertSigningAlg(alg)
  const { privateKey, publicKey } = await generateKeyPair(a, { extractable: true })
  return withPublic(a, privateKey, await exportJWK(publicKey))
}

/** The private JWK of a signing key (with `kid` and `alg`), for persistence. Never log it. */
export async function exportSigningKey(k: SigningKey): Promise<JWK> {
  const jwk = await exportJWK(k.privateKey)
  return { ...jwk, kid: k.kid, alg: k.alg }
}

/** Imports a private JWK saved by `exportSigningKey`. Throws EidError `invalid_jwk`, `key_alg_mismatch` or `alg_not_allowed`. */
export async function importSigningKey(privateJwk: JWK, alg: SigningAlg): Promise<SigningKey> {
  const a = assertSigningAlg(alg)
  if (typeof privateJwk !== 'object' || privateJwk === null || typeof privateJwk.d !== 'string') {
    throw new EidError('invalid_jwk', 'private jwk must contain d')
  }
  const want = keyTypeFor(a)
  if (privateJwk.kty !== want.kty || privateJwk.crv !== want.crv) throw new EidError('key_alg_mismatch', `jwk kty/crv does not fit ${a}`)
  const publicMembers = Object.fromEntries(Object.entries(privateJwk).filter(([m]) => !PRIVATE_JWK_MEMBERS.includes(m)))
  const pub = parsePublicJwk(publicMembers, a)
  let privateKey: CryptoKey
  try {
    privateKey = (await importJWK({ ...pub, d: privateJwk.d, alg: a }, a, { extractable: true })) as CryptoKey
  } catch (cause) {
    throw new EidError('invalid_jwk', 'private jwk is not a valid key', { cause })
  }
  return withPublic(a, privateKey, pub)
}
