// Strict verification from the specs' text: every time claim (KB-JWT too), NumericDates JSON carries exactly,
// fatal UTF-8 in every decoded part, `_sd_alg` only at the top level, `cnf` exactly a self-contained public JWK.
import { sign } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { signingKeyObject } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { sha256B64u, verifySdJwt } from '../../shared/sdjwt/index.ts'
import { AUD, NONCE, NOW, basePayload, craft, disclosure, makeFixture, verifyOpts, withKb } from './sdjwt-fixtures.ts'
import type { Fixture } from './sdjwt-fixtures.ts'

let f: Fixture
beforeAll(async () => {
  f = await makeFixture()
})

const noKb = { keyBinding: undefined }
const rejects = (token: string, code: string, extra: object = noKb) => expect(verifySdJwt(token, verifyOpts(f, extra))).rejects.toMatchObject({ name: 'EidError', code })
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url')

/** A compact JWS over raw header and payload octets, validly signed: the verifier sees exactly these bytes. */
function signRaw(header: Buffer | string, payload: Buffer | string, key: SigningKey): string {
  const input = `${b64(header)}.${b64(payload)}`
  const sig = sign('sha256', Buffer.from(input), { key: signingKeyObject(key.privateKey, 'ES256'), dsaEncoding: 'ieee-p1363' })
  return `${input}.${sig.toString('base64url')}`
}

/** The base payload as JSON text with `extra` spliced in as raw text (for numbers JSON.stringify can't write). */
function payloadText(extraRaw: string, drop: string[] = []): string {
  const p = { ...basePayload(f) }
  for (const k of drop) delete p[k]
  return `${JSON.stringify(p).slice(0, -1)},${extraRaw}}`
}

const HEADER = JSON.stringify({ alg: 'ES256', typ: 'dc+sd-jwt' })
const INVALID_UTF8 = Buffer.from([0x22, 0xc3, 0x28, 0x22]) // "\xC3(" : a truncated two-byte sequence inside a JSON string

describe('strict: time claims of the KB-JWT', () => {
  it('kb_expired: KB-JWT exp in the past', () => rejects(withKb(f, craft(f, basePayload(f)), { exp: NOW - 120 }), 'kb_expired', {}))
  it('kb_not_yet_valid: KB-JWT nbf in the future', () => rejects(withKb(f, craft(f, basePayload(f)), { nbf: NOW + 120 }), 'kb_not_yet_valid', {}))
  it('accepts a KB-JWT whose exp and nbf hold now', async () => {
    await expect(verifySdJwt(withKb(f, craft(f, basePayload(f)), { exp: NOW + 60, nbf: NOW - 60 }), verifyOpts(f))).resolves.toBeDefined()
  })
  it('kb_invalid_payload: KB-JWT exp not a NumericDate', () => rejects(withKb(f, craft(f, basePayload(f)), { exp: 'tomorrow' }), 'kb_invalid_payload', {}))
})

describe('strict: NumericDates are integers JSON carries exactly, up to year 9999', () => {
  it('invalid_jwt_payload: exp = 2^63', () => rejects(`${signRaw(HEADER, payloadText('"exp":9223372036854775808', ['exp']), f.issuer)}~`, 'invalid_jwt_payload'))
  it('invalid_jwt_payload: exp = 2^53+1 (would round to 2^53)', () => rejects(`${signRaw(HEADER, payloadText('"exp":9007199254740993', ['exp']), f.issuer)}~`, 'invalid_jwt_payload'))
  it('invalid_jwt_payload: exp after year 9999', () => rejects(craft(f, { ...basePayload(f), exp: 253_402_300_800 }), 'invalid_jwt_payload'))
  it('accepts exp at the last second of year 9999', async () => {
    await expect(verifySdJwt(craft(f, { ...basePayload(f), exp: 253_402_300_799 }), verifyOpts(f, noKb))).resolves.toBeDefined()
  })
  it('invalid_jwt_payload: fractional iat', () => rejects(craft(f, { ...basePayload(f), iat: NOW - 10.5 }), 'invalid_jwt_payload'))
  it('invalid_jwt_payload: negative nbf', () => rejects(craft(f, { ...basePayload(f), nbf: -1 }), 'invalid_jwt_payload'))
  it('kb_invalid_payload: KB-JWT iat = 2^53+1', () => {
    const presented = craft(f, basePayload(f))
    const kb = `{"iat":9007199254740993,"aud":${JSON.stringify(AUD)},"nonce":${JSON.stringify(NONCE)},"sd_hash":"${sha256B64u(presented)}"}`
    return rejects(presented + signRaw(JSON.stringify({ alg: 'ES256', typ: 'kb+jwt' }), kb, f.holder), 'kb_invalid_payload', {})
  })
})

describe('strict: text is valid UTF-8 in every decoded part', () => {
  const withBadString = (before: string) => Buffer.concat([Buffer.from(before), INVALID_UTF8, Buffer.from('}')])
  it('malformed_sd_jwt: issuer JWT payload with invalid UTF-8 (not replaced by U+FFFD)', () => {
    const text = JSON.stringify(basePayload(f)).slice(0, -1)
    return rejects(`${signRaw(HEADER, withBadString(`${text},"given_name":`), f.issuer)}~`, 'malformed_sd_jwt')
  })
  it('malformed_sd_jwt: issuer JWT header with invalid UTF-8', () => {
    return rejects(`${signRaw(withBadString('{"alg":"ES256","typ":"dc+sd-jwt","kid":'), JSON.stringify(basePayload(f)), f.issuer)}~`, 'malformed_sd_jwt')
  })
  it('malformed_sd_jwt: issuer JWT payload starting with a byte-order mark', () => {
    return rejects(`${signRaw(HEADER, `\uFEFF${JSON.stringify(basePayload(f))}`, f.issuer)}~`, 'malformed_sd_jwt')
  })
  it('invalid_disclosure: disclosure with invalid UTF-8', () => {
    const raw = b64(Buffer.concat([Buffer.from('["c2FsdHNhbHRzYWx0c2FsdA","given_name",'), INVALID_UTF8, Buffer.from(']')]))
    return rejects(craft(f, { ...basePayload(f), _sd: [sha256B64u(raw)] }, [raw]), 'invalid_disclosure')
  })
  it('kb_invalid_header: KB-JWT payload with invalid UTF-8', () => {
    const presented = craft(f, basePayload(f))
    const kb = withBadString(`{"iat":${NOW},"aud":${JSON.stringify(AUD)},"sd_hash":"${sha256B64u(presented)}","nonce":`)
    return rejects(presented + signRaw(JSON.stringify({ alg: 'ES256', typ: 'kb+jwt' }), kb, f.holder), 'kb_invalid_header', {})
  })
})

describe('strict: _sd_alg only at the top level', () => {
  it('invalid_sd_claim: _sd_alg inside a nested object', () => rejects(craft(f, { ...basePayload(f), address: { _sd_alg: 'sha-256', locality: 'x' } }), 'invalid_sd_claim'))
  it('invalid_sd_claim: _sd_alg inside a disclosed object', () => {
    const d = disclosure('address', { _sd_alg: 'sha-256', locality: 'x' })
    return rejects(craft(f, { ...basePayload(f), _sd: [d.digest] }, [d.d]), 'invalid_sd_claim')
  })
  it('invalid_sd_claim: _sd_alg inside an array element', () => rejects(craft(f, { ...basePayload(f), list: [{ _sd_alg: 'sha-256' }] }), 'invalid_sd_claim'))
})

describe('strict: cnf holds exactly a self-contained public JWK', () => {
  const cnf = (over: Record<string, unknown>) => craft(f, { ...basePayload(f), cnf: { jwk: { ...f.holder.publicJwk, ...over } } })
  it('invalid_cnf: cnf.jwk carries x5u', () => rejects(cnf({ x5u: 'https://attacker.example/cert.pem' }), 'invalid_cnf'))
  it('invalid_cnf: cnf.jwk carries jku', () => rejects(cnf({ jku: 'https://attacker.example/jwks' }), 'invalid_cnf'))
  it('invalid_cnf: cnf.jwk carries x5c', () => rejects(cnf({ x5c: ['MIIB'] }), 'invalid_cnf'))
  it('invalid_cnf: cnf.jwk carries a private member', () => rejects(cnf({ d: 'A'.repeat(43) }), 'invalid_cnf'))
  it('invalid_cnf: cnf holds another member beside jwk', () => rejects(craft(f, { ...basePayload(f), cnf: { jwk: f.holder.publicJwk, kid: 'k1' } }), 'invalid_cnf'))
  it('invalid_cnf: checked without a KB-JWT too', () => rejects(cnf({ x5u: 'https://attacker.example/cert.pem' }), 'invalid_cnf', { keyBinding: false }))
})
