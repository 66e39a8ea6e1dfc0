// BlindSign, B_calculate and FinalizeBlindSign (draft-irtf-cfrg-bbs-blind-signatures-02 §4.2.1, §5.3, §6; B and domain as in the -02 vectors).
import { EidError } from '../../errors/index.ts'
import type { Ciphersuite, G1Point } from '../ciphersuite.ts'
import { checkSecretKey, signWithB } from '../core-sign.ts'
import { calculateDomain } from '../domain.ts'
import { createGenerators } from '../generators.ts'
import { h2sDst, hashToScalar, messagesToScalars } from '../hash-to-scalar.ts'
import { msmFixed } from '../msm.ts'
import { os2ip } from '../octets.ts'
import { octetsToPubkey } from '../public-key.ts'
import { serialize } from '../serialize.ts'
import { signatureToOctets } from '../signature-octets.ts'
import { blindApiId, blindGeneratorsApiId } from './api-id.ts'
import { deserializeAndValidateCommit } from './commit.ts'
import { committedCount, MAX_COMMITTED } from './commitment-octets.ts'

/** Options shared by the blind and the pseudonym signers. */
export interface BlindSignOptions {
  apiId?: Uint8Array
  /** Added to B as `blind_generators[-1] * lastBlindScalar` (the pseudonym signer's nym entropy). */
  lastBlindScalar?: bigint
}

/**
 * `BlindSign(SK, PK, commitment_with_proof, header, messages)`: verifies the prover's commitment
 * (`bbs_commitment_invalid`), then signs `B = P1 + Q_1*domain + Σ H_i*msg_i + commit` with
 * `e = hash_to_scalar(serialize((SK, B)))` (as the vectors compute it). An empty commitment signs signer messages only.
 * `SK` is 32 octets (I2OSP of the secret scalar).
 */
export function blindSign(
  suite: Ciphersuite,
  sk: Uint8Array,
  pk: Uint8Array,
  commitmentWithProof: Uint8Array,
  header: Uint8Array,
  messages: readonly Uint8Array[],
  opts: BlindSignOptions = {},
): Uint8Array {
  const apiId = opts.apiId ?? blindApiId(suite)
  const skScalar = readSecretKey(sk)
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

function readSecretKey(sk: Uint8Array): bigint {
  if (!(sk instanceof Uint8Array) || sk.length !== 32) throw new EidError('bbs_blind_input_invalid', 'secret key must be 32 bytes')
  const s = os2ip(sk)
  checkSecretKey(s)
  return s
}
