// One rejection test per verification check of the issuer JWT, the SD-JWT structure and the disclosures (RFC 9901 §7.1, SD-JWT VC §3.2).
import { beforeAll, describe, expect, it } from 'vitest'
import { signJwsCompact } from '../../shared/keys/index.ts'
import { issueSdJwt, sdJwtFromJsonSerialization, verifySdJwt } from '../../shared/sdjwt/index.ts'
import { NOW, VCT, basePayload, craft, disclosure, makeFixture, verifyOpts } from './sdjwt-fixtures.ts'
import type { Fixture } from './sdjwt-fixtures.ts'

let f: Fixture
const noKb = { keyBinding: undefined }
beforeAll(async () => {
  f = await makeFixture()
})

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
const rejects = (token: string, code: string, extra = {}) => expect(verifySdJwt(token, verifyOpts(f, { ...noKb, ...extra }))).rejects.toMatchObject({ name: 'EidError', code })

describe('sdjwt verify: structure and bounded work', () => {
  it('accepts a valid credential without key binding', async () => {
    const g = disclosure('given_name', 'Ada')
    const v = await verifySdJwt(craft(f, { ...basePayload(f), _sd: [g.digest], _sd_alg: 'sha-256' }, [g.d]), verifyOpts(f, noKb))
    expect(v.claims.given_name).toBe('Ada')
    expect(v.claims).not.toHaveProperty('_sd')
    expect(v.claims).not.toHaveProperty('_sd_alg')
  })
  it('malformed_sd_jwt: no ~ separator', () => rejects(craft(f, basePayload(f)).slice(0, -1), 'malformed_sd_jwt'))
  it('malformed_sd_jwt: empty disclosure', () => rejects(`${craft(f, basePayload(f))}~`, 'malformed_sd_jwt'))
  it('malformed_sd_jwt: issuer JWT with two segments', () => rejects(`${b64({ alg: 'ES256' })}.${b64({})}~`, 'malformed_sd_jwt'))
  it('malformed_sd_jwt: non-string token', () => expect(verifySdJwt(42 as unknown as string, verifyOpts(f))).rejects.toMatchObject({ code: 'malformed_sd_jwt' }))
  it('malformed_sd_jwt: JSON serialization without payload or signature', () => {
    expect(() => sdJwtFromJsonSerialization({ protected: 'e30', signature: 'AA' })).toThrowError(expect.objectContaining({ code: 'malformed_sd_jwt' }))
    expect(() => sdJwtFromJsonSerialization({ payload: 'e30', signatures: [] })).toThrowError(expect.objectContaining({ code: 'malformed_sd_jwt' }))
    expect(() => sdJwtFromJsonSerialization('x')).toThrowError(expect.objectContaining({ code: 'malformed_sd_jwt' }))
  })
  it('sd_jwt_too_large: token over maxTokenBytes', () => rejects(craft(f, basePayload(f)), 'sd_jwt_too_large', { limits: { maxTokenBytes: 100 } }))
  it('sd_jwt_part_too_large: one part over maxPartBytes', () => {
    const big = disclosure('x', 'y'.repeat(2000))
    return rejects(craft(f, { ...basePayload(f), _sd: [big.digest] }, [big.d]), 'sd_jwt_part_too_large', { limits: { maxPartBytes: 1500 } })
  })
  it('too_many_disclosures: more than maxDisclosures', () => {
    const a = disclosure('a', 1)
    const b = disclosure('b', 2)
    return rejects(craft(f, { ...basePayload(f), _sd: [a.digest, b.digest] }, [a.d, b.d]), 'too_many_disclosures', { limits: { maxDisclosures: 1 } })
  })
  it('sd_jwt_nesting_too_deep: payload deeper than maxDepth', () => rejects(craft(f, { ...basePayload(f), a: { b: { c: { d: [1] } } } }), 'sd_jwt_nesting_too_deep', { limits: { maxDepth: 3 } }))
  it('sd_jwt_nesting_too_deep: deep nesting inside a disclosure', () => {
    let v: unknown = 1
    for (let i = 0; i < 40; i++) v = [v]
    const d = disclosure('deep', v)
    return rejects(craft(f, { ...basePayload(f), _sd: [d.digest] }, [d.d]), 'sd_jwt_nesting_too_deep')
  })
})

describe('sdjwt verify: issuer JWT', () => {
  it('invalid_jwt_header: crit present', () => rejects(craft(f, basePayload(f), [], { typ: 'dc+sd-jwt', crit: ['exp'] }), 'invalid_jwt_header'))
  it('invalid_jwt_header: header is not an object', () => rejects(`${b64(['ES256'])}.${b64(basePayload(f))}.${'A'.repeat(86)}~`, 'invalid_jwt_header'))
  it('alg_not_allowed: none', () => rejects(`${b64({ alg: 'none', typ: 'dc+sd-jwt' })}.${b64(basePayload(f))}.~`, 'alg_not_allowed'))
  it('alg_not_allowed: HS256', () => rejects(`${b64({ alg: 'HS256', typ: 'dc+sd-jwt' })}.${b64(basePayload(f))}.${'A'.repeat(43)}~`, 'alg_not_allowed'))
  it('alg_not_allowed: RS256', () => rejects(`${b64({ alg: 'RS256', typ: 'dc+sd-jwt' })}.${b64(basePayload(f))}.${'A'.repeat(342)}~`, 'alg_not_allowed'))
  it('alg_not_allowed: ES256 when the caller allows only EdDSA', () => rejects(craft(f, basePayload(f)), 'alg_not_allowed', { algorithms: ['EdDSA'] }))
  it('invalid_typ: typ JWT', () => rejects(craft(f, basePayload(f), [], { typ: 'JWT' }), 'invalid_typ'))
  it('invalid_typ: typ missing', () => rejects(craft(f, basePayload(f), [], {}), 'invalid_typ'))
  it('accepts the legacy typ vc+sd-jwt on input', async () => {
    await expect(verifySdJwt(craft(f, basePayload(f), [], { typ: 'vc+sd-jwt' }), verifyOpts(f, noKb))).resolves.toBeDefined()
  })
  it('compares typ as a media type: application/dc+sd-jwt and DC+SD-JWT are accepted, application/jwt is not', async () => {
    for (const typ of ['application/dc+sd-jwt', 'DC+SD-JWT', 'Application/VC+SD-JWT']) {
      await expect(verifySdJwt(craft(f, basePayload(f), [], { typ }), verifyOpts(f, noKb))).resolves.toBeDefined()
    }
    await rejects(craft(f, basePayload(f), [], { typ: 'application/jwt' }), 'invalid_typ')
    await rejects(craft(f, basePayload(f), [], { typ: 'application/example+dc+sd-jwt' }), 'invalid_typ')
  })
  it('plain profile: typ is compared with the caller\'s acceptTyp as media types, the list read at each call', async () => {
    const plain = (acceptTyp: string[]) => ({ profile: 'sd-jwt' as const, acceptTyp })
    const accept = ['Application/Example+SD-JWT']
    const token = craft(f, basePayload(f), [], { typ: 'example+sd-jwt' })
    await expect(verifySdJwt(token, verifyOpts(f, { ...noKb, ...plain(accept) }))).resolves.toBeDefined()
    accept[0] = 'other+sd-jwt' // a caller's list is not frozen: what it holds now decides
    await expect(verifySdJwt(token, verifyOpts(f, { ...noKb, ...plain(accept) }))).rejects
      .toMatchObject({ code: 'invalid_typ', message: 'issuer JWT typ must be one of other+sd-jwt' })
  })
  it('invalid_signature: signed by another key', () => rejects(craft(f, basePayload(f), [], undefined, f.other), 'invalid_signature'))
  it('invalid_signature: payload changed after signing', () => {
    const t = craft(f, basePayload(f))
    const [h, , s] = t.slice(0, -1).split('.')
    return rejects(`${h}.${b64({ ...basePayload(f), extra: 1 })}.${s}~`, 'invalid_signature')
  })
  it('invalid_signature: non-canonical base64url signature', () => {
    const t = craft(f, basePayload(f)).slice(0, -1)
    const last = t.at(-1) as string
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const i = alphabet.indexOf(last)
    const twin = alphabet[(i & ~0xf) | ((i + 1) & 0xf)] as string // same first 2 bits, other stray bits
    return rejects(`${t.slice(0, -1)}${twin}~`, 'invalid_signature')
  })
  it('key_alg_mismatch: issuer key type does not fit alg', () => rejects(craft(f, basePayload(f)), 'key_alg_mismatch', { resolveIssuerKey: async () => f.edIssuer.publicJwk }))
  it('invalid_jwt_payload: iat is not a number', () => rejects(craft(f, { ...basePayload(f), iat: 'yesterday' }), 'invalid_jwt_payload'))
  it('invalid_jwt_payload: payload is an array', () => {
    const jwt = signJwsCompact({ typ: 'dc+sd-jwt' }, [] as unknown as Record<string, unknown>, f.issuer.privateKey, 'ES256')
    return rejects(`${jwt}~`, 'invalid_jwt_payload')
  })
  it('unsupported_sd_alg: _sd_alg sha-512', () => rejects(craft(f, { ...basePayload(f), _sd_alg: 'sha-512' }), 'unsupported_sd_alg'))
  it('credential_expired: exp passed beyond the skew', () => rejects(craft(f, { ...basePayload(f), exp: NOW - 61 }), 'credential_expired'))
  it('accepts exp within the skew', async () => {
    await expect(verifySdJwt(craft(f, { ...basePayload(f), exp: NOW - 30 }), verifyOpts(f, noKb))).resolves.toBeDefined()
  })
  it('credential_not_yet_valid: nbf ahead beyond the skew', () => rejects(craft(f, { ...basePayload(f), nbf: NOW + 61 }), 'credential_not_yet_valid'))
  it('credential_iat_invalid: iat in the future beyond the skew', () => rejects(craft(f, { ...basePayload(f), iat: NOW + 120 }), 'credential_iat_invalid', { skewSeconds: 10 }))
  it('vct_missing: no vct', () => {
    const { vct: _vct, ...p } = basePayload(f)
    return rejects(craft(f, p), 'vct_missing')
  })
  it('vct_mismatch: vct differs from expectedVct', () => rejects(craft(f, basePayload(f)), 'vct_mismatch', { expectedVct: `${VCT}:other` }))
})

describe('sdjwt verify: disclosures (RFC 9901 §7.1 step 3)', () => {
  it('invalid_disclosure: not JSON', () => rejects(craft(f, basePayload(f), [Buffer.from('not json').toString('base64url')]), 'invalid_disclosure'))
  it('invalid_disclosure: four elements', () => rejects(craft(f, basePayload(f), [b64(['s', 'a', 1, 2])]), 'invalid_disclosure'))
  it('invalid_disclosure: salt not a string', () => rejects(craft(f, basePayload(f), [b64([1, 'a', 1])]), 'invalid_disclosure'))
  it('invalid_disclosure: not base64url', () => rejects(craft(f, basePayload(f), ['ab+/']), 'invalid_disclosure'))
  it('invalid_claim_name: disclosure named _sd', () => {
    const d = disclosure('_sd', ['x'])
    return rejects(craft(f, { ...basePayload(f), _sd: [d.digest] }, [d.d]), 'invalid_claim_name')
  })
  it('invalid_claim_name: disclosure named ...', () => {
    const d = disclosure('...', 'x')
    return rejects(craft(f, { ...basePayload(f), _sd: [d.digest] }, [d.d]), 'invalid_claim_name')
  })
  it('invalid_sd_claim: _sd is not an array', () => rejects(craft(f, { ...basePayload(f), _sd: 'abc' }), 'invalid_sd_claim'))
  it('invalid_sd_claim: digest is not a string', () => rejects(craft(f, { ...basePayload(f), _sd: [1] }), 'invalid_sd_claim'))
  it('invalid_sd_claim: array digest object with another key', () => rejects(craft(f, { ...basePayload(f), arr: [{ '...': 'x', y: 1 }] }), 'invalid_sd_claim'))
  it('duplicate_disclosure: the same disclosure twice', () => {
    const d = disclosure('a', 1)
    return rejects(craft(f, { ...basePayload(f), _sd: [d.digest] }, [d.d, d.d]), 'duplicate_disclosure')
  })
  it('duplicate_digest: the same digest twice in _sd', () => {
    const d = disclosure('a', 1)
    return rejects(craft(f, { ...basePayload(f), _sd: [d.digest, d.digest] }, [d.d]), 'duplicate_digest')
  })
  it('duplicate_digest: a digest in _sd and in a disclosed value', () => {
    const inner = disclosure('b', 2)
    const outer = disclosure('a', { _sd: [inner.digest] })
    return rejects(craft(f, { ...basePayload(f), _sd: [outer.digest, inner.digest] }, [outer.d, inner.d]), 'duplicate_digest')
  })
  it('duplicate_digest: an undisclosed (decoy) digest repeated', () => rejects(craft(f, { ...basePayload(f), _sd: ['decoy'], arr: [{ '...': 'decoy' }] }), 'duplicate_digest'))
  it('disclosure_not_referenced: a disclosure no digest points to', () => {
    const d = disclosure('a', 1)
    return rejects(craft(f, basePayload(f), [d.d]), 'disclosure_not_referenced')
  })
  it('claim_name_conflict: disclosure overwrites a plain claim', () => {
    const d = disclosure('given_name', 'Eve')
    return rejects(craft(f, { ...basePayload(f), given_name: 'Ada', _sd: [d.digest] }, [d.d]), 'claim_name_conflict')
  })
  it('claim_name_conflict: two disclosures with the same name', () => {
    const a = disclosure('n', 1, 'c2FsdDE')
    const b = disclosure('n', 2, 'c2FsdDI')
    return rejects(craft(f, { ...basePayload(f), _sd: [a.digest, b.digest] }, [a.d, b.d]), 'claim_name_conflict')
  })
  it('disclosure_kind_mismatch: array-element disclosure referenced from an object', () => {
    const d = disclosure(undefined, 'FR')
    return rejects(craft(f, { ...basePayload(f), _sd: [d.digest] }, [d.d]), 'disclosure_kind_mismatch')
  })
  it('disclosure_kind_mismatch: object-property disclosure referenced from an array', () => {
    const d = disclosure('country', 'FR')
    return rejects(craft(f, { ...basePayload(f), nationalities: [{ '...': d.digest }] }, [d.d]), 'disclosure_kind_mismatch')
  })
  for (const claim of ['iss', 'nbf', 'iat', 'exp', 'cnf', 'vct', 'vct#integrity', 'status']) {
    it(`validity_claim_disclosable: ${claim} selectively disclosed`, () => {
      const p = basePayload(f)
      const value = p[claim] ?? (claim === 'status' ? { status_list: { idx: 1, uri: 'https://issuer.example/s' } } : claim === 'nbf' ? NOW - 5 : 'sha256-x')
      delete p[claim]
      const d = disclosure(claim, value)
      const extra = claim === 'vct' || claim === 'cnf' ? { profile: 'sd-jwt' as const, keyBinding: undefined } : {}
      return rejects(craft(f, { ...p, _sd: [d.digest] }, [d.d]), 'validity_claim_disclosable', extra)
    })
  }
  it('validity_claim_disclosable: issuance refuses a frame making exp disclosable', async () => {
    await expect(issueSdJwt({ payload: { ...basePayload(f), vct: VCT }, frame: { _sd: ['exp'] }, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } })).rejects.toMatchObject({ code: 'validity_claim_disclosable' })
  })
  it('allows a nested claim named like a validity claim (e.g. address.status)', async () => {
    const d = disclosure('status', 'x')
    const v = await verifySdJwt(craft(f, { ...basePayload(f), address: { _sd: [d.digest] } }, [d.d]), verifyOpts(f, noKb))
    expect(v.claims.address).toEqual({ status: 'x' })
  })
  it('keeps a claim named __proto__ as an own property', async () => {
    const d = disclosure('__proto__', { polluted: true })
    const v = await verifySdJwt(craft(f, { ...basePayload(f), _sd: [d.digest] }, [d.d]), verifyOpts(f, noKb))
    expect(Object.hasOwn(v.claims, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
