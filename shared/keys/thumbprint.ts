// JWK Thumbprint (RFC 7638 §3) with SHA-256, base64url, for EC and OKP keys.
import { hash } from 'node:crypto'
import type { JWK } from 'jose'
import { EidError } from '../errors/index.ts'

/** The RFC 7638 §3.2 canonical JSON of the required public members (lexicographic order, no whitespace). */
export function thumbprintInput(jwk: JWK): string {
  if (jwk.kty === 'EC' && typeof jwk.crv === 'string' && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
    return JSON.stringify({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y })
  }
  if (jwk.kty === 'OKP' && typeof jwk.crv === 'string' && typeof jwk.x === 'string') {
    return JSON.stringify({ crv: jwk.crv, kty: 'OKP', x: jwk.x })
  }
  throw new EidError('invalid_jwk', 'jwk must be an EC or OKP key with crv and x (and y for EC)')
}

/** RFC 7638 thumbprint (SHA-256, base64url) of an EC or OKP JWK, computed at once (one-shot hash). */
export function jwkThumbprintSync(jwk: JWK): string {
  return hash('sha256', thumbprintInput(jwk), 'base64url')
}

/** RFC 7638 thumbprint (SHA-256, base64url) of an EC or OKP JWK; used as `kid`. */
export async function jwkThumbprint(jwk: JWK): Promise<string> {
  return jwkThumbprintSync(jwk)
}
