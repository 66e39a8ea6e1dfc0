// CoreProofGen and CoreProofVerify (draft-irtf-cfrg-bbs-signatures-09 §3.6.3, §3.6.4).
import { EidError } from '../errors/index.ts'
import type { Ciphersuite, G1Point } from './ciphersuite.ts'
import { undisclosedIndexes } from './indexes.ts'
import { NEG_BP2, pairingProductIsOne } from './pairing.ts'
import { proofChallengeCalculate, proofFinalize } from './proof-challenge.ts'
import { proofInit, proofVerifyInit } from './proof-init.ts'
import { octetsToProof } from './proof-octets.ts'
import { octetsToPubkey } from './public-key.ts'
import type { RandomScalars } from './random-scalars.ts'
import { calculateRandomScalars } from './random-scalars.ts'
import { octetsToSignature } from './signature-octets.ts'

/**
 * `CoreProofGen(PK, signature, generators, header, ph, messages, disclosed_indexes, api_id)`:
 * a fresh zero-knowledge proof of the signature disclosing `messages[i]` for `i` in
 * `disclosedIndexes` (strictly ascending, in range: `bbs_invalid_index`). `randomScalars`
 * defaults to the CSPRNG; pass a seeded mock only to reproduce test vectors.
 */
export function coreProofGen(
  suite: Ciphersuite,
  pk: Uint8Array,
  signature: Uint8Array,
  generators: readonly G1Point[],
  header: Uint8Array,
  ph: Uint8Array,
  messages: readonly bigint[],
  disclosedIndexes: readonly number[],
  apiId: Uint8Array,
  randomScalars: RandomScalars = calculateRandomScalars,
): Uint8Array {
  const sig = octetsToSignature(signature)
  const L = messages.length
  const undisclosed = undisclosedIndexes(disclosedIndexes, L)
  const U = undisclosed.length
  const scalars = randomScalars(5 + U)
  const init = proofInit(suite, pk, sig, generators, scalars, header, messages, undisclosed, apiId)
  const disclosedMessages = disclosedIndexes.map((i) => messages[i] as bigint)
  const challenge = proofChallengeCalculate(suite, init, disclosedMessages, disclosedIndexes, ph, apiId)
  return proofFinalize(init, challenge, sig.e, scalars, undisclosed.map((j) => messages[j] as bigint))
}

/**
 * `CoreProofVerify(PK, proof, generators, header, ph, disclosed_messages, disclosed_indexes, api_id)`:
 * returns normally when the challenge matches and `h(Abar, W) * h(Bbar, -BP2) = 1`, else throws
 * `bbs_invalid_proof`. Malformed inputs throw `bbs_invalid_length`, `bbs_invalid_point`,
 * `bbs_invalid_scalar` or `bbs_invalid_index`.
 */
export function coreProofVerify(
  suite: Ciphersuite,
  pk: Uint8Array,
  proof: Uint8Array,
  generators: readonly G1Point[],
  header: Uint8Array,
  ph: Uint8Array,
  disclosedMessages: readonly bigint[],
  disclosedIndexes: readonly number[],
  apiId: Uint8Array,
): void {
  const p = octetsToProof(proof)
  const W = octetsToPubkey(pk)
  const init = proofVerifyInit(suite, pk, p, generators, header, disclosedMessages, disclosedIndexes, apiId)
  const challenge = proofChallengeCalculate(suite, init, disclosedMessages, disclosedIndexes, ph, apiId)
  if (challenge !== p.challenge) throw new EidError('bbs_invalid_proof', 'proof challenge does not match')
  if (!pairingProductIsOne([[p.Abar, W], [p.Bbar, NEG_BP2]])) throw new EidError('bbs_invalid_proof', 'proof pairing check failed')
}
