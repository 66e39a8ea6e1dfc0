import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKey, signJwsCompact } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { encodeStatusList, parseStatusClaim, signStatusListToken, verifyStatusListToken } from '../../shared/status-list/index.ts'
import type { VerifyStatusListOptions } from '../../shared/status-list/index.ts'

const SUB = 'https://issuer.example/status-lists/1'
const NOW = 1_800_000_000
let es: SigningKey
let ed: SigningKey
const list = encodeStatusList([0, 1, 2, 0, 0, 0, 0, 1], 2)

beforeAll(async () => {
  es = await generateSigningKey('ES256')
  ed = await generateSigningKey('EdDSA')
})

const sign = (over: Partial<Parameters<typeof signStatusListToken>[0]> = {}, key = es) =>
  signStatusListToken({ sub: SUB, iat: NOW, exp: NOW + 3600, ttl: 300, list, signer: { alg: key.alg, privateKey: key.privateKey, kid: key.kid }, ...over })
const opts = (over: Partial<VerifyStatusListOptions> = {}, key = es): VerifyStatusListOptions => ({
  expectedSub: SUB,
  now: NOW + 10,
  resolveKey: async () => key.publicJwk,
  ...over,
})
/** Signs arbitrary header and payload with the ES256 key, bypassing signStatusListToken's checks. */
const raw = (header: Record<string, unknown>, payload: Record<string, unknown>) => signJwsCompact(header, payload, es.privateKey, 'ES256')
const basePayload = { sub: SUB, iat: NOW, exp: NOW + 3600, ttl: 300, status_list: list }
const check = async (jwt: string, c: string, o = opts()) =>
  expect(verifyStatusListToken(jwt, o)).rejects.toMatchObject({ code: 'status_list_invalid', details: { check: c } })

describe('Status List Token (§5.1)', () => {
  it('signs and verifies with ES256 and EdDSA', async () => {
    for (const key of [es, ed]) {
      const jwt = await sign({}, key)
      const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString())
      expect(header).toEqual({ typ: 'statuslist+jwt', kid: key.kid, alg: key.alg })
      const v = await verifyStatusListToken(jwt, opts({}, key))
      expect(v).toMatchObject({ iat: NOW, exp: NOW + 3600, ttl: 300, payload: { sub: SUB } })
      expect([0, 1, 2, 3].map((i) => v.list.get(i))).toEqual([0, 1, 2, 0])
    }
  })
  it('accepts typ with the application/ prefix and in any case (RFC 7515 §4.1.9)', async () => {
    await verifyStatusListToken(raw({ typ: 'application/StatusList+JWT' }, basePayload), opts())
  })
  it('refuses to sign bad input', async () => {
    await expect(sign({ exp: NOW })).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(sign({ ttl: 0 })).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(sign({ sub: 'not a uri' })).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(sign({ list: { bits: 3 as 2, lst: list.lst } })).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(sign({ signer: { alg: 'HS256' as 'ES256', privateKey: es.privateKey } })).rejects.toMatchObject({ code: 'alg_not_allowed' })
  })
})

describe('verifyStatusListToken rejects, one check each', () => {
  it('not a compact JWS (format)', async () => {
    await check('a.b', 'format')
    await check('a.b.c.d', 'format')
    await check('a+.b.c', 'format')
    await check(`${await sign()}x`.repeat(3), 'format', opts({ maxTokenChars: 100 }))
  })
  it('header not JSON or malformed (header)', async () => {
    const [, p, s] = (await sign()).split('.')
    await check(`${Buffer.from('nope').toString('base64url')}.${p}.${s}`, 'header')
    await check(`${Buffer.from('{"typ":"statuslist+jwt"}').toString('base64url')}.${p}.${s}`, 'header')
  })
  it('wrong or missing typ (typ)', async () => {
    await check(raw({ typ: 'JWT' }, basePayload), 'typ')
    await check(raw({}, basePayload), 'typ')
    await check(raw({ typ: 'dc+sd-jwt' }, basePayload), 'typ')
  })
  it('alg none, HS256 or not allowed by the caller (alg)', async () => {
    const [, p] = (await sign()).split('.')
    for (const alg of ['none', 'HS256', 'RS256']) {
      await check(`${Buffer.from(JSON.stringify({ alg, typ: 'statuslist+jwt' })).toString('base64url')}.${p}.AAAA`, 'alg')
    }
    await check(await sign(), 'alg', opts({ algorithms: ['EdDSA'] }))
  })
  it('critical header parameters (crit)', async () => check(raw({ typ: 'statuslist+jwt', crit: ['exp'], exp: 1 }, basePayload), 'crit'))
  it('no trusted key, a private JWK, or a key of the wrong type (key)', async () => {
    const jwt = await sign()
    await check(jwt, 'key', opts({ resolveKey: async () => Promise.reject(new Error('unknown kid')) }))
    await check(jwt, 'key', opts({ resolveKey: async () => ({ ...es.publicJwk, d: 'AAAA' }) }))
    await check(jwt, 'key', opts({ resolveKey: async () => ed.publicJwk }))
  })
  it('a wrong key or a changed payload (signature)', async () => {
    const jwt = await sign()
    const other = await generateSigningKey('ES256')
    await check(jwt, 'signature', opts({ resolveKey: async () => other.publicJwk }))
    const [h, , s] = jwt.split('.')
    const forged = Buffer.from(JSON.stringify({ ...basePayload, status_list: encodeStatusList([0, 0, 0, 0], 2) })).toString('base64url')
    await check(`${h}.${forged}.${s}`, 'signature')
  })
  it('missing or malformed claims (claims)', async () => {
    const { iat: _iat, ...noIat } = basePayload
    await check(raw({ typ: 'statuslist+jwt' }, noIat), 'claims')
    await check(raw({ typ: 'statuslist+jwt' }, { ...basePayload, ttl: -5 }), 'claims')
    await check(raw({ typ: 'statuslist+jwt' }, { ...basePayload, status_list: 'x' }), 'claims')
    await check(raw({ typ: 'statuslist+jwt' }, { ...basePayload, exp: '1' }), 'claims')
  })
  it('sub not the status claim uri (sub)', async () => {
    await check(await sign(), 'sub', opts({ expectedSub: 'https://issuer.example/status-lists/2' }))
    await check(await sign(), 'sub', opts({ expectedSub: `${SUB}/` }))
  })
  it('expired, or no exp when required (exp)', async () => {
    await check(await sign(), 'exp', opts({ now: NOW + 3600 + 60 }))
    await verifyStatusListToken(await sign(), opts({ now: NOW + 3600 + 59 }))
    const { exp: _exp, ...noExp } = basePayload
    await check(raw({ typ: 'statuslist+jwt' }, noExp), 'exp', opts({ requireExp: true }))
    await verifyStatusListToken(raw({ typ: 'statuslist+jwt' }, noExp), opts())
  })
  it('not yet valid (nbf)', async () => check(raw({ typ: 'statuslist+jwt' }, { ...basePayload, nbf: NOW + 1000 }), 'nbf'))
  it('iat in the future or older than the freshness policy (iat)', async () => {
    await check(await sign(), 'iat', opts({ now: NOW - 61 }))
    await check(await sign(), 'iat', opts({ now: NOW + 600, maxAgeSeconds: 300 }))
  })
  it('a list that does not decode (bits)', async () => {
    await check(raw({ typ: 'statuslist+jwt' }, { ...basePayload, status_list: { bits: 3, lst: list.lst } }), 'bits')
  })
})

describe('parseStatusClaim (§6.2)', () => {
  it('reads idx and uri and ignores other mechanisms', () => {
    expect(parseStatusClaim({ status_list: { idx: 7, uri: SUB }, other: {} })).toEqual({ idx: 7, uri: SUB })
  })
  it('rejects anything else with status_claim_invalid', () => {
    for (const bad of [
      undefined, null, 'x', [], {}, { status_list: null }, { status_list: { idx: -1, uri: SUB } }, { status_list: { idx: 1.5, uri: SUB } },
      { status_list: { idx: '1', uri: SUB } }, { status_list: { idx: 1 } }, { status_list: { idx: 1, uri: 'relative/path' } },
      { status_list: { idx: 1, uri: `${SUB} x` } }, { status_list: { idx: 1, uri: `https://a/${'x'.repeat(3000)}` } },
    ]) {
      expect(() => parseStatusClaim(bad), JSON.stringify(bad)?.slice(0, 60)).toThrow(expect.objectContaining({ code: 'status_claim_invalid' }))
    }
  })
})
