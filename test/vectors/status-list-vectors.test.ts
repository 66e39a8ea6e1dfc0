import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { decode } from 'cborg'
import {
  decodeStatusList,
  decodeStatusListCbor,
  encodeStatusList,
  isStatusBits,
  parseStatusClaim,
  signStatusListCwt,
  signStatusListToken,
  verifyStatusListCwt,
  verifyStatusListToken,
} from '../../shared/status-list/index.ts'
import type { StatusBits } from '../../shared/status-list/index.ts'

const dir = new URL('../../../shared/vectors/status-list/', import.meta.url)
const present = existsSync(dir)
if (!present) console.warn('../shared/vectors/status-list absent: status list vector tests skipped')
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vector JSON, shapes asserted by the tests
const load = (name: string): any => JSON.parse(readFileSync(new URL(name, dir), 'utf8'))

interface ListCase {
  id: string
  bits: StatusBits
  size_entries: number
  uncompressed_byte_length: number
  statuses_listed_in_draft: { idx: number; status: number }[]
  json_status_list: { bits: number; lst: string }
  uncompressed_sha256_hex: string
  uncompressed_byte_array_hex?: string
  cbor_status_list_hex: string
}
const listCases: ListCase[] = present ? load('status_lists.json').cases : []
let checked = 0

describe.skipIf(!present)('draft-ietf-oauth-status-list-20 vectors', () => {
  afterAll(() => console.log(`status-list vectors: ${checked} checked (${listCases.length} lists + tokens and claims)`))

  it('finds the cases', () => {
    expect(listCases.length).toBeGreaterThan(0)
    expect(listCases.every((c) => isStatusBits(c.bits))).toBe(true)
  })

  it.each(listCases)('decodes $id', (c) => {
    const list = decodeStatusList(c.json_status_list)
    expect(list.bits).toBe(c.bits)
    expect(list.size).toBe(c.size_entries)
    expect(list.bytes.length).toBe(c.uncompressed_byte_length)
    expect(createHash('sha256').update(list.bytes).digest('hex')).toBe(c.uncompressed_sha256_hex)
    if (c.uncompressed_byte_array_hex) expect(Buffer.from(list.bytes).toString('hex')).toBe(c.uncompressed_byte_array_hex)
    const listed = new Map(c.statuses_listed_in_draft.map((s) => [s.idx, s.status]))
    for (const [idx, status] of listed) expect(list.get(idx), `idx ${idx}`).toBe(status)
    // A sample of the other indexes (every 997th, plus the last) is VALID.
    for (let idx = 0; idx < list.size; idx += idx < 64 ? 1 : 997) if (!listed.has(idx)) expect(list.get(idx)).toBe(0)
    if (!listed.has(list.size - 1)) expect(list.get(list.size - 1)).toBe(0)
    expect(() => list.get(list.size)).toThrow(expect.objectContaining({ code: 'status_index_out_of_range' }))
    checked++
  })

  it.each(listCases)('decodes the CBOR form (§4.3) of $id to the same bytes', (c) => {
    const map = decode(Buffer.from(c.cbor_status_list_hex, 'hex'), { useMaps: true, strict: true }) as Map<string, unknown>
    const list = decodeStatusListCbor({ bits: map.get('bits'), lst: map.get('lst') })
    expect(list.bits).toBe(c.bits)
    expect(list.size).toBe(c.size_entries)
    expect(createHash('sha256').update(list.bytes).digest('hex')).toBe(c.uncompressed_sha256_hex)
    checked++
  })

  it('reads the example CWT Status List Token (§5.2) and, re-signed with our key, verifies it', async () => {
    const t = load('status_list_token_cwt.json')
    const cwt = Buffer.from(t.cwt_hex as string, 'hex')
    const sub = t.claims['2'] as string
    const iat = t.claims['6'] as number
    const key = await generateSigningKey('ES256')
    let header: unknown
    // Parsed as far as the signature: protected alg -7 and typ, kid "12" unprotected; the example key is not published.
    await expect(
      verifyStatusListCwt(cwt, { expectedSub: sub, now: iat, resolveKey: async (h) => ((header = h), key.publicJwk) }),
    ).rejects.toMatchObject({ code: 'status_list_invalid', details: { check: 'signature' } })
    expect(header).toEqual({ alg: 'ES256', typ: t.protected_header['16'], kid: Buffer.from(t.unprotected_header['4'].bstr_hex, 'hex').toString() })
    const lst = Buffer.from(t.claims['65533'].lst.bstr_hex as string, 'hex')
    const ours = await signStatusListCwt({
      sub, iat, exp: t.claims['4'], ttl: t.claims['65534'], list: { bits: t.claims['65533'].bits, lst },
      signer: { alg: 'ES256', privateKey: key.privateKey, kid: '12' },
    })
    const v = await verifyStatusListCwt(ours, { expectedSub: sub, now: iat + 10, resolveKey: async () => key.publicJwk })
    expect(v.ttl).toBe(t.claims['65534'])
    expect(v.exp).toBe(t.claims['4'])
    const nonzero = Object.fromEntries([...Array(v.list.size).keys()].filter((i) => v.list.get(i) !== 0).map((i) => [String(i), v.list.get(i)]))
    expect(nonzero).toEqual(t.decoded_status_list.nonzero_statuses)
    // Same structure as the example: tag 18, protected {1: -7, 16: typ, 4: kid}, the claims by the same keys.
    const outer = decode(ours, { useMaps: true, tags: { 18: (d) => d() } }) as [Uint8Array, Map<number, unknown>, Uint8Array, Uint8Array]
    const example = decode(cwt, { useMaps: true, tags: { 18: (d) => d() } }) as typeof outer
    expect([...(decode(outer[2], { useMaps: true }) as Map<number, unknown>).keys()].sort()).toEqual([...(decode(example[2], { useMaps: true }) as Map<number, unknown>).keys()].sort())
    checked++
  })

  it.each(listCases)('encode round trip of $id gives the same byte array', (c) => {
    const statuses = new Uint8Array(c.size_entries)
    for (const s of c.statuses_listed_in_draft) statuses[s.idx] = s.status
    const encoded = encodeStatusList(statuses, c.bits)
    expect(encoded.bits).toBe(c.bits)
    const ours = inflateSync(Buffer.from(encoded.lst, 'base64url'))
    const theirs = inflateSync(Buffer.from(c.json_status_list.lst, 'base64url'))
    expect(ours.equals(theirs)).toBe(true)
    expect(encoded.lst.length).toBeLessThanOrEqual(c.json_status_list.lst.length + 16)
    checked++
  })

  it('reads the example Status List Token and, re-signed with our key, verifies it', async () => {
    const t = load('status_list_token_jwt.json')
    const [h, p] = (t.compact_jwt as string).split('.') as [string, string]
    const header = JSON.parse(Buffer.from(h, 'base64url').toString())
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString())
    expect(header).toEqual(t.decoded_header)
    expect(payload).toEqual(t.decoded_payload)
    const key = await generateSigningKey('ES256')
    // The example's own signing key is not published: its signature must fail against ours.
    await expect(
      verifyStatusListToken(t.compact_jwt, { expectedSub: payload.sub, now: payload.iat, resolveKey: async () => key.publicJwk }),
    ).rejects.toMatchObject({ code: 'status_list_invalid', details: { check: 'signature' } })
    const jwt = await signStatusListToken({
      sub: payload.sub, iss: payload.iss, iat: payload.iat, exp: payload.exp, ttl: payload.ttl, list: payload.status_list,
      signer: { alg: 'ES256', privateKey: key.privateKey, kid: header.kid },
    })
    const v = await verifyStatusListToken(jwt, { expectedSub: payload.sub, now: payload.iat + 10, resolveKey: async () => key.publicJwk })
    expect(v.ttl).toBe(payload.ttl)
    const nonzero = Object.fromEntries([...Array(v.list.size).keys()].filter((i) => v.list.get(i) !== 0).map((i) => [String(i), v.list.get(i)]))
    expect(nonzero).toEqual(t.decoded_status_list.nonzero_statuses)
    checked++
  })

  it('resolves the Referenced Token examples to status INVALID', () => {
    const r = load('referenced_token_jwt.json')
    const t = load('status_list_token_jwt.json')
    const fromJwt = parseStatusClaim(r.jwt_referenced_token_decoded.payload.status)
    const fromSdJwt = parseStatusClaim(r.sd_jwt_referenced_token.issuer_jwt_payload.status)
    expect(fromJwt).toEqual({ idx: 0, uri: 'https://example.com/statuslists/1' })
    expect(fromSdJwt).toEqual(fromJwt)
    expect(t.decoded_payload.sub).toBe(fromJwt.uri)
    expect(decodeStatusList(t.decoded_payload.status_list).get(fromJwt.idx)).toBe(1)
    checked++
  })
})
