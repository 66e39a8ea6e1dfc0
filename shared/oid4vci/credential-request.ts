// Credential Request with a batch of JWT key proofs and its response (OpenID4VCI 1.0 §8.2, §8.3).
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'

/** Largest accepted proof JWT, characters (a P-256 or Ed25519 proof is well under 1 KiB). */
export const MAX_PROOF_JWT_LENGTH = 4096

// Plain z.object: unknown members are ignored, as extension points of §8.2 allow.
const credentialRequestSchema = z.object({
  credential_configuration_id: z.string().min(1).max(256).optional(),
  credential_identifier: z.string().min(1).max(256).optional(),
  proofs: z.object({ jwt: z.array(z.string().min(1).max(MAX_PROOF_JWT_LENGTH)).min(1) }),
  proof: z.unknown().optional(),
})

/** A parsed Credential Request. */
export interface CredentialRequest {
  credentialConfigurationId: string
  proofJwts: string[]
}

/** Credential Response for immediate issuance (§8.3). */
export interface CredentialResponse {
  credentials: { credential: string }[]
}

/**
 * Parses a Credential Request asking for `credential_configuration_id` with `proofs.jwt`.
 * `credential_identifier` is not supported (no authorization_details were issued), the 1.0-removed
 * single `proof` is refused, and more than `maxProofs` proofs give `batch_too_large`.
 */
export function parseCredentialRequest(body: unknown, opts: { maxProofs: number }): CredentialRequest {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const proofs = (body as Record<string, unknown>).proofs
    const jwt = typeof proofs === 'object' && proofs !== null ? (proofs as Record<string, unknown>).jwt : undefined
    if (Array.isArray(jwt) && jwt.length > opts.maxProofs) {
      throw new EidError('batch_too_large', `proofs.jwt holds more than the batch size of ${opts.maxProofs}`)
    }
  }
  const input = parseInput(credentialRequestSchema, body, 'credential_request_invalid')
  if (input.proof !== undefined) throw new EidError('credential_request_invalid', 'proof is not supported; send proofs')
  if (input.credential_identifier !== undefined) {
    throw new EidError('credential_request_invalid', 'credential_identifier is not supported; send credential_configuration_id')
  }
  if (input.credential_configuration_id === undefined) {
    throw new EidError('credential_request_invalid', 'credential_configuration_id is required')
  }
  return { credentialConfigurationId: input.credential_configuration_id, proofJwts: input.proofs.jwt }
}
