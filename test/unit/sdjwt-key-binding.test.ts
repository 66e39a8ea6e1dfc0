// One rejection test per Key Binding check (RFC 9901 §7.3): presence, cnf, typ, alg, signature, sd_hash, aud, nonce, iat window.
import { beforeAll, describe, expect, it } from 'vitest'
import { issueSdJwt, presentSdJwt, verifySdJwt } from '../../shared/sdjwt/index.ts'
import { AUD, NONCE, NOW, basePayload, craft, makeFixture, verifyOpts, withKb } from './sdjwt-fixtures.ts'
import type { Fixture } from './sdjwt-fixtures.ts'

let f: Fixture
let credential: string
beforeAll(async () => {
  f = await makeFixture()
  credential = await issueSdJwt({
    payload: { ...basePayload(f), given_name: 'Ada', family_name: 'Lovelace' },
    frame: { _sd: ['given_name', 'family_name'] },
    signer: { alg: 'ES256', privateKey: f.issuer.privateKey },
  })
})

const rejects = (token: string, code: string, extra = {}) => expect(verifySdJwt(token, verifyOpts(f, extra))).rejects.toMatchObject({ name: 'EidError', code })
const kb = (over: Partial<{ aud: string; nonce: string; iat: number }> = {}) => ({ privateKey: f.holder.privateKey, alg: 'ES256' as const, aud: AUD, nonce: NONCE, iat: NOW, ...over })

describe('sdjwt key binding', () => {
  it('accepts a presentation with a valid KB-JWT and returns its payload', async () => {
    const v = await verifySdJwt(await presentSdJwt(credential, [['given_name']], kb()), verifyOpts(f))
    expect(v.claims).toMatchObject({ given_name: 'Ada' })
    expect(v.claims).not.toHaveProperty('family_name')
    expect(v.keyBinding?.header).toEqual({ alg: 'ES256', typ: 'kb+jwt' })
    expect(v.keyBinding?.payload).toMatchObject({ aud: AUD, nonce: NONCE, iat: NOW })
  })
  it('accepts an EdDSA holder key', async () => {
    const ed = await (await import('../../shared/keys/index.ts')).generateSigningKey('EdDSA')
    const c = await issueSdJwt({ payload: { ...basePayload(f), cnf: { jwk: ed.publicJwk } }, frame: {}, signer: { alg: 'ES256', privateKey: f.issuer.privateKey } })
    const p = await presentSdJwt(c, 'all', { ...kb(), privateKey: ed.privateKey, alg: 'EdDSA' })
    await expect(verifySdJwt(p, verifyOpts(f))).resolves.toBeDefined()
  })
  it('kb_jwt_missing: KB-JWT required but absent', async () => rejects(await presentSdJwt(credential, [['given_name']]), 'kb_jwt_missing'))
  it('kb_jwt_unexpected: KB-JWT present but keyBinding false', async () => rejects(await presentSdJwt(credential, [], kb()), 'kb_jwt_unexpected', { keyBinding: false }))
  it('checks a KB-JWT when keyBinding is undefined (optional)', async () => {
    const p = await presentSdJwt(credential, [], kb())
    await expect(verifySdJwt(`${p.slice(0, -3)}AAA`, verifyOpts(f, { keyBinding: undefined }))).rejects.toMatchObject({ code: 'kb_invalid_signature' })
  })
  it('cnf_missing: KB-JWT but the credential has no cnf', () => {
    const { cnf: _cnf, ...p } = basePayload(f)
    return rejects(withKb(f, craft(f, p)), 'cnf_missing')
  })
  it('invalid_cnf: cnf has another confirmation method (jkt) only, with or without a KB-JWT', async () => {
    const p = { ...basePayload(f), cnf: { jkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' } }
    await rejects(craft(f, p), 'invalid_cnf', { keyBinding: undefined })
    return rejects(withKb(f, craft(f, p)), 'invalid_cnf')
  })
  it('invalid_cnf: cnf.jwk carries a private member', async () => {
    const priv = await (await import('../../shared/keys/index.ts')).exportSigningKey(f.holder)
    return rejects(withKb(f, craft(f, { ...basePayload(f), cnf: { jwk: priv } })), 'invalid_cnf')
  })
  it('invalid_cnf: cnf.jwk is an RSA key', () => rejects(withKb(f, craft(f, { ...basePayload(f), cnf: { jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } } })), 'invalid_cnf'))
  it('invalid_cnf: cnf.jwk has a malformed coordinate', () => rejects(withKb(f, craft(f, { ...basePayload(f), cnf: { jwk: { ...f.holder.publicJwk, x: 'short' } } })), 'invalid_cnf'))
  it('kb_invalid_header: KB-JWT is not a compact JWS', () => rejects(`${craft(f, basePayload(f))}not-a-jws`, 'kb_invalid_header'))
  it('kb_invalid_typ: typ JWT', () => rejects(withKb(f, craft(f, basePayload(f)), {}, { typ: 'JWT' }), 'kb_invalid_typ'))
  it('accepts the KB-JWT typ application/kb+jwt (media type comparison)', async () => {
    await expect(verifySdJwt(withKb(f, craft(f, basePayload(f)), {}, { typ: 'application/kb+jwt' }), verifyOpts(f))).resolves.toBeDefined()
  })
  it('kb_invalid_header: typ missing', () => rejects(withKb(f, craft(f, basePayload(f)), {}, {}), 'kb_invalid_header'))
  it('alg_not_allowed: KB-JWT with alg HS256', () => {
    const pres = craft(f, basePayload(f))
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
    return rejects(`${pres}${b64({ alg: 'HS256', typ: 'kb+jwt' })}.${b64({ iat: NOW, aud: AUD, nonce: NONCE, sd_hash: 'x' })}.${'A'.repeat(43)}`, 'alg_not_allowed')
  })
  it('key_alg_mismatch: KB-JWT alg EdDSA but cnf key is P-256', () => rejects(withKb(f, craft(f, basePayload(f)), {}, { typ: 'kb+jwt' }, f.edIssuer), 'key_alg_mismatch'))
  it('kb_invalid_signature: KB-JWT signed by another key', () => rejects(withKb(f, craft(f, basePayload(f)), {}, undefined, f.other), 'kb_invalid_signature'))
  it('kb_invalid_payload: nonce missing', () => rejects(withKb(f, craft(f, basePayload(f)), { nonce: undefined }), 'kb_invalid_payload'))
  it('sd_hash_mismatch: a disclosure removed after key binding', async () => {
    const p = await presentSdJwt(credential, 'all', kb())
    const parts = p.split('~')
    return rejects([parts[0], ...parts.slice(2)].join('~'), 'sd_hash_mismatch')
  })
  it('sd_hash_mismatch: sd_hash over something else', () => rejects(withKb(f, craft(f, basePayload(f)), { sd_hash: 'A'.repeat(43) }), 'sd_hash_mismatch'))
  it('kb_aud_mismatch: another verifier', async () => rejects(await presentSdJwt(credential, [], kb({ aud: 'https://evil.example' })), 'kb_aud_mismatch'))
  it('kb_aud_mismatch: aud an array containing the verifier', () => rejects(withKb(f, craft(f, basePayload(f)), { aud: [AUD] }), 'kb_aud_mismatch'))
  it('kb_aud_mismatch: aud with a trailing slash', async () => rejects(await presentSdJwt(credential, [], kb({ aud: `${AUD}/` })), 'kb_aud_mismatch'))
  it('kb_nonce_mismatch: another nonce', async () => rejects(await presentSdJwt(credential, [], kb({ nonce: 'other' })), 'kb_nonce_mismatch'))
  it('kb_iat_invalid: iat in the future', async () => rejects(await presentSdJwt(credential, [], kb({ iat: NOW + 120 })), 'kb_iat_invalid'))
  it('kb_iat_invalid: a year-old iat', async () => rejects(await presentSdJwt(credential, [], kb({ iat: NOW - 365 * 86400 })), 'kb_iat_invalid'))
  it('kb_iat_invalid: older than maxAgeSeconds', async () => rejects(await presentSdJwt(credential, [], kb({ iat: NOW - 100 })), 'kb_iat_invalid', { keyBinding: { aud: AUD, nonce: NONCE, maxAgeSeconds: 30 } }))
  it('accepts iat within maxAge + skew', async () => {
    await expect(verifySdJwt(await presentSdJwt(credential, [], kb({ iat: NOW - 290 })), verifyOpts(f))).resolves.toBeDefined()
  })
})
