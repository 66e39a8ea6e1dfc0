// Holder side: Credential Request with a batch of proofs and the Credential Response (OpenID4VCI 1.0 §8.2, §8.3).
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'

/** The JSON body of a Credential Request for `credentialConfigurationId` with one proof per holder key (§8.2). */
export function buildCredentialRequestBody(input: { credentialConfigurationId: string; proofJwts: string[] }): {
  credential_configuration_id: string
  proofs: { jwt: string[] }
} {
  return { credential_configuration_id: input.credentialConfigurationId, proofs: { jwt: [...input.proofJwts] } }
}

const credentialResponseSchema = z.object({
  credentials: z.array(z.object({ credential: z.string().min(1).max(200_000) })).min(1).max(1000).optional(),
  transaction_id: z.string().max(512).optional(),
})

/**
 * Validates an immediate Credential Response and returns the credentials. A deferred response
 * (`transaction_id` only) is not supported. More credentials than `expected` is `issuance_failed`.
 */
export function parseCredentialResponse(json: unknown, expected: number): string[] {
  const res = parseInput(credentialResponseSchema, json, 'issuance_failed', 'credential response')
  if (res.credentials === undefined) {
    throw new EidError('issuance_failed', res.transaction_id ? 'deferred issuance is not supported' : 'credential response holds no credentials')
  }
  if (res.credentials.length > expected) throw new EidError('issuance_failed', `credential response holds more than the ${expected} requested credentials`)
  return res.credentials.map((c) => c.credential)
}
