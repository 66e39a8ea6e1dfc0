// VerifyBlindSign (draft-irtf-cfrg-bbs-blind-signatures-02 §4.2.2): BBS.CoreVerify over signer messages, prover blind and committed messages.
import { EidError, isEidError } from '../../errors/index.ts'
import type { Ciphersuite, CiphersuiteName } from '../ciphersuite.ts'
import { coreVerify } from '../core-sign.ts'
import { checkMessages, optionalBytes } from '../inputs.ts'
import { resolveSuite } from '../suite-option.ts'
import { blindApiId } from './api-id.ts'
import { prepareParameters } from './prepare.ts'
import { octetsToScalar } from './scalars.ts'

/** Input of VerifyBlindSign. */
export interface VerifyBlindSignInput {
  suite?: Ciphersuite | CiphersuiteName
  publicKey: Uint8Array
  signature: Uint8Array
  header?: Uint8Array
  /** The signer's messages. */
  messages: Uint8Array[]
  /** The prover's committed messages (default none). */
  committedMessages?: Uint8Array[]
  /** From Commit (32 octets); absent when the signature was made without a commitment. */
  secretProverBlind?: Uint8Array
}

/**
 * Prover-side check of a blind signature: returns normally when it verifies, throws
 * `bbs_blind_signature_invalid` when it does not; malformed inputs keep their bbs_* codes.
 */
export function verifyBlindSign(input: VerifyBlindSignInput): void {
  const suite = resolveSuite(input.suite)
  checkMessages(input.messages, 'messages')
  const committed = input.committedMessages ?? []
  checkMessages(committed, 'committedMessages')
  coreVerifyBlindSign(suite, input.publicKey, input.signature, optionalBytes(input.header, 'header'), input.messages, committed, input.secretProverBlind, blindApiId(suite))
}

/** VerifyBlindSign with an explicit api_id and extra trailing committed scalars (the pseudonym interface's nym secrets). */
export function coreVerifyBlindSign(
  suite: Ciphersuite,
  pk: Uint8Array,
  signature: Uint8Array,
  header: Uint8Array,
  messages: readonly Uint8Array[],
  committedMessages: readonly Uint8Array[],
  secretProverBlind: Uint8Array | undefined,
  apiId: Uint8Array,
  extraScalars: readonly bigint[] = [],
): void {
  const spb = secretProverBlind === undefined ? 0n : octetsToScalar(secretProverBlind, 'secret prover blind', 'bbs_blind_input_invalid', true)
  const { scalars, generators } = prepareParameters(
    suite, messages, committedMessages, messages.length + 1, committedMessages.length + extraScalars.length + 1, spb, apiId, extraScalars,
  )
  try {
    coreVerify(suite, pk, signature, generators, header, scalars, apiId)
  } catch (e) {
    if (isEidError(e, 'bbs_invalid_signature')) throw new EidError('bbs_blind_signature_invalid', 'blind signature does not verify')
    throw e
  }
}
