// octets_to_pubkey (draft-irtf-cfrg-bbs-signatures-09 §4.7.7), with a small cache of validated keys (the draft allows caching).
import type { G2Point } from './points.ts'
import { octetsToG2 } from './points.ts'

const MAX_CACHED_KEYS = 64
const validated = new Map<string, G2Point>()

/**
 * `octets_to_pubkey(PK)`: W in G2, not the identity (`bbs_invalid_length` / `bbs_invalid_point`).
 * Validated keys are remembered (at most 64), so a verifier seeing the same issuer key skips the
 * decompression, subgroup check and pairing line precomputation.
 */
export function octetsToPubkey(pk: Uint8Array): G2Point {
  const key = pk instanceof Uint8Array ? Buffer.from(pk).toString('hex') : ''
  const hit = validated.get(key)
  if (hit !== undefined) return hit
  const W = octetsToG2(pk, 'public key')
  if (validated.size >= MAX_CACHED_KEYS) {
    const oldest = validated.keys().next().value
    if (oldest !== undefined) validated.delete(oldest)
  }
  validated.set(key, W)
  return W
}
