// JWP compact serialization, headers and JPT claims mapping: round trips and one rejection per check.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { EidError } from '../../shared/errors/index.ts'
import {
  encodeBase64url,
  decodeBase64url,
  headerOctets,
  jptClaimsFromPayloads,
  jptPayloadsFromClaims,
  parseIssuedJwp,
  parsePresentedJwp,
  serializeIssuedJwp,
  serializePresentedJwp,
} from '../../shared/jwp/index.ts'

const enc = new TextEncoder()
const b64 = (s: string) => encodeBase64url(enc.encode(s))
const ih = headerOctets({ alg: 'BBS', kid: 'k1', claims: ['a', 'b', 'c'] })
const ph = headerOctets({ alg: 'BBS', aud: 'https://rp.example', nonce: 'n-1', iat: 1_700_000_000 })
const payloads = [enc.encode('"x"'), new Uint8Array(0), enc.encode('42')]
const proof = [new Uint8Array([1, 2, 3]), new Uint8Array(0)]

const issued = serializeIssuedJwp({ issuerHeaderBytes: ih, payloads, proof })
const presented = serializePresentedJwp({ presentationHeaderBytes: ph, issuerHeaderBytes: ih, payloads: [payloads[0]!, null, null], proof })

function code(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof EidError) return e.code
    throw e
  }
  return undefined
}

describe('JWP compact serialization (draft-ietf-jose-json-web-proof-13 §7.1)', () => {
  it('encodes an issued JWP as header.payloads.proof with `_` for zero-length values', () => {
    const [h, p, pr] = issued.split('.')
    expect(h).toBe(encodeBase64url(ih))
    expect(p).toBe(`${b64('"x"')}~_~${b64('42')}`)
    expect(pr).toBe('AQID~_')
  })

  it('round-trips the issued form', () => {
    const jwp = parseIssuedJwp(issued)
    expect(jwp.form).toBe('issued')
    expect(jwp.issuerHeader).toMatchObject({ alg: 'BBS', kid: 'k1' })
    expect(jwp.payloads.map((x) => [...x])).toEqual(payloads.map((x) => [...x]))
    expect(jwp.proof.map((x) => [...x])).toEqual([[1, 2, 3], []])
    expect(serializeIssuedJwp(jwp)).toBe(issued)
  })

  it('encodes omitted slots as empty strings, presentation header first', () => {
    const parts = presented.split('.')
    expect(parts).toHaveLength(4)
    expect(parts[0]).toBe(encodeBase64url(ph))
    expect(parts[2]).toBe(`${b64('"x"')}~~`)
    const jwp = parsePresentedJwp(presented)
    expect(jwp.payloads[1]).toBeNull()
    expect(jwp.payloads[2]).toBeNull()
    expect(jwp.presentationHeader).toMatchObject({ aud: 'https://rp.example', nonce: 'n-1' })
    expect(serializePresentedJwp(jwp)).toBe(presented)
  })

  it('round-trips arbitrary payloads and omissions (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 4 }),
        (slots, pr) => {
          const text = serializePresentedJwp({ presentationHeaderBytes: ph, issuerHeaderBytes: ih, payloads: slots, proof: pr })
          const back = parsePresentedJwp(text)
          expect(back.payloads.map((x) => (x ? [...x] : null))).toEqual(slots.map((x) => (x ? [...x] : null)))
          expect(back.proof.map((x) => [...x])).toEqual(pr.map((x) => [...x]))
        },
      ),
      { numRuns: 50 },
    )
  })

  it('any string input gives a value or an EidError (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        for (const parse of [parseIssuedJwp, parsePresentedJwp]) {
          try {
            parse(s)
          } catch (e) {
            expect(e).toBeInstanceOf(EidError)
          }
        }
      }),
      { numRuns: 200 },
    )
  })

  it('rejects a non-string', () => expect(code(() => parseIssuedJwp(42))).toBe('jwp_malformed'))
  it('rejects the wrong number of parts', () => expect(code(() => parseIssuedJwp('a.b'))).toBe('jwp_malformed'))
  it('rejects a presented JWP where an issued one is expected', () => expect(code(() => parseIssuedJwp(presented))).toBe('jwp_wrong_form'))
  it('rejects an issued JWP where a presented one is expected', () => expect(code(() => parsePresentedJwp(issued))).toBe('jwp_wrong_form'))
  it('rejects an omitted payload in the issued form', () => {
    const [h, , pr] = issued.split('.')
    expect(code(() => parseIssuedJwp(`${h}.${b64('1')}~~${b64('2')}.${pr}`))).toBe('jwp_malformed')
  })
  it('rejects an empty proof component', () => {
    const [h, p] = issued.split('.')
    expect(code(() => parseIssuedJwp(`${h}.${p}.AQID~`))).toBe('jwp_malformed')
  })
  it('rejects padding, foreign characters and non-canonical base64url', () => {
    expect(code(() => decodeBase64url('AQI=', 'x'))).toBe('jwp_malformed')
    expect(code(() => decodeBase64url('AQ+I', 'x'))).toBe('jwp_malformed')
    expect(code(() => decodeBase64url('AR', 'x'))).toBe('jwp_malformed') // 0x01 with non-zero trailing bits
    expect(code(() => decodeBase64url('A', 'x'))).toBe('jwp_malformed')
  })
  it('rejects an oversized JWP before decoding', () => {
    expect(code(() => parseIssuedJwp(issued, { limits: { maxCompactLength: 20 } }))).toBe('jwp_too_large')
  })
  it('rejects too many payload slots', () => {
    expect(code(() => parseIssuedJwp(issued, { limits: { maxPayloads: 2 } }))).toBe('jwp_too_large')
  })
  it('rejects too many proof components', () => {
    expect(code(() => parseIssuedJwp(issued, { limits: { maxProofParts: 1 } }))).toBe('jwp_too_large')
  })
  it('rejects an oversized payload', () => {
    expect(code(() => parseIssuedJwp(issued, { limits: { maxPayloadBytes: 1 } }))).toBe('jwp_too_large')
  })
})

describe('JWP headers (JWP-13 §4)', () => {
  const withHeader = (h: string) => `${encodeBase64url(enc.encode(h))}.${b64('1')}.AQID`
  it('rejects a header without alg', () => expect(code(() => parseIssuedJwp(withHeader('{"kid":"x"}')))).toBe('jwp_header_invalid'))
  it('rejects a header that is not an object', () => expect(code(() => parseIssuedJwp(withHeader('["BBS"]')))).toBe('jwp_header_invalid'))
  it('rejects duplicate member names', () => expect(code(() => parseIssuedJwp(withHeader('{"alg":"BBS","alg":"X"}')))).toBe('jwp_header_invalid'))
  it('rejects duplicate member names in nested objects', () =>
    expect(code(() => parseIssuedJwp(withHeader('{"alg":"BBS","x":{"a":1,"b":[{"c":1,"c":2}]}}')))).toBe('jwp_header_invalid'))
  it('accepts equal names in sibling objects', () =>
    expect(parseIssuedJwp(withHeader('{"alg":"BBS","x":{"a":1},"y":{"a":2}}')).issuerHeader.alg).toBe('BBS'))
  it('rejects invalid UTF-8', () => {
    const bad = new Uint8Array([...enc.encode('{"alg":"'), 0xc3, 0x28, ...enc.encode('"}')])
    expect(code(() => parseIssuedJwp(`${encodeBase64url(bad)}.${b64('1')}.AQID`))).toBe('jwp_header_invalid')
  })
  it('rejects a crit parameter that is not understood', () =>
    expect(code(() => parseIssuedJwp(withHeader('{"alg":"BBS","ext":1,"crit":["ext"]}')))).toBe('jwp_crit_unsupported'))
  it('accepts a crit parameter the caller understands', () =>
    expect(parseIssuedJwp(withHeader('{"alg":"BBS","ext":1,"crit":["ext"]}'), { understoodCrit: new Set(['ext']) }).issuerHeader.alg).toBe('BBS'))
  it('rejects crit naming a registered or absent parameter', () => {
    expect(code(() => parseIssuedJwp(withHeader('{"alg":"BBS","crit":["alg"]}')))).toBe('jwp_header_invalid')
    expect(code(() => parseIssuedJwp(withHeader('{"alg":"BBS","crit":["nothere"]}')))).toBe('jwp_header_invalid')
  })
  it('rejects duplicate claim names', () => expect(code(() => parseIssuedJwp(withHeader('{"alg":"BBS","claims":["a","a"]}')))).toBe('jwp_header_invalid'))
  it('rejects a presentation header with neither nonce nor aud', () => {
    const bad = headerOctets({ alg: 'BBS', iat: 1 })
    const [, h, p, pr] = presented.split('.')
    expect(code(() => parsePresentedJwp(`${encodeBase64url(bad)}.${h}.${p}.${pr}`))).toBe('jwp_header_invalid')
  })
  it('rejects a presentation header with a non-integer iat', () => {
    const bad = headerOctets({ alg: 'BBS', nonce: 'x', iat: 1.5 })
    const [, h, p, pr] = presented.split('.')
    expect(code(() => parsePresentedJwp(`${encodeBase64url(bad)}.${h}.${p}.${pr}`))).toBe('jwp_header_invalid')
  })
})

describe('JPT claims mapping (draft-ietf-jose-json-proof-token §4)', () => {
  const names = ['given_name', 'age_over_18', 'address']
  const claims = { given_name: 'Li', age_over_18: true, address: { city: 'X' } }
  it('maps each claim to one JSON payload and back, leaving out omitted slots', () => {
    const p = jptPayloadsFromClaims(names, claims)
    expect(new TextDecoder().decode(p[1])).toBe('true')
    expect(jptClaimsFromPayloads(names, [p[0]!, null, p[2]!])).toEqual({ given_name: 'Li', address: { city: 'X' } })
  })
  it('rejects a missing claim value', () => expect(code(() => jptPayloadsFromClaims(names, { given_name: 'Li' }))).toBe('jpt_claims_invalid'))
  it('rejects a reserved claim name', () => expect(code(() => jptPayloadsFromClaims(['__proto__'], {}))).toBe('jpt_claims_invalid'))
  it('rejects a slot count that differs from the claims list', () =>
    expect(code(() => jptClaimsFromPayloads(names, [null]))).toBe('jwp_payload_count_mismatch'))
  it('rejects a payload that is not JSON', () =>
    expect(code(() => jptClaimsFromPayloads(['a'], [enc.encode('{')]))).toBe('jpt_claims_invalid'))
})
