// shared/keys decides well-formed public JWKs without zod (publicJwkMembersFast) and leaves every other JWK to
// parsePublicJwk: the fast check accepts nothing parsePublicJwk refuses, and verificationKey / publicJwkKeyObject give
// the same key or the same error code as parsePublicJwk followed by node:crypto (fast-check parity).
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isEidError } from '../../shared/errors/index.ts'
import { parsePublicJwk, publicJwkKeyObject, verificationKey } from '../../shared/keys/index.ts'
import type { SigningAlg } from '../../shared/keys/index.ts'
import { publicJwkMembersFast } from '../../shared/keys/jwk-schema.ts'

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as Record<string, string>
const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as Record<string, string>
const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Coordinates: real ones, 43 base64url characters off the curve, wrong lengths, other alphabets, non-strings. */
const coordinate = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(ec.x, ec.y, ed.x) },
  fc.string({ unit: fc.constantFrom(...B64U), minLength: 43, maxLength: 43 }),
  fc.string({ unit: fc.constantFrom(...B64U), minLength: 40, maxLength: 46 }),
  fc.constantFrom(`${(ec.x as string).slice(0, 42)}+`, `${(ec.x as string).slice(0, 42)}=`, `${(ec.x as string).slice(0, 42)}é`, ''),
  fc.constantFrom(1, null, [], {}, true),
)
/** An optional member: mostly absent, often valid, sometimes not. */
const member = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) => fc.oneof(
  { weight: 5, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid },
)
const ktyCrv: fc.Arbitrary<readonly [unknown, unknown]> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(['EC', 'P-256']) },
  { weight: 2, arbitrary: fc.constant(['OKP', 'Ed25519']) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('EC', 'OKP', 'RSA', 'oct', 'ec', 1, undefined), fc.constantFrom('P-256', 'Ed25519', 'P-384', 'X25519', undefined)) },
)
const jwkArb = fc.record({
  ktyCrv,
  x: coordinate,
  y: fc.oneof({ weight: 3, arbitrary: coordinate }, { weight: 1, arbitrary: fc.constant(undefined) }),
  kid: member(fc.oneof(fc.string({ maxLength: 3 }), fc.constant('k'.repeat(256))), fc.constantFrom('k'.repeat(257), 7)),
  alg: member(fc.constantFrom('ES256', 'EdDSA'), fc.constantFrom('ES384', 'none', 'x'.repeat(40), 3)),
  use: member(fc.constant('sig'), fc.constantFrom('enc', '', 1)),
  key_ops: member(
    fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.constant('o'.repeat(32))), { maxLength: 8 }),
    fc.oneof(fc.array(fc.constantFrom('o'.repeat(33), 1, 'verify'), { minLength: 1, maxLength: 10 }), fc.constantFrom('verify', {}, null, [, 'verify'])), // eslint-disable-line no-sparse-arrays
  ),
  d: member(fc.constant(ec.x), fc.constant(ec.x)),
  k: member(fc.constant(undefined), fc.constant('c2VjcmV0')),
  x5c: member(fc.constant(undefined), fc.constant(['MIIB'])),
  extra: member(fc.string(), fc.integer()),
}).map(({ ktyCrv: [kty, crv], d, ...r }) => Object.fromEntries(Object.entries({ kty, crv, ...r, ...(d !== undefined && r.extra === undefined ? { d } : {}) }).filter(([, v]) => v !== undefined)))

/**
 * One JWK for each outcome, run besides the random ones: a valid key of either alg, with a private member, with a
 * wrong `use` (a CI run's 1,500 random JWKs once held no valid ES256 key, so the outcome check below failed by chance).
 */
const EVERY_OUTCOME: [Record<string, unknown>][] = [ec, ed, { ...ec, d: ec.x }, { ...ed, d: ed.x }, { ...ec, use: 'enc' }, { ...ed, use: 'enc' }].map((j) => [j])

/** What parsePublicJwk then node:crypto give: the exported key, or the EidError code (anything else rethrown). */
function reference(jwk: unknown, alg: SigningAlg): string {
  let parsed
  try {
    parsed = parsePublicJwk(jwk, alg)
  } catch (err) {
    if (isEidError(err)) return err.code
    throw err
  }
  try {
    const members = { kty: parsed.kty, crv: parsed.crv, x: parsed.x, ...(parsed.kty === 'EC' ? { y: parsed.y } : {}) }
    return JSON.stringify(createPublicKey({ key: members, format: 'jwk' }).export({ format: 'jwk' }))
  } catch {
    return 'invalid_jwk'
  }
}

function outcome(f: () => { export(o: { format: 'jwk' }): unknown }): string {
  try {
    return JSON.stringify(f().export({ format: 'jwk' }))
  } catch (err) {
    if (isEidError(err)) return err.code
    throw err
  }
}

describe('public JWK fast path', () => {
  it('accepts the keys node:crypto exports, with kid, alg, use and key_ops', () => {
    expect(publicJwkMembersFast({ ...ec, kid: 'k1', alg: 'ES256', use: 'sig', key_ops: ['verify'] }, 'ES256')).toEqual({ kty: 'EC', crv: 'P-256', x: ec.x, y: ec.y })
    expect(publicJwkMembersFast(ed, 'EdDSA')).toEqual({ kty: 'OKP', crv: 'Ed25519', x: ed.x })
  })

  for (const alg of ['ES256', 'EdDSA'] as const) {
    it(`${alg}: accepts only what parsePublicJwk accepts, with the same key members`, () => {
      let accepted = 0
      fc.assert(fc.property(jwkArb, (jwk) => {
        const fast = publicJwkMembersFast(jwk, alg)
        if (fast === undefined) return
        accepted++
        const parsed = parsePublicJwk(jwk, alg)
        expect(fast).toEqual({ kty: parsed.kty, crv: parsed.crv, x: parsed.x, ...(parsed.kty === 'EC' ? { y: parsed.y } : {}) })
      }), { numRuns: 3000 })
      // the generator reaches the fast path, not only its refusals: 101-139 of 3,000 for ES256 and 237-293 for EdDSA in
      // five runs, so the bound sits well below them
      expect(accepted).toBeGreaterThan(30)
    })

    it(`${alg}: verificationKey and publicJwkKeyObject give parsePublicJwk + node:crypto's key or error code`, () => {
      const seen = new Set<string>()
      fc.assert(fc.property(jwkArb, (jwk) => {
        const want = reference(jwk, alg)
        seen.add(want.startsWith('{') ? 'key' : want)
        expect(outcome(() => publicJwkKeyObject(jwk, alg))).toBe(want)
        expect(outcome(() => verificationKey(jwk, alg))).toBe(want)
        // a second call may come from the cache: the same answer
        expect(outcome(() => verificationKey(jwk, alg))).toBe(want)
      }), { numRuns: 1500, examples: EVERY_OUTCOME })
      expect([...seen].sort()).toEqual(['invalid_jwk', 'jwk_has_private_members', 'key', 'key_alg_mismatch'])
    })
  }

  it('checks a JWK again after the same key was cached: a bad member beside cached coordinates is refused', () => {
    expect(verificationKey(ec, 'ES256').asymmetricKeyType).toBe('ec')
    expect(() => verificationKey({ ...ec, use: 'enc' }, 'ES256')).toThrowError(expect.objectContaining({ code: 'invalid_jwk' }))
    expect(() => verificationKey({ ...ec, d: ec.x }, 'ES256')).toThrowError(expect.objectContaining({ code: 'jwk_has_private_members' }))
    expect(() => verificationKey({ ...ec, alg: 'EdDSA' }, 'ES256')).toThrowError(expect.objectContaining({ code: 'key_alg_mismatch' }))
  })

  it('keeps a key in use cached while thousands of others come and go, and drops one unused that long', () => {
    const keep = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' })
    const dropped = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' })
    const first = verificationKey(keep, 'ES256')
    const droppedFirst = verificationKey(dropped, 'ES256')
    for (let i = 0; i < 2100; i++) {
      verificationKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), 'ES256')
      if (i % 500 === 0) expect(verificationKey({ ...keep }, 'ES256')).toBe(first)
    }
    expect(verificationKey(keep, 'ES256')).toBe(first)
    const again = verificationKey(dropped, 'ES256')
    expect(again).not.toBe(droppedFirst)
    expect(again.equals(droppedFirst)).toBe(true)
  })
})
