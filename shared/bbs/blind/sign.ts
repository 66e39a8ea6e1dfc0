// BlindSign, B_calculate and FinalizeBlindSign (draft-irtf-cfrg-bbs-blind-signatures-02 §4.2.1, §5.3, §6; B and domain as in the -02 vectors).
import { EidError } from '../../errors/index.ts'
import type { Ciphersuite, CiphersuiteName, G1Point } from '../ciphersuite.ts'
import { signWithB } from '../core-sign.ts'
import { calculateDomain } from '../domain.ts'
import { createGenerators } from '../generators.ts'
import { h2sDst, hashToScalar, messagesToScalars } from '../hash-to-scalar.ts'
import { checkMessages, optionalBytes } from '../inputs.ts'
import { secretKeyScalar } from '../keys.ts'
import { msmFixed } from '../msm.ts'
import { octetsToPubkey } from '../public-key.ts'
import { serialize } from '../serialize.ts'
import { signatureToOctets } from '../signature-octets.ts'
import { resolveSuite } from '../suite-option.ts'
import { blindApiId, blindGeneratorsApiId } from './api-id.ts'
import { deserializeAndValidateCommit } from './commit.ts'
import { committedCount, MAX_COMMITTED } from './commitment-octets.ts'

/** Options shared by the blind and the pseudonym signers. */
export interface BlindSignOptions {
  apiId?: Uint8Array
  /** Added to B as `blind_generators[-1] * lastBlindScalar` (the pseudonym signer's nym entropy). */
  lastBlindScalar?: bigint
}

/** Input of BlindSign; octet strings throughout. */
export interface BlindSignInput {
  suite?: Ciphersuite | CiphersuiteName
  secretKey: Uint8Array
  publicKey: Uint8Array
  /** From the prover's Commit; empty or absent signs the signer messages only. */
  commitmentWithProof?: Uint8Array
  header?: Uint8Array
  /** The signer's own messages. */
  messages: Uint8Array[]
}

/**
 * `BlindSign(SK, PK, commitment_with_proof, header, messages)`: verifies the prover's commitment
 * (`bbs_commitment_invalid`), then signs `B = P1 + Q_1*domain + Σ H_i*msg_i + commit` with
 * `e = hash_to_scalar(serialize((SK, B)))` (as the vectors compute it).
 */
export function blindSign(input: BlindSignInput): Uint8Array {
  const suite = resolveSuite(input.suite)
  checkMessages(input.messages, 'messages')
  return coreBlindSign(suite, input.secretKey, input.publicKey, optionalBytes(input.commitmentWithProof, 'commitmentWithProof'), optionalBytes(input.header, 'header'), input.messages)
}

/** BlindSign with the suite resolved, an explicit api_id and the pseudonym signer's extra term (`opts`). */
export function coreBlindSign(
  suite: Ciphersuite,
  sk: Uint8Array,
  pk: Uint8Array,
  commitmentWithProof: Uint8Array,
  header: Uint8Array,
  messages: readonly Uint8Array[],
  opts: BlindSignOptions = {},
): Uint8Array {
  const apiId = opts.apiId ?? blindApiId(suite)
  const skScalar = secretKeyScalar(sk)
  octetsToPubkey(pk)
  const M = commitmentWithProof.length === 0 ? 0 : committedCount(commitmentWithProof.length)
  if (M < 0 || M > MAX_COMMITTED) throw new EidError('bbs_commitment_invalid', 'commitment_with_proof has an invalid length')
  const gens = createGenerators(suite, messages.length + 1, apiId)
  const blindGens = createGenerators(suite, M + 1, blindGeneratorsApiId(apiId))
  const commitPoint = deserializeAndValidateCommit(suite, commitmentWithProof, blindGens, apiId)
  const scalars = messagesToScalars(suite, messages, apiId)
  const [Q1, ...H] = gens as [G1Point, ...G1Point[]]
  const domain = calculateDomain(suite, pk, Q1, [...H, ...blindGens], header, apiId)
  let B = msmFixed([suite.P1, ...gens], [1n, domain, ...scalars]).add(commitPoint)
  if (opts.lastBlindScalar !== undefined) B = B.add(msmFixed([blindGens[blindGens.length - 1] as G1Point], [opts.lastBlindScalar]))
  if (B.is0()) throw new EidError('bbs_blind_input_invalid', 'B is the identity')
  // The -01/-02 vectors hash serialize((SK, B)); the draft text says (SK, B, domain). B already commits to domain.
  const e = hashToScalar(suite, serialize([skScalar, B]), h2sDst(apiId))
  return signatureToOctets(signWithB(skScalar, B, e))
}
