// calculate_random_scalars (draft-irtf-cfrg-bbs-signatures-09 §4.2.1) and the mocked seeded_random_scalars of §8.1.
import { randomBytes } from 'node:crypto'
import { EidError } from '../errors/index.ts'
import type { Ciphersuite } from './ciphersuite.ts'
import { R_ORDER } from './hash-to-scalar.ts'
import { os2ip } from './octets.ts'

/** A source of `count` scalars for ProofGen: the CSPRNG by default, a seeded mock only in vector tests. */
export type RandomScalars = (count: number) => bigint[]

/** `calculate_random_scalars(count)`: OS2IP(get_random(expand_len = 48)) mod r, from the OS CSPRNG. */
export function calculateRandomScalars(count: number): bigint[] {
  const out: bigint[] = []
  for (let i = 0; i < count; i++) out.push(os2ip(randomBytes(48)) % R_ORDER)
  return out
}

/**
 * `seeded_random_scalars(SEED, DST, count)` (§8.1, test vectors only): expands SEED to 48*count
 * bytes and reduces each 48-byte block mod r. Never use outside tests: the scalars are predictable.
 */
export function seededRandomScalars(suite: Ciphersuite, seed: Uint8Array, dst: Uint8Array, count: number): bigint[] {
  const outLen = suite.expandLen * count
  if (outLen > 65535) throw new EidError('bbs_invalid_length', 'too many mocked scalars')
  const v = suite.expandMessage(seed, dst, outLen)
  const out: bigint[] = []
  for (let i = 0; i < count; i++) out.push(os2ip(v.subarray(i * suite.expandLen, (i + 1) * suite.expandLen)) % R_ORDER)
  return out
}
