// Disclosure digests (RFC 9901 §4.2.3): base64url(SHA-256(ASCII(disclosure))); also sd_hash (§4.3.1).
import { createHash } from 'node:crypto'
import { randomPoolBytes } from './random-pool.ts'

/** The only `_sd_alg` this implementation issues and accepts. */
export const SD_ALG = 'sha-256'

/** base64url(SHA-256(UTF-8(s))), no padding; for the ASCII disclosures and presentations this is SHA-256 of the ASCII bytes. */
export function sha256B64u(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64url')
}

/** A decoy digest (RFC 9901 §4.2.5): the digest of 16 random bytes (from one random buffer), indistinguishable from a real one. */
export function decoyDigest(): string {
  return createHash('sha256').update(randomPoolBytes(16)).digest('base64url')
}
