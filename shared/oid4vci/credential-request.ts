// Credential Request with a batch of JWT key proofs and its response (OpenID4VCI 1.0 §8.2, §8.3).
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'

/** Largest accepted proof JWT, characters (a P-256 or Ed25519 proof is well under 1 KiB). */
export const MAX_PROOF_JWT_LENGTH = 4096

// Plain z.object: unknown members are ignored, as extension points of §8.2 allow. `proofs` is checked first, by hand,
// so each way it can be wrong gets the §8.3.1.2 error it names.
const credentialRequestSchema = z.object({
  credential_configuration_id: z.string().min(1).max(256).optional(),
  credential_identifier: z.string().min(1).max(256).optional(),
})

const proofJwtsSchema = z.array(z.string().min(1).max(MAX_PROOF_JWT_LENGTH)).min(1)

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
 * Parses a Credential Request asking for `credential_configuration_id` with `proofs.jwt`, with the
 * errors of OpenID4VCI 1.0 §8.3.1.2: `proofs` missing (`proofs_missing`), holding more than one proof
 * type (`proofs_multiple_types`, §8.2: exactly one), another type than `jwt` (`proof_type_unsupported`)
 * or a malformed `jwt` array (`proof_malformed`) are `invalid_proof`; the draft-era singular `proof`
 * (`proof_singular_unsupported`), more than one proof where the issuer has no batch issuance
 * (`batch_not_supported`), more than `maxProofs` (`batch_too_large`), `credential_identifier` or no
 * configuration id (`credential_request_invalid`) are `invalid_credential_request`.
 */
export function parseCredentialRequest(body: unknown, opts: { maxProofs: number }): CredentialRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new EidError('credential_request_invalid', 'the credential request must be a JSON object')
  const members = body as Record<string, unknown>
  if (members.proof !== undefined) throw new EidError('proof_singular_unsupported', 'proof (draft-era, singular) is not supported; send proofs (OpenID4VCI 1.0)')
  const proofJwts = parseProofs(members.proofs, opts.maxProofs)
  const input = parseInput(credentialRequestSchema, body, 'credential_request_invalid')
  if (input.credential_identifier !== undefined) {
    throw new EidError('credential_request_invalid', 'credential_identifier is not supported; send credential_configuration_id')
  }
  if (input.credential_configuration_id === undefined) {
    throw new EidError('credential_request_invalid', 'credential_configuration_id is required')
  }
  return { credentialConfigurationId: input.credential_configuration_id, proofJwts }
}

function parseProofs(proofs: unknown, maxProofs: number): string[] {
  if (proofs === undefined) throw new EidError('proofs_missing', 'proofs is required')
  if (typeof proofs !== 'object' || proofs === null || Array.isArray(proofs)) throw new EidError('proof_malformed', 'proofs must be an object')
  const types = Object.keys(proofs)
  if (types.length > 1) throw new EidError('proofs_multiple_types', 'proofs must hold exactly one proof type')
  const jwt = (proofs as Record<string, unknown>).jwt
  if (jwt === undefined) throw new EidError(types.length === 0 ? 'proofs_missing' : 'proof_type_unsupported', 'proofs must hold jwt')
  if (Array.isArray(jwt) && jwt.length > maxProofs) {
    if (maxProofs <= 1) throw new EidError('batch_not_supported', 'this issuer has no batch issuance: send exactly one proof')
    throw new EidError('batch_too_large', `proofs.jwt holds more than the batch size of ${maxProofs}`)
  }
  return parseInput(proofJwtsSchema, jwt, 'proof_malformed', 'proofs.jwt')
}
