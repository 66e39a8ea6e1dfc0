// A certificate's subject public key as a bare public JWK (RFC 5280 §4.1.2.7; RFC 7517 key members only).
import type { CryptoKey, JWK } from 'jose'
import { EidError } from '../errors/index.ts'
import { parseCertificate } from './der.ts'

/** The key members of a public CryptoKey: WebCrypto adds ext/key_ops (and alg 'Ed25519' for OKP), which are not JOSE alg values. */
export async function publicKeyJwk(key: CryptoKey): Promise<JWK> {
  const exported = (await crypto.subtle.exportKey('jwk', key)) as JWK
  return { kty: exported.kty, crv: exported.crv, x: exported.x, ...(exported.y !== undefined ? { y: exported.y } : {}) }
}

/** The subject public key of a certificate (base64 DER) as a bare JWK; `x5c_invalid` for an unsupported key type. */
export async function certificatePublicJwk(certB64Der: string, what = 'certificate'): Promise<JWK> {
  const cert = parseCertificate(certB64Der, what)
  let key: CryptoKey
  try {
    key = await cert.publicKey.export()
  } catch (cause) {
    throw new EidError('x5c_invalid', `${what} public key is not a supported key type`, { cause })
  }
  return publicKeyJwk(key)
}
