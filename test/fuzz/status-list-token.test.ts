import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EidError } from '../../shared/errors/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { encode } from 'cborg'
import {
  deflateStatusBytes,
  encodeStatusList,
  packStatuses,
  parseStatusClaim,
  signStatusListCwt,
  signStatusListToken,
  verifyStatusListCwt,
  verifyStatusListToken,
} from '../../shared/status-list/index.ts'

const SUB = 'https://issuer.example/status-lists/1'
const NOW = 1_800_000_000
let key: SigningKey
let jwt: string
let cwt: Uint8Array

beforeAll(async () => {
  key = await generateSigningKey('ES256')
  const statuses = Array.from({ length: 64 }, (_, i) => i % 3)
  jwt = await signStatusListToken({ sub: SUB, iat: NOW, exp: NOW + 600, ttl: 60, list: encodeStatusList(statuses, 2), signer: { alg: 'ES256', privateKey: key.privateKey } })
  cwt = await signStatusListCwt({ sub: SUB, iat: NOW, exp: NOW + 600, ttl: 60, list: { bits: 2, lst: deflateStatusBytes(packStatuses(statuses, 2)) }, signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid } })
})

const verify = (t: string) => verifyStatusListToken(t, { expectedSub: SUB, now: NOW, resolveKey: async () => key.publicJwk })
const verifyCwt = (t: Uint8Array) => verifyStatusListCwt(t, { expectedSub: SUB, now: NOW, resolveKey: async () => key.publicJwk })
const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

describe('Status List Token properties', () => {
  it('any single changed character is rejected with status_list_invalid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(B64U.length), async (pos, c) => {
        const i = pos % jwt.length
        const ch = c === B64U.length ? '.' : B64U[c]!
        fc.pre(jwt[i] !== ch)
        const mutated = jwt.slice(0, i) + ch + jwt.slice(i + 1)
        // Non-canonical base64url (stray bits in a last character) is rejected too.
        await expect(verify(mutated)).rejects.toMatchObject({ code: 'status_list_invalid' })
      }),
      { numRuns: 300 },
    )
  })

  it('any string is a status_list_invalid, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((p) => p.join('.'))), async (s) => {
        await expect(verify(s)).rejects.toMatchObject({ code: 'status_list_invalid' })
      }),
      { numRuns: 300 },
    )
  })

  it('CWT: any single changed byte is rejected with status_list_invalid', async () => {
    await verifyCwt(cwt)
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (pos, x) => {
        const mutated = Uint8Array.from(cwt)
        mutated[pos % cwt.length]! ^= x
        await expect(verifyCwt(mutated)).rejects.toMatchObject({ code: 'status_list_invalid' })
      }),
      { numRuns: 300 },
    )
  })

  it('CWT: any bytes, and any CBOR value, are a status_list_invalid, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 256 }), fc.anything().map((v) => encode(v))), async (b) => {
        await expect(verifyCwt(b)).rejects.toMatchObject({ code: 'status_list_invalid' })
      }),
      { numRuns: 300 },
    )
  })

  it('any value as a status claim gives a reference or status_claim_invalid', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        try {
          const r = parseStatusClaim(v)
          expect(Number.isSafeInteger(r.idx)).toBe(true)
        } catch (e) {
          expect((e as EidError).code).toBe('status_claim_invalid')
        }
      }),
      { numRuns: 500 },
    )
  })
})
