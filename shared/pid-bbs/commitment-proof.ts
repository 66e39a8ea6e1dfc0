// The blind nym commitment in an OpenID4VCI Credential Request: carried inside the holder's key proof JWT, so the
// c_nonce, the holder key's signature and the commitment are one signed statement (docs/protocol/bbs-flow.md §2).
import { SignJWT, decodeJwt } from 'jose'
import { z } from 'zod'
import { EidError } from '../errors/index.ts'
import { PROOF_JWT_TYP } from '../oid4vci/index.ts'
import type { ProofKey } from '../oid4vci/index.ts'
import { decodeBase64url, encodeBase64url } from '../jwp/index.ts'
import { NYM_COMMITMENT_CLAIM } from './constants.ts'

/** Octets of `commitment_with_proof` for one nym secret and no other committed messages (blind BBS -02: C, s^, m^, challenge). */
export const NYM_COMMITMENT_LENGTH = 144

/**
 * Holder: the proof JWT of a `pid_bbs` Credential Request: an OpenID4VCI key proof (`typ`
 * openid4vci-proof+jwt, `jwk`, `aud`, `iat`, `nonce` = c_nonce) whose payload also carries the commitment.
 */
export async function createNymCommitmentProofJwt(input: { key: ProofKey; audience: string; nonce: string; iat: number; commitmentWithProof: Uint8Array }): Promise<string> {
  const { kty, crv, x, y } = input.key.publicJwk
  const jwk = y === undefined ? { kty, crv, x } : { kty, crv, x, y }
  const payload = { aud: input.audience, iat: input.iat, nonce: input.nonce, [NYM_COMMITMENT_CLAIM]: encodeBase64url(input.commitmentWithProof) }
  return new SignJWT(payload).setProtectedHeader({ alg: input.key.alg, typ: PROOF_JWT_TYP, jwk }).sign(input.key.privateKey)
}

const commitmentSchema = z.string().length(Math.ceil((NYM_COMMITMENT_LENGTH * 4) / 3)).regex(/^[A-Za-z0-9_-]+$/)

/**
 * Issuer: the commitment of a proof JWT **whose signature was already verified** (verifyProofJwt).
 * Throws `bbs_commitment_missing` when the member is absent or not 144 octets of base64url.
 */
export function readNymCommitment(verifiedProofJwt: string): Uint8Array {
  let payload: Record<string, unknown>
  try {
    payload = decodeJwt(verifiedProofJwt)
  } catch (cause) {
    throw new EidError('proof_malformed', 'proof payload is not a JWT claims set', { cause })
  }
  const parsed = commitmentSchema.safeParse(payload[NYM_COMMITMENT_CLAIM])
  if (!parsed.success) throw new EidError('bbs_commitment_missing', `the key proof must carry ${NYM_COMMITMENT_CLAIM}: base64url of ${NYM_COMMITMENT_LENGTH} octets`)
  return decodeBase64url(parsed.data, NYM_COMMITMENT_CLAIM)
}
