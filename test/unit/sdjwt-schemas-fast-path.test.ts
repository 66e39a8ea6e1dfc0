// The issuer JWT and KB-JWT members are checked without zod when valid (FITS in shared/sdjwt/schemas.ts) and by zod
// otherwise: the predicates accept nothing their schema refuses, and checkMembers gives the same object or the same
// error (code and message) as zod alone (fast-check parity).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { isEidError, parseInput } from '../../shared/errors/index.ts'
import { MAX_NUMERIC_DATE } from '../../shared/keys/index.ts'
import { FITS, checkMembers, issuerHeaderSchema, issuerPayloadSchema, kbHeaderSchema, kbPayloadSchema } from '../../shared/sdjwt/schemas.ts'

/** A member: mostly absent or valid, sometimes another type or out of bounds. */
const member = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>) => fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) }, { weight: 5, arbitrary: valid }, { weight: 1, arbitrary: invalid },
)
const str = (max: number) => member(fc.oneof(fc.string({ maxLength: 4 }), fc.constant('s'.repeat(max))), fc.oneof(fc.constant('s'.repeat(max + 1)), fc.integer(), fc.constant(null), fc.constant([])))
const date = member(fc.oneof(fc.nat(), fc.constantFrom(0, MAX_NUMERIC_DATE, 1_800_000_000)),
  fc.constantFrom(-1, 1.5, MAX_NUMERIC_DATE + 1, 2 ** 53, Number.NaN, '1800000000', null, true))
const object = member(fc.oneof(fc.constant({}), fc.constant({ jwk: { kty: 'EC' } }), fc.constant({ status_list: { idx: 1 } })), fc.constantFrom([], 'x', 1, null))
const x5c = member(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.constant('c'.repeat(16384))), { minLength: 1, maxLength: 10 }),
  fc.oneof(fc.constant([]), fc.array(fc.constant('c'), { minLength: 11, maxLength: 12 }), fc.constant(['c'.repeat(16385)]), fc.constant([1]), fc.constant('c')))
const crit = fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(['b64'], [], 'x') })
const extra = fc.dictionary(fc.constantFrom('foo', 'given_name', '_sd', 'jti', 'toString', 'aud'), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 })

function withMembers(members: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fc.record(members), extra).map(([m, e]) => {
    const o: Record<string, unknown> = { ...e }
    for (const [k, v] of Object.entries(m)) if (v !== undefined) o[k] = v
    return o
  })
}

const CASES: [string, z.ZodObject, fc.Arbitrary<Record<string, unknown>>][] = [
  ['issuer JWT header', issuerHeaderSchema, withMembers({ alg: str(32), typ: str(64), kid: str(512), x5c, crit })],
  ['issuer JWT payload', issuerPayloadSchema, withMembers({
    iss: str(2048), sub: str(2048), iat: date, nbf: date, exp: date, vct: str(2048), 'vct#integrity': str(512), cnf: object, status: object, _sd_alg: str(32),
  })],
  ['KB-JWT header', kbHeaderSchema, withMembers({ alg: str(32), typ: str(64), crit })],
  ['KB-JWT payload', kbPayloadSchema, withMembers({ iat: date, exp: date, nbf: date, aud: member(fc.string(), fc.array(fc.string())), nonce: str(1024), sd_hash: str(128) })],
]

/** checkMembers as it was: the named members picked and parsed by zod. Returns 'ok' or the error's code and message. */
function zodOnly(schema: z.ZodObject, obj: Record<string, unknown>): string {
  const picked: Record<string, unknown> = {}
  for (const k of Object.keys(schema.shape)) if (Object.hasOwn(obj, k)) picked[k] = obj[k]
  try {
    parseInput(schema, picked, 'invalid_jwt_header', 'part')
    return 'ok'
  } catch (err) {
    if (isEidError(err)) return `${err.code}: ${err.message}`
    throw err
  }
}

function viaCheckMembers(schema: z.ZodObject, obj: Record<string, unknown>): string {
  try {
    expect(checkMembers(schema, obj, 'invalid_jwt_header', 'part')).toBe(obj)
    return 'ok'
  } catch (err) {
    if (isEidError(err)) return `${err.code}: ${err.message}`
    throw err
  }
}

describe('SD-JWT member checks without zod', () => {
  it('every schema checkMembers is called with has a predicate', () => {
    expect([...FITS.keys()]).toEqual([issuerHeaderSchema, issuerPayloadSchema, kbHeaderSchema, kbPayloadSchema])
  })

  for (const [name, schema, arb] of CASES) {
    it(`${name}: the predicate accepts only what the schema accepts, and checkMembers answers as zod alone`, () => {
      const fits = FITS.get(schema) as (o: Record<string, unknown>) => boolean
      let accepted = 0
      let refused = 0
      fc.assert(fc.property(arb, (obj) => {
        const want = zodOnly(schema, obj)
        if (fits(obj)) {
          accepted++
          expect(want).toBe('ok')
        }
        if (want !== 'ok') refused++
        expect(viaCheckMembers(schema, obj)).toBe(want)
      }), { numRuns: 2000 })
      expect(accepted).toBeGreaterThan(100) // both sides are reached
      expect(refused).toBeGreaterThan(100)
    })
  }

  it('reads own members only, as zod did on the picked members', () => {
    const inherited = Object.create({ crit: ['b64'], alg: 7 }) as Record<string, unknown>
    inherited.alg = 'ES256'
    expect(FITS.get(issuerHeaderSchema)?.(inherited)).toBe(true)
    expect(zodOnly(issuerHeaderSchema, inherited)).toBe('ok')
  })
})
