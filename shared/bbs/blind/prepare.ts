// prepare_parameters (draft-irtf-cfrg-bbs-blind-signatures-02 §6): signer scalars || (prover blind) || committed scalars, and their generators.
import type { Ciphersuite, G1Point } from '../ciphersuite.ts'
import { createGenerators } from '../generators.ts'
import { messagesToScalars } from '../hash-to-scalar.ts'
import { blindGeneratorsApiId } from './api-id.ts'

/**
 * Returns `(message_scalars, generators)`: `messages` then (when `proverBlind` is given) the blind
 * then `committed` (+ `extraScalars`, e.g. nym secrets) as scalars, and `create_generators(genCount,
 * api_id) || create_generators(blindGenCount, "BLIND_" || api_id)`.
 */
export function prepareParameters(
  suite: Ciphersuite,
  messages: readonly Uint8Array[],
  committed: readonly Uint8Array[],
  genCount: number,
  blindGenCount: number,
  proverBlind: bigint | undefined,
  apiId: Uint8Array,
  extraScalars: readonly bigint[] = [],
): { scalars: bigint[]; generators: G1Point[] } {
  const scalars = [
    ...messagesToScalars(suite, messages, apiId),
    ...(proverBlind === undefined ? [] : [proverBlind]),
    ...messagesToScalars(suite, committed, apiId),
    ...extraScalars,
  ]
  const generators = [...createGenerators(suite, genCount, apiId), ...createGenerators(suite, blindGenCount, blindGeneratorsApiId(apiId))]
  return { scalars, generators }
}
