// Holder side of the BBS PID: confirm an issued JPT (blind nym finalized) and derive a fresh presentation per request.
import { bbsNymAlgorithm, claimSlots, confirmJwp, presentJwp } from '../jwp/index.ts'
import type { JwpIssued, NymConfirmInput, NymHolderState } from '../jwp/index.ts'
import { ALWAYS_DISCLOSED, PID_BBS_ALG, PID_BBS_CLAIMS } from './constants.ts'
import { EidError } from '../errors/index.ts'

const NYM = bbsNymAlgorithm()

/**
 * Confirms an issued BBS PID: alg BBS-NYM, the profile's claims layout, and the blind signature over
 * every payload, the holder's blind and its nym secret (`jwp_proof_invalid`). Returns the holder state.
 */
export function confirmPidBbs(compact: string, publicKey: Uint8Array, pending: NymConfirmInput): { jwp: JwpIssued; state: NymHolderState; claims: string[] } {
  const { jwp, state } = confirmJwp(NYM, compact, publicKey, pending)
  const names = jwp.issuerHeader.claims ?? []
  if (jwp.issuerHeader.alg !== PID_BBS_ALG || names.length !== PID_BBS_CLAIMS.length || names.some((n, i) => n !== PID_BBS_CLAIMS[i])) {
    throw new EidError('jpt_claims_invalid', 'the issued credential does not have the BBS PID claims layout')
  }
  return { jwp, state, claims: names }
}

/**
 * A fresh presentation (new BBS proof, new randomness) disclosing `claims` plus `exp`, for verifier
 * `aud` (its client_id) and its `nonce`; the pseudonym's context is `pseudonymScope` (`nym_ctx`: the
 * service_id of its registration certificate, stable across re-registration), else `aud`.
 */
export function presentPidBbs(
  jwp: JwpIssued, publicKey: Uint8Array, state: NymHolderState, input: { claims: readonly string[]; aud: string; nonce: string; iat: number; pseudonymScope?: string },
): string {
  const names = [...new Set([...input.claims, ...ALWAYS_DISCLOSED])]
  const presentationHeader = { aud: input.aud, nonce: input.nonce, iat: input.iat, ...(input.pseudonymScope !== undefined ? { nym_ctx: input.pseudonymScope } : {}) }
  return presentJwp(NYM, jwp, { publicKey, presentationHeader, disclose: claimSlots(jwp, names), state }).compact
}
