// Storage form of the BBS-NYM holder secrets (docs/protocol/jwp.md §6.3): JSON with base64url scalars, strictly read back.
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { decodeBase64url, encodeBase64url } from './base64url.ts'
import type { NymConfirmInput, NymHolderState } from './alg-bbs-nym.ts'

const Scalar = z.string().length(43)
const StoredState = z.strictObject({ nym_secrets: z.array(Scalar).min(1).max(64), prover_blind: Scalar })
const StoredConfirm = z.strictObject({ prover_nyms: z.array(Scalar).min(1).max(64), prover_blind: Scalar })

/** `{ "nym_secrets": [b64u], "prover_blind": b64u }`: secret, store it encrypted, never log it. */
export function encodeNymHolderState(state: NymHolderState): string {
  return JSON.stringify({ nym_secrets: state.nymSecrets.map(encodeBase64url), prover_blind: encodeBase64url(state.secretProverBlind) })
}

/** Reads what encodeNymHolderState wrote (`invalid_request` naming the field on any deviation). */
export function decodeNymHolderState(text: string): NymHolderState {
  const s = parseInput(StoredState, parseJson(text), 'invalid_request', 'nym holder state')
  return { nymSecrets: s.nym_secrets.map((x) => decodeBase64url(x, 'nym secret')), secretProverBlind: decodeBase64url(s.prover_blind, 'prover blind') }
}

/** The wallet's pending issuance secrets between the credential request and confirm: `{ "prover_nyms", "prover_blind" }`. */
export function encodeNymConfirmInput(input: NymConfirmInput): string {
  return JSON.stringify({ prover_nyms: input.proverNyms.map(encodeBase64url), prover_blind: encodeBase64url(input.secretProverBlind) })
}

/** Reads what encodeNymConfirmInput wrote. */
export function decodeNymConfirmInput(text: string): NymConfirmInput {
  const s = parseInput(StoredConfirm, parseJson(text), 'invalid_request', 'nym confirm input')
  return { proverNyms: s.prover_nyms.map((x) => decodeBase64url(x, 'prover nym')), secretProverBlind: decodeBase64url(s.prover_blind, 'prover blind') }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new EidError('malformed_json', 'stored nym secrets are not JSON')
  }
}
