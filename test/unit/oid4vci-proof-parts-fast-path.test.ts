// A proof JWT's header and payload members are checked without zod when valid (shared/oid4vci/proof-parts.ts) and by
// zod otherwise: the predicates accept nothing their schema refuses, and parseProofHeader / parseProofPayload give the
// same members or the same error (code and message) as zod alone (fast-check parity).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { isEidError, parseInput } from '../../shared/errors/index.ts'
import { MAX_NUMERIC_DATE } from '../../shared/keys/index.ts'
import {
  parseProofHeader, parseProofPayload, proofHeaderFits, proofHeaderSchema, proofPayloadFits, proofPayloadSchema,
} from '../../shared/oid4vci/proof-parts.ts'

/** A member: mostly absent or valid, sometimes another type or out of bounds. */
const member = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>) => fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: valid }, { weight: 1, arbitrary: invalid },
)
const str = (min: number, max: number) => member(fc.oneof(fc.string({ minLength: min, maxLength: 4 }), fc.constant('s'.repeat(max))),
  fc.oneof(fc.constant('s'.repeat(max + 1)), fc.integer(), fc.constant(null), fc.constant([]), fc.constant(min > 0 ? '' : 7)))
const date = member(fc.oneof(fc.nat(), fc.constantFrom(0, MAX_NUMERIC_DATE, 1_800_000_000)),
  fc.constantFrom(-1, 1.5, MAX_NUMERIC_DATE + 1, 2 ** 53, Number.NaN, '1800000000', null, true))
const aud = member(fc.oneof(fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 8 }), fc.constant('a'.repeat(2048))),
  fc.oneof(fc.constant('a'.repeat(2049)), fc.array(fc.constant('a'), { minLength: 9, maxLength: 10 }), fc.constant(['a'.repeat(2049)]), fc.constant([1]), fc.constant({})))
const jwk = member(fc.oneof(fc.constant({}), fc.constant({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }), fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue(), { maxKeys: 3 })),
  fc.constantFrom([], 'x', 1, null, [{ kty: 'EC' }]))
const extra = fc.dictionary(fc.constantFrom('foo', 'kid', 'crit', 'jti', 'toString', 'exp'), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 })

function withMembers(members: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const obj = fc.tuple(fc.record(members), extra).map(([m, e]) => {
    const o: Record<string, unknown> = { ...e }
    for (const [k, v] of Object.entries(m)) if (v !== undefined) o[k] = v
    return o
  })
  return fc.oneof({ weight: 12, arbitrary: obj }, { weight: 1, arbitrary: fc.constantFrom(null, [], 'x', 3) })
}

/** The outcome as a string: the members the issuer reads, or the error's code and message. */
function outcome(parse: () => Record<string, unknown>, names: readonly string[]): string {
  try {
    const v = parse()
    return JSON.stringify(names.map((n) => v[n]))
  } catch (err) {
    if (isEidError(err)) return `${err.code}: ${err.message}`
    throw err
  }
}

const CASES: [string, z.ZodObject, (v: unknown) => boolean, (v: unknown) => Record<string, unknown>, fc.Arbitrary<unknown>][] = [
  ['proof header', proofHeaderSchema, proofHeaderFits, parseProofHeader, withMembers({ typ: str(0, 64), alg: str(0, 32), jwk })],
  ['proof payload', proofPayloadSchema, proofPayloadFits, parseProofPayload, withMembers({ aud, iat: date, nonce: str(1, 512), iss: str(0, 2048) })],
]

describe('proof JWT member checks without zod', () => {
  for (const [name, schema, fits, parse, arb] of CASES) {
    it(`${name}: the predicate accepts only what the schema accepts, and the parse answers as zod alone`, () => {
      const names = Object.keys(schema.shape)
      let accepted = 0
      let refused = 0
      fc.assert(fc.property(arb, (value) => {
        const want = outcome(() => parseInput(schema, value, 'proof_malformed', name) as Record<string, unknown>, names)
        const refusedByZod = want.startsWith('proof_malformed:')
        if (fits(value)) {
          accepted++
          expect(refusedByZod).toBe(false)
        }
        if (refusedByZod) refused++
        expect(outcome(() => parse(value), names)).toBe(want)
      }), { numRuns: 2000 })
      expect(accepted).toBeGreaterThan(100) // both sides are reached
      expect(refused).toBeGreaterThan(100)
    })
  }
})
