// Pseudonym issuance (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03 §6.1): CommitWithNym, BlindSignWithNym, VerifyFinalizeWithNym.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { EidError } from '../../errors/index.ts'
import type { Ciphersuite, CiphersuiteName } from '../ciphersuite.ts'
import { messagesToScalars } from '../hash-to-scalar.ts'
import { checkMessages, optionalBytes } from '../inputs.ts'
import { calculateRandomScalars } from '../random-scalars.ts'
import type { RandomScalars } from '../random-scalars.ts'
import { resolveSuite } from '../suite-option.ts'
import { committedCount, coreBlindSign, coreCommit, coreVerifyBlindSign, octetsToScalar, scalarToOctets } from '../blind/index.ts'
import type { CommitResult } from '../blind/index.ts'
import { combinedHeader, MAX_NYM_SECRETS, nymApiId } from './api-id.ts'

const Fr = bls12_381.fields.Fr

/** Fresh prover nym scalars (the holder's secret part of `nym_secrets`), 32 octets each, from the CSPRNG. */
export function generateProverNyms(count = 1): Uint8Array[] {
  checkNymCount(count)
  return calculateRandomScalars(count).map((s) => scalarToOctets(s === 0n ? 1n : s))
}

/** Input of CommitWithNym. */
export interface CommitWithNymInput {
  suite?: Ciphersuite | CiphersuiteName
  committedMessages?: Uint8Array[]
  /** The holder's secret nym scalars (32 octets each, 1..r-1); the signer only sees a commitment. */
  proverNyms: Uint8Array[]
  /** Test vectors only. */
  randomScalars?: RandomScalars
}

/** `CommitWithNym(committed_messages, prover_nyms)`: a blind commitment to the messages and the nym scalars. */
export function commitWithNym(input: CommitWithNymInput): CommitResult {
  const suite = resolveSuite(input.suite)
  const apiId = nymApiId(suite)
  const msgs = input.committedMessages ?? []
  checkMessages(msgs, 'committedMessages')
  const nyms = readNyms(input.proverNyms, 'prover nym')
  return coreCommit(suite, [...messagesToScalars(suite, msgs, apiId), ...nyms], apiId, input.randomScalars)
}

/** Input of BlindSignWithNym. */
export interface BlindSignWithNymInput {
  suite?: Ciphersuite | CiphersuiteName
  secretKey: Uint8Array
  publicKey: Uint8Array
  /** From CommitWithNym; required (it carries the nym commitment). */
  commitmentWithProof: Uint8Array
  /** `length_nym_vector`, sent by the prover with the commitment. */
  nymCount: number
  /** The signer's entropy added to the last nym secret; fresh from the CSPRNG when absent. */
  signerNymEntropy?: Uint8Array
  header?: Uint8Array
  messages: Uint8Array[]
}

/**
 * `BlindSignWithNym`: verifies the commitment (`bbs_commitment_invalid`), adds
 * `J_last * signer_nym_entropy` to B and signs with `header || I2OSP(length_nym_vector, 8)`.
 * Returns the signature and the entropy, both sent to the prover.
 */
export function blindSignWithNym(input: BlindSignWithNymInput): { signature: Uint8Array; signerNymEntropy: Uint8Array } {
  const suite = resolveSuite(input.suite)
  checkMessages(input.messages, 'messages')
  checkNymCount(input.nymCount)
  if (!(input.commitmentWithProof instanceof Uint8Array) || committedCount(input.commitmentWithProof.length) < input.nymCount) {
    throw new EidError('bbs_commitment_invalid', 'commitment does not cover the nym secrets')
  }
  const entropy = input.signerNymEntropy === undefined
    ? (calculateRandomScalars(1)[0] as bigint) || 1n
    : octetsToScalar(input.signerNymEntropy, 'signer nym entropy', 'bbs_nym_input_invalid')
  const header = combinedHeader(optionalBytes(input.header, 'header'), input.nymCount)
  const signature = coreBlindSign(suite, input.secretKey, input.publicKey, input.commitmentWithProof, header, input.messages, {
    apiId: nymApiId(suite),
    lastBlindScalar: entropy,
  })
  return { signature, signerNymEntropy: scalarToOctets(entropy) }
}

/** Input of VerifyFinalizeWithNym. */
export interface VerifyFinalizeWithNymInput {
  suite?: Ciphersuite | CiphersuiteName
  publicKey: Uint8Array
  signature: Uint8Array
  header?: Uint8Array
  messages: Uint8Array[]
  committedMessages?: Uint8Array[]
  proverNyms: Uint8Array[]
  signerNymEntropy: Uint8Array
  secretProverBlind: Uint8Array
}

/**
 * `VerifyFinalizeWithNym`: `nym_secrets` = prover nyms with the signer entropy added to the last
 * one; returns them (32 octets each) when the signature verifies over them, else throws
 * `bbs_blind_signature_invalid`.
 */
export function verifyFinalizeWithNym(input: VerifyFinalizeWithNymInput): Uint8Array[] {
  const suite = resolveSuite(input.suite)
  checkMessages(input.messages, 'messages')
  const committed = input.committedMessages ?? []
  checkMessages(committed, 'committedMessages')
  const nyms = readNyms(input.proverNyms, 'prover nym')
  const entropy = octetsToScalar(input.signerNymEntropy, 'signer nym entropy', 'bbs_nym_input_invalid')
  const secrets = [...nyms.slice(0, -1), Fr.add(nyms[nyms.length - 1] as bigint, entropy)]
  if (secrets[secrets.length - 1] === 0n) throw new EidError('bbs_nym_input_invalid', 'nym secret is zero')
  const header = combinedHeader(optionalBytes(input.header, 'header'), nyms.length)
  coreVerifyBlindSign(suite, input.publicKey, input.signature, header, input.messages, committed, input.secretProverBlind, nymApiId(suite), secrets)
  return secrets.map(scalarToOctets)
}

/** Reads 1..MAX_NYM_SECRETS scalars in 1..r-1 (`bbs_nym_input_invalid`). */
export function readNyms(values: unknown, what: string): bigint[] {
  if (!Array.isArray(values)) throw new EidError('bbs_nym_input_invalid', `${what}s must be an array`)
  checkNymCount(values.length)
  return values.map((v) => octetsToScalar(v, what, 'bbs_nym_input_invalid'))
}

function checkNymCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_NYM_SECRETS) throw new EidError('bbs_nym_input_invalid', `nym count must be 1..${MAX_NYM_SECRETS}`)
}
