// Salts and decoy digests come from one random buffer refilled from the CSPRNG (shared/sdjwt/random-pool.ts): every salt
// is 128 fresh bits, none repeats across credentials or across refills of the buffer, and decoys never repeat either.
import { describe, expect, it } from 'vitest'
import { decodeSdJwt, issueSdJwt } from '../../shared/sdjwt/index.ts'
import { basePayload, makeFixture } from './sdjwt-fixtures.ts'

describe('SD-JWT salts from one random buffer', () => {
  it('gives every disclosure a distinct 128-bit salt and every decoy a distinct digest, across buffer refills', async () => {
    const f = await makeFixture()
    const claims = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`c${i}`, i]))
    const salts: string[] = []
    const decoys: string[] = []
    // 40 credentials x (16 salts + 4 decoys) x 16 bytes = 12,800 bytes: the 4 KiB buffer is refilled several times
    for (let n = 0; n < 40; n++) {
      const token = await issueSdJwt({
        payload: { ...basePayload(f), ...claims },
        frame: { _sd: Object.keys(claims), _decoys: 4 },
        signer: { alg: f.issuer.alg, privateKey: f.issuer.privateKey },
      })
      const d = decodeSdJwt(token)
      salts.push(...d.disclosures.map((x) => x.salt))
      const real = new Set(d.disclosures.map((x) => x.digest))
      decoys.push(...(d.payload._sd as string[]).filter((x) => !real.has(x)))
    }
    expect(salts).toHaveLength(640)
    for (const s of salts) expect(Buffer.from(s, 'base64url')).toHaveLength(16)
    expect(new Set(salts).size).toBe(salts.length)
    expect(decoys).toHaveLength(160)
    expect(new Set(decoys).size).toBe(decoys.length)
    expect(new Set([...salts, ...decoys]).size).toBe(800)
  })
})
