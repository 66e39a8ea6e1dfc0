// Properties (fast-check): issue → present(any subset) → verify returns exactly that subset (with parents and contents);
// any single-character change anywhere in a presentation, and any garbage input, gives an EidError and nothing else.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { NON_DISCLOSABLE_CLAIMS, decodeSdJwt, issueSdJwt, presentSdJwt, verifySdJwt } from '../../shared/sdjwt/index.ts'
import type { ClaimsPath, DisclosureFrame, VerifySdJwtOptions } from '../../shared/sdjwt/index.ts'

const NOW = 1_800_000_000
const AUD = 'https://verifier.example'
const NONCE = 'fuzz-nonce'
let issuer: SigningKey
let edIssuer: SigningKey
let holder: SigningKey
beforeAll(async () => {
  issuer = await generateSigningKey('ES256')
  edIssuer = await generateSigningKey('EdDSA')
  holder = await generateSigningKey('EdDSA')
})
const opts = (): VerifySdJwtOptions => ({ now: NOW, resolveIssuerKey: async () => issuer.publicJwk, keyBinding: { aud: AUD, nonce: NONCE } })
const kb = () => ({ privateKey: holder.privateKey, alg: 'EdDSA' as const, aud: AUD, nonce: NONCE, iat: NOW })

// JSON has no -0 (it serialises as 0), so the model must not hold one either.
const jsonDouble = fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d))
// JSON values: objects and arrays nested a few levels, keys that are neither `_sd`, `...` nor `__proto__`
const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '_sd' && k !== '...' && k !== '__proto__' && k !== '_sd_alg')
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null), jsonDouble),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(key, tie('json'), { maxKeys: 4 }),
  ),
}))
const userClaims = fc.dictionary(key.filter((k) => !NON_DISCLOSABLE_CLAIMS.has(k)), json, { minKeys: 1, maxKeys: 6 })

/** A random frame over a value: each property / element disclosable or not, recursively, with some decoys. */
function frameFor(v: unknown): fc.Arbitrary<DisclosureFrame | undefined> {
  if (v === null || typeof v !== 'object') return fc.constant(undefined)
  const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v)
  return fc
    .tuple(fc.nat(2), ...entries.map(([, x]) => fc.tuple(fc.boolean(), frameFor(x))))
    .map(([decoys, ...picks]) => {
      const frame: DisclosureFrame = {}
      picks.forEach(([sd, sub], i) => {
        const k = (entries[i] as [string, unknown])[0]
        if (sd) (frame._sd ??= []).push(Array.isArray(v) ? i : k)
        if (sub) frame[k] = sub
      })
      if (decoys > 0) frame._decoys = decoys
      return frame
    })
}

const onPath = (at: ClaimsPath, want: ClaimsPath) => at.slice(0, Math.min(at.length, want.length)).every((c, i) => c === want[i])

/** Reference model: the payload keeping plain claims and exactly the disclosable ones whose (original) path is in `shown`. */
function expected(v: unknown, frame: DisclosureFrame | undefined, path: ClaimsPath, shown: (p: ClaimsPath) => boolean): unknown {
  if (v === null || typeof v !== 'object') return v
  const sd = new Set(frame?._sd ?? [])
  const sub = (k: string) => frame?.[k] as DisclosureFrame | undefined
  if (Array.isArray(v)) {
    return v.flatMap((x, i) => (sd.has(i) && !shown([...path, i]) ? [] : [expected(x, sub(String(i)), [...path, i], shown)]))
  }
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) if (!sd.has(k) || shown([...path, k])) out[k] = expected(x, sub(k), [...path, k], shown)
  return out
}

describe('sdjwt properties', () => {
  it('issue (ES256 or EdDSA) → present(any subset) → verify returns exactly that subset', async () => {
    const registered = () => ({ iss: 'https://issuer.example', iat: NOW, vct: 'urn:fuzz', cnf: { jwk: holder.publicJwk } })
    await fc.assert(
      fc.asyncProperty(
        userClaims.chain((u) => fc.tuple(fc.constant(u), frameFor(u), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), fc.boolean())),
        async ([user, frame, mask, ed]) => {
          const signer = ed ? edIssuer : issuer
          const payload = { ...registered(), ...user }
          const token = await issueSdJwt({ payload, frame: frame ?? {}, signer: { alg: signer.alg, privateKey: signer.privateKey } })
          const all = decodeSdJwt(token).disclosures
          const chosen = all.filter((_, i) => mask[i % 64]).map((d) => d.path)
          const v = await verifySdJwt(await presentSdJwt(token, chosen, kb()), { ...opts(), resolveIssuerKey: async () => signer.publicJwk })
          const shown = (p: ClaimsPath) => chosen.some((c) => onPath(p, c))
          expect(v.claims).toEqual(expected(payload, frame, [], shown))
          expect(v.disclosedPaths).toHaveLength(all.filter((d) => shown(d.path)).length)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('any single-character change to signature, payload, header, a disclosure or the KB-JWT gives an EidError', async () => {
    const token = await issueSdJwt({
      payload: { iss: 'https://issuer.example', iat: NOW, vct: 'urn:fuzz', cnf: { jwk: holder.publicJwk }, a: 'x', b: [1, 2], c: { d: true } },
      frame: { _sd: ['a', 'b', 'c'], b: { _sd: [0, 1] }, c: { _sd: ['d'] } },
      signer: { alg: 'ES256', privateKey: issuer.privateKey },
    })
    const presentation = await presentSdJwt(token, 'all', kb())
    await expect(verifySdJwt(presentation, opts())).resolves.toBeDefined()
    const chars = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '~', '.', '=', ' ', '\u00e9', '\u0000']
    await fc.assert(
      fc.asyncProperty(fc.nat(presentation.length - 1), fc.constantFrom(...chars), async (pos, ch) => {
        const changed = presentation.slice(0, pos) + ch + presentation.slice(pos + 1)
        fc.pre(changed !== presentation)
        const err = await verifySdJwt(changed, opts()).then(() => undefined, (e: unknown) => e)
        expect(err).toBeInstanceOf(EidError)
      }),
      { numRuns: 400 },
    )
  })

  it('every position of the presentation, changed once, is rejected (exhaustive over one alphabet shift)', async () => {
    const token = await issueSdJwt({ payload: { vct: 'urn:fuzz', cnf: { jwk: holder.publicJwk }, a: 1 }, frame: { _sd: ['a'] }, signer: { alg: 'ES256', privateKey: issuer.privateKey } })
    const presentation = await presentSdJwt(token, 'all', kb())
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    for (let pos = 0; pos < presentation.length; pos++) {
      const c = presentation[pos] as string
      const i = alphabet.indexOf(c)
      const swapped = i < 0 ? 'A' : (alphabet[(i + 1) % 64] as string)
      const err = await verifySdJwt(presentation.slice(0, pos) + swapped + presentation.slice(pos + 1), opts()).then(() => undefined, (e: unknown) => e)
      expect(err, `position ${pos}`).toBeInstanceOf(EidError)
    }
  })

  it('garbage input of any shape gives an EidError (verify and decode)', async () => {
    const part = fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 60 }).map((s) => s.replace(/=/g, '')), fc.json().map((j) => Buffer.from(j).toString('base64url')))
    const tokenish = fc.oneof(fc.string({ maxLength: 200 }), fc.array(part, { maxLength: 6 }).map((ps) => ps.join('~')), fc.tuple(part, part, part).map((ps) => `${ps.join('.')}~`))
    await fc.assert(
      fc.asyncProperty(tokenish, async (t) => {
        const err = await verifySdJwt(t, opts()).then(() => undefined, (e: unknown) => e)
        expect(err).toBeInstanceOf(EidError)
        try {
          decodeSdJwt(t)
        } catch (e) {
          expect(e).toBeInstanceOf(EidError)
        }
      }),
      { numRuns: 300 },
    )
  })
})
