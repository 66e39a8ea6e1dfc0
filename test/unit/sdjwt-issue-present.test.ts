// Issuance and presentation: frames (objects, arrays, nesting), decoys, salts, headers, and DCQL path selection with automatic parents.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeSdJwt, encodeDisclosure, issueSdJwt, issueSdJwtBatch, presentSdJwt, verifySdJwt } from '../../shared/sdjwt/index.ts'
import type { DisclosureFrame } from '../../shared/sdjwt/index.ts'
import { signJwsCompact } from '../../shared/keys/index.ts'
import { NOW, basePayload, makeFixture, verifyOpts } from './sdjwt-fixtures.ts'
import type { Fixture } from './sdjwt-fixtures.ts'

let f: Fixture
let credential: string
const user = {
  given_name: 'Ada',
  address: { street: '1 Main St', locality: 'Beijing', country: 'CN' },
  nationalities: ['CN', 'DE', 'FR'],
  degrees: [{ type: 'BSc', year: 2010 }, { type: 'MSc', year: 2012 }],
}
const frame: DisclosureFrame = {
  _sd: ['given_name', 'address', 'nationalities', 'degrees'],
  _decoys: 2,
  address: { _sd: ['street', 'locality'] },
  nationalities: { _sd: [0, 1, 2], _decoys: 1 },
  degrees: { _sd: [1], 1: { _sd: ['year'] } },
}
const noKb = { keyBinding: undefined }

beforeAll(async () => {
  f = await makeFixture()
  credential = await issueSdJwt({ payload: { ...basePayload(f), ...user }, frame, signer: { alg: 'ES256', privateKey: f.issuer.privateKey, kid: f.issuer.kid, x5c: ['MIIB'] } })
})

const show = async (paths: Parameters<typeof presentSdJwt>[1]) => (await verifySdJwt(await presentSdJwt(credential, paths), verifyOpts(f, noKb))).claims

describe('sdjwt issue', () => {
  it('emits typ dc+sd-jwt with kid and x5c, _sd_alg sha-256, sorted _sd', () => {
    const d = decodeSdJwt(credential)
    expect(d.header).toMatchObject({ alg: 'ES256', typ: 'dc+sd-jwt', kid: f.issuer.kid, x5c: ['MIIB'] })
    expect(d.payload._sd_alg).toBe('sha-256')
    const sd = d.payload._sd as string[]
    expect(sd).toEqual([...sd].sort())
    expect(sd).toHaveLength(4 + 2) // 4 claims + 2 decoys
    expect((d.disclosures.find((x) => x.name === 'nationalities')?.value as unknown[]).length).toBe(4) // 3 elements + 1 decoy
  })
  it('uses a fresh 128-bit salt per disclosure', () => {
    const salts = decodeSdJwt(credential).disclosures.map((d) => d.salt)
    expect(new Set(salts).size).toBe(salts.length)
    for (const s of salts) expect(Buffer.from(s, 'base64url')).toHaveLength(16)
  })
  it('round-trips the full payload when everything is disclosed', async () => {
    expect(await show('all')).toEqual({ ...basePayload(f), ...user })
    expect(decodeSdJwt(credential).claims).toEqual({ ...basePayload(f), ...user })
  })
  it('issues with EdDSA', async () => {
    const c = await issueSdJwt({ payload: basePayload(f), frame: {}, signer: { alg: 'EdDSA', privateKey: f.edIssuer.privateKey } })
    await expect(verifySdJwt(c, verifyOpts(f, { ...noKb, resolveIssuerKey: async () => f.edIssuer.publicJwk }))).resolves.toBeDefined()
  })
  it('invalid_disclosure_frame: frame names a claim that does not exist', async () => {
    await expect(issueSdJwt({ payload: basePayload(f), frame: { _sd: ['nope'] }, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } })).rejects.toMatchObject({ code: 'invalid_disclosure_frame' })
  })
  it('invalid_disclosure_frame: array index out of range', async () => {
    await expect(issueSdJwt({ payload: { ...basePayload(f), a: [1] }, frame: { a: { _sd: [3] } }, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } })).rejects.toMatchObject({ code: 'invalid_disclosure_frame' })
  })
  it('invalid_disclosure_frame: frame on a scalar', async () => {
    await expect(issueSdJwt({ payload: { ...basePayload(f), a: 1 }, frame: { a: { _sd: ['x'] } }, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } })).rejects.toMatchObject({ code: 'invalid_disclosure_frame' })
  })
  it('invalid_disclosure_frame: a reserved _sd or ... key anywhere in the payload, framed or not', async () => {
    for (const payload of [{ ...basePayload(f), a: { b: [{ _sd: ['x'] }] } }, { ...basePayload(f), a: [{ '...': 'x' }] }]) {
      await expect(issueSdJwt({ payload, frame: {}, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } })).rejects.toMatchObject({ code: 'invalid_disclosure_frame' })
    }
  })
  it('alg_not_allowed: issuing with HS256', async () => {
    await expect(issueSdJwt({ payload: basePayload(f), frame: {}, signer: { alg: 'HS256' as 'ES256', privateKey: f.issuer.privateKey } })).rejects.toMatchObject({ code: 'alg_not_allowed' })
  })
  it('key_alg_mismatch: EdDSA with a P-256 key', async () => {
    await expect(issueSdJwt({ payload: basePayload(f), frame: {}, signer: { alg: 'EdDSA', privateKey: f.issuer.privateKey } })).rejects.toMatchObject({ code: 'key_alg_mismatch' })
  })
})

describe('sdjwt present', () => {
  it('discloses nothing for an empty path list', async () => {
    expect(await show([])).toEqual(basePayload(f))
  })
  it('discloses the parent of a nested claim automatically', async () => {
    const c = await show([['address', 'street']])
    expect(c.address).toEqual({ street: '1 Main St', country: 'CN' })
    expect(c).not.toHaveProperty('given_name')
  })
  it('discloses everything inside a chosen object', async () => {
    expect((await show([['address']])).address).toEqual(user.address)
  })
  it('selects one array element by index', async () => {
    expect((await show([['nationalities', 1]])).nationalities).toEqual(['DE'])
  })
  it('selects every array element with null', async () => {
    expect((await show([['nationalities', null]])).nationalities).toEqual(['CN', 'DE', 'FR'])
  })
  it('selects a property of array elements with null (recursive disclosure)', async () => {
    expect((await show([['degrees', null, 'year']])).degrees).toEqual([{ type: 'BSc', year: 2010 }, { type: 'MSc', year: 2012 }])
    expect((await show([['degrees', null, 'type']])).degrees).toEqual([{ type: 'BSc', year: 2010 }, { type: 'MSc' }])
  })
  it('reports disclosed paths', async () => {
    const v = await verifySdJwt(await presentSdJwt(credential, [['address', 'street'], ['given_name']]), verifyOpts(f, noKb))
    expect(v.disclosedPaths).toEqual(expect.arrayContaining([['given_name'], ['address'], ['address', 'street']]))
    expect(v.disclosedPaths).toHaveLength(3)
  })
  it('invalid_request: a malformed claims path', async () => {
    await expect(presentSdJwt(credential, [[-1]])).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(presentSdJwt(credential, [[]])).rejects.toMatchObject({ code: 'invalid_request' })
  })
  it('drops a KB-JWT present on the input and signs a new one', async () => {
    const kb = { privateKey: f.holder.privateKey, alg: 'ES256' as const, aud: 'https://verifier.example', nonce: 'n-0S6_WzA2Mj', iat: NOW }
    const once = await presentSdJwt(credential, 'all', kb)
    const twice = await presentSdJwt(once, [['given_name']], kb)
    await expect(verifySdJwt(twice, verifyOpts(f))).resolves.toMatchObject({ claims: { given_name: 'Ada' } })
  })
})

describe('encodeDisclosure', () => {
  it('is base64url of the JSON of [salt, name, value] or [salt, value] for any salt, name and value (undefined as null)', () => {
    fc.assert(fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), fc.oneof(fc.jsonValue(), fc.constant(undefined)), (salt, name, value) => {
      const array = name === undefined ? [salt, value] : [salt, name, value]
      expect(encodeDisclosure(salt, name, value)).toBe(Buffer.from(JSON.stringify(array), 'utf8').toString('base64url'))
    }), { numRuns: 300 })
  })
})

describe('sdjwt issue batch', () => {
  it('issues one credential per entry, each with its own claims, salts and decoys, all verifying', async () => {
    const { cnf, ...shared } = basePayload(f)
    const each = [{ cnf, status: { status_list: { idx: 1, uri: 'https://issuer.example/s/1' } } }, { cnf, status: { status_list: { idx: 2, uri: 'https://issuer.example/s/1' } } }]
    const batch = await issueSdJwtBatch({ payload: { ...shared, ...user }, each, frame, signer: { alg: 'ES256', privateKey: f.issuer.privateKey, kid: f.issuer.kid } })
    expect(batch).toHaveLength(2)
    const decoded = batch.map((c) => decodeSdJwt(c))
    expect(decoded.map((d) => (d.payload.status as { status_list: { idx: number } }).status_list.idx)).toEqual([1, 2])
    const salts = decoded.flatMap((d) => d.disclosures.map((x) => x.salt))
    expect(new Set(salts).size).toBe(salts.length)
    expect(decoded[0]?.payload._sd).not.toEqual(decoded[1]?.payload._sd)
    for (const c of batch) {
      const v = await verifySdJwt(await presentSdJwt(c, 'all'), verifyOpts(f, noKb))
      expect(v.claims).toMatchObject({ given_name: 'Ada', address: { street: '1 Main St' } })
    }
  })

  it('signs with the header segment signJwsCompact would make (alg first, typ, kid, x5c), prepared once per batch', async () => {
    const { cnf, ...shared } = basePayload(f)
    const x5c = ['MIIBfake', 'MIIBroot']
    const batch = await issueSdJwtBatch({ payload: { ...shared, ...user }, each: [{ cnf }, { cnf }], frame, signer: { alg: 'ES256', privateKey: f.issuer.privateKey, kid: f.issuer.kid, x5c } })
    const reference = signJwsCompact({ typ: 'dc+sd-jwt', kid: f.issuer.kid, x5c }, { any: 1 }, f.issuer.privateKey, 'ES256').split('.')[0]
    for (const c of batch) expect(c.split('.')[0]).toBe(reference)
    expect(JSON.parse(Buffer.from(reference as string, 'base64url').toString('utf8'))).toEqual({ alg: 'ES256', typ: 'dc+sd-jwt', kid: f.issuer.kid, x5c })
  })

  it('discloses the value of each entry for a claim the entries share by name (a tail is reused only for the same value)', async () => {
    const { cnf, ...shared } = basePayload(f)
    const values = ['Ada', 'Bob', 'Ada', 7, true, null, 'Ada']
    const batch = await issueSdJwtBatch({ payload: { ...shared, ...user }, each: values.map((nickname) => ({ cnf, nickname })), frame: { ...frame, _sd: [...(frame._sd ?? []), 'nickname'] }, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } })
    const disclosed = batch.map((c) => decodeSdJwt(c).disclosures.find((d) => d.name === 'nickname'))
    expect(disclosed.map((d) => d?.value)).toEqual(values)
    // every disclosure's bytes are the JSON of [salt, name, value] (RFC 9901 §4.2.1), as encodeDisclosure makes them
    for (const d of batch.flatMap((c) => decodeSdJwt(c).disclosures)) {
      const array = d.name === undefined ? [d.salt, d.value] : [d.salt, d.name, d.value]
      expect(d.raw).toBe(Buffer.from(JSON.stringify(array)).toString('base64url'))
    }
  })

  it('refuses an entry that is not a JSON object (invalid_jwt_payload), as issueSdJwt refuses such a payload', async () => {
    await expect(issueSdJwtBatch({ payload: { ...basePayload(f), ...user }, each: [{}, [] as unknown as Record<string, unknown>], frame, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } }))
      .rejects.toMatchObject({ code: 'invalid_jwt_payload' })
    await expect(issueSdJwtBatch({ payload: { ...basePayload(f), ...user }, each: [{ n: 1n } as unknown as Record<string, unknown>], frame, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } }))
      .rejects.toMatchObject({ code: 'invalid_jwt_payload' })
  })

  it('refuses a reserved _sd claim in an entry (invalid_disclosure_frame), as issueSdJwt does', async () => {
    await expect(issueSdJwtBatch({ payload: { ...basePayload(f), ...user }, each: [{ extra: { _sd: ['x'] } }], frame, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } }))
      .rejects.toMatchObject({ code: 'invalid_disclosure_frame' })
  })
})
