// Disclosure digests (RFC 9901 §4.2.3): base64url(SHA-256(ASCII(disclosure))); also sd_hash (§4.3.1).
import { hash } from 'node:crypto'
import { randomPoolBytes } from './random-pool.ts'

/** The only `_sd_alg` this implementation issues and accepts. */
export const SD_ALG = 'sha-256'

/**
 * base64url(SHA-256(UTF-8(s))), no padding; for the ASCII disclosures and presentations this is SHA-256 of the ASCII
 * bytes. One-shot `crypto.hash`: a credential takes a digest per disclosure and decoy, and a Hash object each costs more
 * than the hashing.
 */
export function sha256B64u(s: string): string {
  return hash('sha256', s, 'base64url')
}

/** A decoy digest (RFC 9901 §4.2.5): the digest of 16 random bytes (from one random buffer), indistinguishable from a real one. */
export function decoyDigest(): string {
  return hash('sha256', randomPoolBytes(16), 'base64url')
}
