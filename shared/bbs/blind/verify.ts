// VerifyBlindSign (draft-irtf-cfrg-bbs-blind-signatures-02 §4.2.2): BBS.CoreVerify over signer messages, prover blind and committed messages.
import { EidError, isEidError } from '../../errors/index.ts'
import type { Ciphersuite } from '../ciphersuite.ts'
import { coreVerify } from '../core-sign.ts'
import { blindApiId } from './api-id.ts'
import { prepareParameters } from './prepare.ts'
import { octetsToScalar } from './scalars.ts'

/**
 * Prover-side check of a blind signature. `secretProverBlind` is the 32 octets returned by Commit
 * (all-zero or omitted when there was no commitment). Throws `bbs_blind_signature_invalid` when
 * the signature does not verify; malformed inputs keep their BBS codes.
 */
export function verifyBlindSign(
  suite: Ciphersuite,
  pk: Uint8Array,
  signature: Uint8Array,
  header: Uint8Array,
  messages: readonly Uint8Array[],
  committedMessages: readonly Uint8Array[],
  secretProverBlind?: Uint8Array,
  opts: { apiId?: Uint8Array; extraScalars?: readonly bigint[] } = {},
): void {
  const apiId = opts.apiId ?? blindApiId(suite)
  const spb = secretProverBlind === undefined ? 0n : octetsToScalar(secretProverBlind, 'secret prover blind', 'bbs_blind_input_invalid', true)
  const extra = opts.extraScalars ?? []
  const { scalars, generators } = prepareParameters(
    suite, messages, committedMessages, messages.length + 1, committedMessages.length + extra.length + 1, spb, apiId, extra,
  )
  try {
    coreVerify(suite, pk, signature, generators, header, scalars, apiId)
  } catch (e) {
    if (isEidError(e, 'bbs_invalid_signature')) throw new EidError('bbs_blind_signature_invalid', 'blind signature does not verify')
    throw e
  }
}
