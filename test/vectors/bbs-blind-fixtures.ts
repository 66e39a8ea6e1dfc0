// Shared helpers of the blind BBS and pseudonym tests: fixture loading (hex, mocked RNG, known data defects), byte-run comparison.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { BLS12_381_SHA_256, BLS12_381_SHAKE_256 } from '../../shared/bbs/ciphersuite.ts'
import type { Ciphersuite } from '../../shared/bbs/ciphersuite.ts'
import { seededRandomScalars } from '../../shared/bbs/random-scalars.ts'
import type { RandomScalars } from '../../shared/bbs/random-scalars.ts'

export const SUITES: ReadonlyArray<[string, Ciphersuite]> = [
  ['bls12-381-sha-256', BLS12_381_SHA_256],
  ['bls12-381-shake-256', BLS12_381_SHAKE_256],
]

/** Hex to octets. Odd-length values (a documented upstream defect: a dropped leading zero) are left-padded. */
export function hex(s: string): Uint8Array {
  const t = s.length % 2 === 1 ? `0${s}` : s
  return new Uint8Array(Buffer.from(t, 'hex'))
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex')
}

/** Scalar hex (32 bytes, left-padded when an upstream value lost a leading zero). */
export function scalarHex(s: string): Uint8Array {
  return hex(s.padStart(64, '0'))
}

/** The draft's mocked `calculate_random_scalars`: seeded_random_scalars(SEED, DST, count), SEED and DST as ASCII. */
export function mockedRandom(suite: Ciphersuite, params: { SEED: string; DST: string }): RandomScalars {
  const enc = new TextEncoder()
  return (count) => seededRandomScalars(suite, enc.encode(params.SEED), enc.encode(params.DST), count)
}

/** Reads every `*.json` of `dir/sub`, sorted, as [file name, parsed value]. */
export function readCases<T>(dir: URL, sub: string): Array<[string, T]> {
  const folder = new URL(`${sub}/`, dir)
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(new URL(f, folder), 'utf8')) as T])
}

/** `{"<i>": hex}` to ascending indexes and their octets. */
export function revealed(map: Record<string, string> | null | undefined): { indexes: number[]; values: Uint8Array[] } {
  const entries = Object.entries(map ?? {})
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0])
  return { indexes: entries.map(([k]) => k), values: entries.map(([, v]) => hex(v)) }
}

/** Length of the longest byte run that `a` and `b` have in common (unlinkability checks). */
export function longestCommonRun(a: Uint8Array, b: Uint8Array): number {
  let best = 0
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++
      if (k > best) best = k
    }
  }
  return best
}

/** The `code` of what `fn` throws, or undefined when it returns. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    return (e as { code?: string }).code
  }
  return undefined
}
