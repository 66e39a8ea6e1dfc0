// Interop: our CWT Status List Token (draft-ietf-oauth-status-list-20 §5.2) read by an independent COSE implementation,
// cose-kit 1.7.1 (its own CBOR codec, cbor-x, and its own Sig_structure): the COSE_Sign1 verifies with the issuer's public
// key, its protected header says ES256/EdDSA and our typ, and a changed byte fails.
import { createPublicKey } from 'node:crypto'
import { decode } from 'cborg'
import { coseVerify } from 'cose-kit'
import { describe, expect, it } from 'vitest'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { deflateStatusBytes, packStatuses, signStatusListCwt, verifyStatusListCwt } from '../../shared/status-list/index.ts'

const SUB = 'https://issuer.example/status-lists/AbCdEfGhIjKlMnOp'
const NOW = 1_800_000_000

describe('CWT Status List Token read by cose-kit 1.7.1', () => {
  it.each(['ES256', 'EdDSA'] as const)('%s: cose-kit verifies our COSE_Sign1 and reads its headers; a changed byte fails', async (alg) => {
    const key = await generateSigningKey(alg)
    const statuses = new Uint8Array(1000)
    statuses[7] = 1
    statuses[993] = 2
    const cwt = await signStatusListCwt({
      sub: SUB, iss: 'https://issuer.example', iat: NOW, exp: NOW + 3600, ttl: 300,
      list: { bits: 2, lst: deflateStatusBytes(packStatuses(statuses, 2)) },
      signer: { alg, privateKey: key.privateKey, kid: key.kid },
    })
    const publicKey = createPublicKey({ key: key.publicJwk as never, format: 'jwk' })
    const { isValid, decoded } = await coseVerify(cwt, publicKey)
    expect(isValid).toBe(true)
    expect(decoded.alg).toBe(alg === 'ES256' ? -7 : -8)
    expect(decoded.protectedHeaders.get(16)).toBe('application/statuslist+cwt')
    expect(Buffer.from(decoded.kid as Uint8Array).toString()).toBe(key.kid)
    const claims = decode(decoded.payload, { useMaps: true }) as Map<number, unknown>
    expect([claims.get(2), claims.get(6), claims.get(4), claims.get(65534)]).toEqual([SUB, NOW, NOW + 3600, 300])
    // and ours reads the same message
    const v = await verifyStatusListCwt(cwt, { expectedSub: SUB, now: NOW, resolveKey: async () => key.publicJwk })
    expect([v.list.get(7), v.list.get(993), v.list.get(8)]).toEqual([1, 2, 0])

    const changed = Uint8Array.from(cwt)
    changed[changed.length - 70]! ^= 0x01 // inside the payload, just before the signature
    const r = await coseVerify(changed, publicKey).catch(() => ({ isValid: false }))
    expect(r.isValid).toBe(false)
  })
})
