// CWT Status List Token (draft-ietf-oauth-status-list-20 §5.2): sign and verify, and one rejection per check with its
// code. Messages for the rejections are built here with cborg and node:crypto (an independent Sig_structure).
import { createPrivateKey, sign as cryptoSign } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { Tagged, encode } from 'cborg'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportSigningKey, generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { deflateStatusBytes, packStatuses, signStatusListCwt, verifyStatusListCwt } from '../../shared/status-list/index.ts'
import type { StatusListCbor, VerifyStatusListOptions } from '../../shared/status-list/index.ts'

const SUB = 'https://issuer.example/status-lists/1'
const NOW = 1_800_000_000
const TYP = 'application/statuslist+cwt'
let es: SigningKey
let ed: SigningKey
const list: StatusListCbor = { bits: 2, lst: deflateStatusBytes(packStatuses([0, 1, 2, 0, 0, 0, 0, 1], 2)) }

beforeAll(async () => {
  es = await generateSigningKey('ES256')
  ed = await generateSigningKey('EdDSA')
})

const sign = (over: Partial<Parameters<typeof signStatusListCwt>[0]> = {}, key = es) =>
  signStatusListCwt({ sub: SUB, iat: NOW, exp: NOW + 3600, ttl: 300, list, signer: { alg: key.alg, privateKey: key.privateKey, kid: key.kid }, ...over })
const opts = (over: Partial<VerifyStatusListOptions> = {}, key = es): VerifyStatusListOptions => ({
  expectedSub: SUB,
  now: NOW + 10,
  resolveKey: async () => key.publicJwk,
  ...over,
})
const check = async (cwt: Uint8Array, c: string, o = opts()) =>
  expect(verifyStatusListCwt(cwt, o)).rejects.toMatchObject({ code: 'status_list_invalid', details: { check: c } })

type Labels = [number, unknown][]
const listMap = (l: { bits: unknown; lst: unknown }) => new Map<string, unknown>([['bits', l.bits], ['lst', l.lst]])
const baseClaims = (): Labels => [[2, SUB], [6, NOW], [4, NOW + 3600], [65534, 300], [65533, listMap(list)]]
const header = (key = es): Labels => [[1, -7], [16, TYP], [4, Buffer.from(key.kid)]]

/** A COSE_Sign1_Tagged signed with the ES256 key over our own Sig_structure, with any headers and claims. */
async function raw(p: Labels | Uint8Array, claims: Labels | Uint8Array, u: Labels = [], opt: { tag?: number; alg?: 'ES256' } = {}): Promise<Uint8Array> {
  const protectedBytes = p instanceof Uint8Array ? p : encode(new Map(p))
  const payload = claims instanceof Uint8Array ? claims : encode(new Map(claims))
  const tbs = encode(['Signature1', protectedBytes, new Uint8Array(0), payload])
  const key = createPrivateKey({ key: (await exportSigningKey(es)) as never, format: 'jwk' })
  const sig = cryptoSign('sha256', tbs, { key, dsaEncoding: 'ieee-p1363' })
  return encode(new Tagged(opt.tag ?? 18, [protectedBytes, new Map(u), payload, new Uint8Array(sig)]))
}

describe('CWT Status List Token (§5.2)', () => {
  it('signs and verifies with ES256 and EdDSA: protected alg, typ and kid; claims by their CWT keys', async () => {
    for (const key of [es, ed]) {
      const cwt = await sign({ iss: 'https://issuer.example' }, key)
      const v = await verifyStatusListCwt(cwt, opts({}, key))
      expect(v.header).toEqual({ alg: key.alg, typ: TYP, kid: key.kid })
      expect(v).toMatchObject({ iat: NOW, exp: NOW + 3600, ttl: 300, claims: { sub: SUB, iss: 'https://issuer.example' } })
      expect([0, 1, 2, 3, 7].map((i) => v.list.get(i))).toEqual([0, 1, 2, 0, 1])
    }
  })
  it('is exactly a COSE_Sign1_Tagged (18), not CWT-tagged (61), the lst a byte string', async () => {
    const cwt = await sign()
    expect(cwt[0]).toBe(0xd2) // tag 18
    // the ZLIB bytes appear verbatim (no base64)
    expect(Buffer.from(cwt).includes(Buffer.from(list.lst))).toBe(true)
  })
  it('accepts kid in the unprotected header (the draft example puts it there)', async () => {
    await verifyStatusListCwt(await raw([[1, -7], [16, TYP]], baseClaims(), [[4, Buffer.from(es.kid)]]), opts())
  })
  it('carries x5c as x5chain (33) and gives it to the key resolver', async () => {
    let seen: unknown
    const cwt = await sign({ signer: { alg: 'ES256', privateKey: es.privateKey, x5c: ['MIIB', 'MIIC'] } })
    await verifyStatusListCwt(cwt, opts({ resolveKey: async (h) => ((seen = h), es.publicJwk) }))
    expect(seen).toEqual({ alg: 'ES256', typ: TYP, x5c: ['MIIB', 'MIIC'] })
  })
  it('refuses to sign bad input', async () => {
    await expect(sign({ exp: NOW })).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(sign({ ttl: 0 })).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(sign({ sub: 'not a uri' })).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(sign({ list: { bits: 3 as 2, lst: list.lst } })).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(sign({ list: { bits: 2, lst: 'eNo' as unknown as Uint8Array } })).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(sign({ signer: { alg: 'HS256' as 'ES256', privateKey: es.privateKey } })).rejects.toMatchObject({ code: 'alg_not_allowed' })
  })
})

describe('verifyStatusListCwt rejects, one check each', () => {
  it('not a COSE_Sign1_Tagged message, oversize, trailing bytes, non-shortest CBOR (format)', async () => {
    const cwt = await sign()
    await check(new Uint8Array([0xff]), 'format')
    await check(Buffer.concat([cwt, Buffer.from([0])]), 'format')
    await check(cwt, 'format', opts({ maxTokenChars: cwt.length - 1 }))
    await check('not bytes' as unknown as Uint8Array, 'format')
    await check(await raw(header(), baseClaims(), [], { tag: 17 }), 'format') // COSE_Mac0
    await check(encode(new Tagged(61, 1)), 'format') // the CWT tag is not allowed (§5.2)
    await check(encode(new Tagged(18, [new Uint8Array(0), new Map()])), 'format')
    await check(encode(new Tagged(18, ['x', new Map(), new Uint8Array(1), new Uint8Array(64)])), 'format')
    await check(encode(new Tagged(18, [new Uint8Array(0), new Map(), null, new Uint8Array(64)])), 'format') // detached payload
    await check(Buffer.concat([Buffer.from([0xd8, 0x12]), cwt.subarray(1)]), 'format') // tag 18 in a longer form than needed
    await check(Buffer.alloc(100_000, 0x81), 'format') // nesting deep enough to exhaust the stack
  })
  it('protected header not a map, or a label both protected and unprotected (header)', async () => {
    await check(await raw(encode([1, 2]), baseClaims()), 'header')
    await check(await raw(new Uint8Array([0xa1, 0x01]), baseClaims()), 'header') // truncated CBOR
    await check(await raw([[1, -7], [16, TYP]], baseClaims(), [[16, TYP]]), 'header')
    await check(await raw([[1, -7], [16, TYP], [4, 'text kid']], baseClaims()), 'header')
    await check(await raw([[1, -7], [16, TYP], [4, new Uint8Array([0xff, 0xfe])]], baseClaims()), 'header')
    await check(await raw([[1, -7], [16, TYP], [33, []]], baseClaims()), 'header')
  })
  it('wrong, missing or unprotected typ (typ)', async () => {
    await check(await raw([[1, -7], [16, 'application/statuslist+jwt']], baseClaims()), 'typ')
    await check(await raw([[1, -7], [16, 'application/cwt']], baseClaims()), 'typ')
    await check(await raw([[1, -7]], baseClaims()), 'typ')
    await check(await raw([[1, -7]], baseClaims(), [[16, TYP]]), 'typ')
    await check(await raw([[1, -7], [16, 61]], baseClaims()), 'typ')
  })
  it('alg absent, unprotected, not on the allow-list, or not allowed by the caller (alg)', async () => {
    await check(await raw([[16, TYP]], baseClaims()), 'alg')
    await check(await raw([[16, TYP]], baseClaims(), [[1, -7]]), 'alg')
    for (const alg of [-35, -257, 5, 'ES256', 0]) await check(await raw([[1, alg], [16, TYP]], baseClaims()), 'alg')
    await check(await sign(), 'alg', opts({ algorithms: ['EdDSA'] }))
  })
  it('critical header parameters, protected or not (crit)', async () => {
    await check(await raw([[1, -7], [16, TYP], [2, [99]], [99, 1]], baseClaims()), 'crit')
    await check(await raw([[1, -7], [16, TYP]], baseClaims(), [[2, [4]]]), 'crit')
  })
  it('no trusted key, a private JWK, or a key of the wrong type (key)', async () => {
    const cwt = await sign()
    await check(cwt, 'key', opts({ resolveKey: async () => Promise.reject(new Error('unknown kid')) }))
    await check(cwt, 'key', opts({ resolveKey: async () => ({ ...es.publicJwk, d: 'AAAA' }) }))
    await check(cwt, 'key', opts({ resolveKey: async () => ed.publicJwk }))
  })
  it('a wrong key, a changed payload or protected header, a short signature (signature)', async () => {
    const cwt = await sign()
    const other = await generateSigningKey('ES256')
    await check(cwt, 'signature', opts({ resolveKey: async () => other.publicJwk }))
    const good = await raw(header(), baseClaims())
    // the same message with another payload of the same length: every lst byte flipped
    const flipped = Buffer.from(good)
    const at = flipped.indexOf(Buffer.from(list.lst))
    flipped[at + list.lst.length - 1]! ^= 0xff
    await check(flipped, 'signature')
    const msgWithoutSig = encode(new Tagged(18, [encode(new Map(header())), new Map(), encode(new Map(baseClaims())), new Uint8Array(63)]))
    await check(msgWithoutSig, 'signature')
  })
  it('claims not a map, missing, or of the wrong type (claims)', async () => {
    await check(await raw(header(), encode([1])), 'claims')
    await check(await raw(header(), new Uint8Array([0xa1])), 'claims')
    await check(await raw(header(), baseClaims().filter(([k]) => k !== 6)), 'claims')
    await check(await raw(header(), baseClaims().filter(([k]) => k !== 65533)), 'claims')
    await check(await raw(header(), [...baseClaims().filter(([k]) => k !== 65534), [65534, -5]]), 'claims')
    await check(await raw(header(), [...baseClaims().filter(([k]) => k !== 4), [4, 1.5]]), 'claims')
    await check(await raw(header(), [...baseClaims().filter(([k]) => k !== 65533), [65533, listMap({ bits: 2, lst: Buffer.from(list.lst).toString('base64url') })]]), 'claims')
    // the JWT names as text keys are not the CWT claims
    await check(await raw(header(), encode({ sub: SUB, iat: NOW, status_list: listMap(list) })), 'claims')
  })
  it('sub not the status claim uri (sub)', async () => {
    await check(await sign(), 'sub', opts({ expectedSub: 'https://issuer.example/status-lists/2' }))
  })
  it('expired, or no exp when required (exp)', async () => {
    await check(await sign(), 'exp', opts({ now: NOW + 3600 + 60 }))
    await verifyStatusListCwt(await sign(), opts({ now: NOW + 3600 + 59 }))
    const noExp = baseClaims().filter(([k]) => k !== 4)
    await check(await raw(header(), noExp), 'exp', opts({ requireExp: true }))
    await verifyStatusListCwt(await raw(header(), noExp), opts())
  })
  it('not yet valid (nbf)', async () => check(await raw(header(), [...baseClaims(), [5, NOW + 1000]]), 'nbf'))
  it('iat in the future or older than the freshness policy (iat)', async () => {
    await check(await sign(), 'iat', opts({ now: NOW - 61 }))
    await check(await sign(), 'iat', opts({ now: NOW + 600, maxAgeSeconds: 300 }))
  })
  it('a list that does not decode: bits, bad zlib, oversize (bits, compression, too_large)', async () => {
    const withList = (l: { bits: unknown; lst: unknown }) => raw(header(), [...baseClaims().filter(([k]) => k !== 65533), [65533, listMap(l)]])
    await check(await withList({ bits: 3, lst: list.lst }), 'bits')
    await check(await withList({ bits: 2, lst: new Uint8Array([1, 2, 3, 4]) }), 'compression')
    await check(await withList({ bits: 2, lst: Buffer.concat([list.lst, Buffer.from([0])]) }), 'compression')
    const bomb = deflateSync(Buffer.alloc(8 * 1024 * 1024))
    await check(await withList({ bits: 2, lst: bomb }), 'too_large')
    await check(await sign(), 'too_large', opts({ limits: { maxLstChars: 4 } }))
  })
})
