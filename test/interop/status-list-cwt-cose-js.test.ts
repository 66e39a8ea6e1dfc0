// Interop: our CWT Status List Token (draft-ietf-oauth-status-list-20 §5.2) read by an independent COSE implementation,
// cose-js 0.9.0 (its own CBOR codec, node-cbor, its own Sig_structure and elliptic for P-256): the COSE_Sign1 verifies
// with the issuer's public key and yields our claims, and a changed byte fails. cose-js has no EdDSA: ES256 only.
// (cose-kit, tried first, pulls native cbor-extract packages the npm mirror lacks, which breaks `npm ci`.)
import { createRequire } from 'node:module'
import { decode } from 'cborg'
import { describe, expect, it } from 'vitest'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { deflateStatusBytes, packStatuses, signStatusListCwt, verifyStatusListCwt } from '../../shared/status-list/index.ts'

/** The part of cose-js used here (it ships no typings): resolves with the payload, rejects on a bad signature. */
interface CoseSign {
  verify(message: Buffer, verifier: { key: { x: Buffer; y: Buffer } }): Promise<Buffer>
}
const cose = createRequire(import.meta.url)('cose-js') as { sign: CoseSign }

const SUB = 'https://issuer.example/status-lists/AbCdEfGhIjKlMnOp'
const NOW = 1_800_000_000

describe('CWT Status List Token read by cose-js 0.9.0', () => {
  it('ES256: cose-js verifies our COSE_Sign1 and returns our claims; a changed byte fails', async () => {
    const key = await generateSigningKey('ES256')
    const statuses = new Uint8Array(1000)
    statuses[7] = 1
    statuses[993] = 2
    const cwt = await signStatusListCwt({
      sub: SUB, iss: 'https://issuer.example', iat: NOW, exp: NOW + 3600, ttl: 300,
      list: { bits: 2, lst: deflateStatusBytes(packStatuses(statuses, 2)) },
      signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid },
    })
    const jwk = key.publicJwk as { x: string; y: string }
    const verifier = { key: { x: Buffer.from(jwk.x, 'base64url'), y: Buffer.from(jwk.y, 'base64url') } }
    const payload = await cose.sign.verify(Buffer.from(cwt), verifier)
    const claims = decode(payload, { useMaps: true }) as Map<number, unknown>
    expect([claims.get(2), claims.get(1), claims.get(6), claims.get(4), claims.get(65534)]).toEqual([SUB, 'https://issuer.example', NOW, NOW + 3600, 300])
    // and ours reads the same message
    const v = await verifyStatusListCwt(cwt, { expectedSub: SUB, now: NOW, resolveKey: async () => key.publicJwk })
    expect([v.list.get(7), v.list.get(993), v.list.get(8)]).toEqual([1, 2, 0])

    const changed = Buffer.from(cwt)
    changed[changed.length - 70]! ^= 0x01 // inside the payload, just before the signature
    await expect(cose.sign.verify(changed, verifier)).rejects.toThrow(/missmatch|mismatch/i)
    // another key fails too
    const other = (await generateSigningKey('ES256')).publicJwk as { x: string; y: string }
    await expect(cose.sign.verify(Buffer.from(cwt), { key: { x: Buffer.from(other.x, 'base64url'), y: Buffer.from(other.y, 'base64url') } })).rejects.toThrow()
  })
})
