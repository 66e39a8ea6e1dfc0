// Sign and Verify of the BBS Signatures Interface (draft-irtf-cfrg-bbs-signatures-09 §3.5.1, §3.5.2; api_id = ciphersuite_id || "H2G_HM2S_").
import type { Ciphersuite, CiphersuiteName } from './ciphersuite.ts'
import { coreSign, coreVerify } from './core-sign.ts'
import { createGenerators } from './generators.ts'
import { messagesToScalars } from './hash-to-scalar.ts'
import { checkMessages, optionalBytes } from './inputs.ts'
import { secretKeyScalar } from './keys.ts'
import { assertBytes } from './octets.ts'
import { G2_LENGTH } from './points.ts'
import { resolveSuite } from './suite-option.ts'

export interface SignInput {
  suite?: Ciphersuite | CiphersuiteName
  /** 32-byte secret key (KeyGen output). */
  secretKey: Uint8Array
  /** 96-byte public key of that secret key (SkToPk output). */
  publicKey: Uint8Array
  header?: Uint8Array
  messages: Uint8Array[]
}

export interface VerifyInput {
  suite?: Ciphersuite | CiphersuiteName
  publicKey: Uint8Array
  /** 80-byte signature. */
  signature: Uint8Array
  header?: Uint8Array
  messages: Uint8Array[]
}

/** `Sign(SK, PK, header, messages)`: the deterministic 80-byte signature. */
export function sign(input: SignInput): Uint8Array {
  const suite = resolveSuite(input.suite)
  const sk = secretKeyScalar(input.secretKey)
  assertBytes(input.publicKey, 'publicKey', G2_LENGTH)
  const header = optionalBytes(input.header, 'header')
  checkMessages(input.messages, 'messages')
  const scalars = messagesToScalars(suite, input.messages, suite.apiId)
  const generators = createGenerators(suite, scalars.length + 1, suite.apiId)
  return coreSign(suite, sk, input.publicKey, generators, header, scalars, suite.apiId)
}

/**
 * `Verify(PK, signature, header, messages)`: returns normally for a valid signature; throws
 * `bbs_invalid_signature` when it does not verify, and `bbs_invalid_length` / `bbs_invalid_point` /
 * `bbs_invalid_scalar` / `bbs_invalid_message_count` for malformed input.
 */
export function verify(input: VerifyInput): void {
  const suite = resolveSuite(input.suite)
  const header = optionalBytes(input.header, 'header')
  checkMessages(input.messages, 'messages')
  const scalars = messagesToScalars(suite, input.messages, suite.apiId)
  const generators = createGenerators(suite, scalars.length + 1, suite.apiId)
  coreVerify(suite, input.publicKey, input.signature, generators, header, scalars, suite.apiId)
}
