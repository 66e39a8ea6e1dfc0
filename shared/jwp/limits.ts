// Bounds on attacker-controlled JWP input: total size, slot and proof-part counts, header and payload sizes.

/** Limits applied while parsing a compact JWP; every field is a maximum. */
export interface JwpLimits {
  /** Characters of the whole compact serialization. */
  maxCompactLength: number
  /** Payload slots. */
  maxPayloads: number
  /** Proof components (`~`-separated parts of the proof). */
  maxProofParts: number
  /** Octets of one header (issuer or presentation). */
  maxHeaderBytes: number
  /** Octets of one payload. */
  maxPayloadBytes: number
  /** Octets of one proof component. */
  maxProofPartBytes: number
}

export const DEFAULT_JWP_LIMITS: Readonly<JwpLimits> = Object.freeze({
  maxCompactLength: 128 * 1024,
  maxPayloads: 128,
  maxProofParts: 8,
  maxHeaderBytes: 8 * 1024,
  maxPayloadBytes: 16 * 1024,
  maxProofPartBytes: 32 * 1024,
})
