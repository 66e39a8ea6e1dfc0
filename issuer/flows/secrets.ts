// Random single-use values of the issuer (codes, tokens, nonces, tx codes) and the hashes they are stored under.
import { createHash, randomBytes, randomInt } from 'node:crypto'

/** 256 random bits, base64url: pre-authorized codes, access tokens, c_nonces. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** A numeric transaction code of `length` digits, uniformly random. */
export function randomTxCode(length: number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += String(randomInt(10))
  return s
}

/** SHA-256 (hex) of the joined parts: how secrets are stored, so a database copy can't redeem them. */
export function secretHash(...parts: string[]): string {
  const h = createHash('sha256')
  for (const p of parts) h.update(Buffer.from(p, 'utf8')).update('\u0000')
  return h.digest('hex')
}
