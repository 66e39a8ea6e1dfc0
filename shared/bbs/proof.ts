// ProofGen and ProofVerify of the BBS Signatures Interface (draft-irtf-cfrg-bbs-signatures-09 §3.5.3, §3.5.4).
import { EidError } from '../errors/index.ts'
import type { Ciphersuite, CiphersuiteName } from './ciphersuite.ts'
import { coreProofGen, coreProofVerify } from './core-proof.ts'
import { coreVerify } from './core-sign.ts'
import { createGenerators } from './generators.ts'
import { messagesToScalars } from './hash-to-scalar.ts'
import { checkMessages, MAX_MESSAGES, optionalBytes } from './inputs.ts'
import { assertBytes } from './octets.ts'
import { undisclosedCount } from './proof-octets.ts'
import type { RandomScalars } from './random-scalars.ts'
import { resolveSuite } from './suite-option.ts'

export interface ProofGenInput {
  suite?: Ciphersuite | CiphersuiteName
  publicKey: Uint8Array
  signature: Uint8Array
  header?: Uint8Array
  /** Presentation header chosen by the holder (nonce, audience). */
  presentationHeader?: Uint8Array
  /** All signed messages, in signing order. */
  messages: Uint8Array[]
  /** Indexes of the messages to disclose: unique, ascending, 0..L-1. */
  disclosedIndexes: number[]
  /** Verify the signature first (draft §3.6.3 RECOMMENDS it for signatures from untrusted sources; costs one pairing product). */
  verifySignature?: boolean
  /** Test vectors only: a seeded replacement for the CSPRNG scalars. */
  randomScalars?: RandomScalars
}

export interface ProofVerifyInput {
  suite?: Ciphersuite | CiphersuiteName
  publicKey: Uint8Array
  proof: Uint8Array
  header?: Uint8Array
  presentationHeader?: Uint8Array
  /** The disclosed messages, in the order of `disclosedIndexes`. */
  disclosedMessages: Uint8Array[]
  disclosedIndexes: number[]
}

/**
 * `ProofGen(PK, signature, header, ph, messages, disclosed_indexes)`: a fresh proof of 272 + 32*U bytes.
 * With `verifySignature`, a signature that does not verify throws `bbs_invalid_signature` first.
 */
export function proofGen(input: ProofGenInput): Uint8Array {
  const suite = resolveSuite(input.suite)
  assertBytes(input.publicKey, 'publicKey')
  assertBytes(input.signature, 'signature')
  const header = optionalBytes(input.header, 'header')
  const ph = optionalBytes(input.presentationHeader, 'presentationHeader')
  checkMessages(input.messages, 'messages')
  const scalars = messagesToScalars(suite, input.messages, suite.apiId)
  const generators = createGenerators(suite, scalars.length + 1, suite.apiId)
  if (input.verifySignature === true) coreVerify(suite, input.publicKey, input.signature, generators, header, scalars, suite.apiId)
  return coreProofGen(suite, input.publicKey, input.signature, generators, header, ph, scalars, input.disclosedIndexes, suite.apiId, input.randomScalars)
}

/**
 * `ProofVerify(PK, proof, header, ph, disclosed_messages, disclosed_indexes)`: returns normally for
 * a valid proof; throws `bbs_invalid_proof` when it does not verify, `bbs_invalid_length` when the
 * proof length is not 272 + 32*U, `bbs_invalid_index` for bad indexes, `bbs_invalid_point` /
 * `bbs_invalid_scalar` for non-canonical or out-of-range components.
 */
export function proofVerify(input: ProofVerifyInput): void {
  const suite = resolveSuite(input.suite)
  assertBytes(input.proof, 'proof')
  const header = optionalBytes(input.header, 'header')
  const ph = optionalBytes(input.presentationHeader, 'presentationHeader')
  checkMessages(input.disclosedMessages, 'disclosedMessages')
  if (!Array.isArray(input.disclosedIndexes)) throw new EidError('bbs_invalid_index', 'disclosedIndexes must be an array')
  const U = undisclosedCount(input.proof.length)
  const R = input.disclosedIndexes.length
  if (U + R > MAX_MESSAGES) throw new EidError('bbs_invalid_message_count', `proof covers more than ${MAX_MESSAGES} messages`)
  if (input.disclosedMessages.length !== R) throw new EidError('bbs_invalid_index', 'disclosedMessages must match disclosedIndexes')
  const scalars = messagesToScalars(suite, input.disclosedMessages, suite.apiId)
  const generators = createGenerators(suite, U + R + 1, suite.apiId)
  coreProofVerify(suite, input.publicKey, input.proof, generators, header, ph, scalars, input.disclosedIndexes, suite.apiId)
}
