import fc from 'fast-check'
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeStatusList, encodeStatusList, packStatuses, unpackStatuses } from '../../shared/status-list/index.ts'
import type { StatusBits } from '../../shared/status-list/index.ts'

const rejects = (list: { bits: unknown; lst: unknown }, check: string, limits = {}) =>
  expect(() => decodeStatusList(list, limits)).toThrow(expect.objectContaining({ code: 'status_list_invalid', details: { check } }))

describe('status list byte array (§4.1)', () => {
  it('packs the 1-bit example of the draft into b9 a3', () => {
    const statuses = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]
    expect(Buffer.from(packStatuses(statuses, 1)).toString('hex')).toBe('b9a3')
  })
  it('packs the 2-bit example of the draft into c9 44 f9', () => {
    const statuses = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]
    expect(Buffer.from(packStatuses(statuses, 2)).toString('hex')).toBe('c944f9')
  })
  it('pads to whole bytes with VALID entries', () => {
    expect(Buffer.from(packStatuses([1, 1, 1], 2)).toString('hex')).toBe('15')
    expect(decodeStatusList(encodeStatusList([1, 1, 1], 2)).size).toBe(4)
  })
  it('rejects statuses that do not fit in bits', () => {
    expect(() => packStatuses([4], 2)).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    expect(() => packStatuses([1.5], 2)).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    expect(() => packStatuses([0], 3 as StatusBits)).toThrow(expect.objectContaining({ code: 'invalid_request' }))
  })
  it('round-trips any statuses at any width', () => {
    const bitsArb = fc.constantFrom<StatusBits>(1, 2, 4, 8)
    fc.assert(
      fc.property(
        bitsArb.chain((bits) => fc.tuple(fc.constant(bits), fc.array(fc.integer({ min: 0, max: (1 << bits) - 1 }), { minLength: 1, maxLength: 300 }))),
        ([bits, statuses]) => {
          const list = decodeStatusList(encodeStatusList(statuses, bits))
          statuses.forEach((s, i) => expect(list.get(i)).toBe(s))
          expect(Array.from(unpackStatuses(list.bytes, bits)).slice(0, statuses.length)).toEqual(statuses)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('decodeStatusList rejects (bounded work)', () => {
  const ok = encodeStatusList([1, 0, 2], 2)
  it('bits not 1/2/4/8 (bits)', () => {
    for (const bits of [0, 3, 16, '2', null, 2.5]) rejects({ bits, lst: ok.lst }, 'bits')
  })
  it('lst not base64url (lst)', () => {
    for (const lst of [ok.lst + '=', ok.lst.replace(/./, '+'), 'a b', 42, 'abcde']) rejects({ bits: 2, lst }, 'lst')
  })
  it('lst longer than the limit (too_large)', () => rejects(ok, 'too_large', { maxLstChars: ok.lst.length - 1 }))
  it('a decompression bomb stops at maxBytes (too_large)', () => {
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024)).toString('base64url') // 64 MiB of zeros in ~64 KiB
    const started = performance.now()
    rejects({ bits: 1, lst: bomb }, 'too_large')
    expect(performance.now() - started).toBeLessThan(1000)
  })
  it('raw DEFLATE or gzip instead of ZLIB, truncated, or trailing data (compression)', () => {
    const bytes = Buffer.from([0xb9, 0xa3])
    rejects({ bits: 1, lst: deflateRawSync(bytes).toString('base64url') }, 'compression')
    rejects({ bits: 1, lst: gzipSync(bytes).toString('base64url') }, 'compression')
    const z = deflateSync(bytes)
    rejects({ bits: 1, lst: z.subarray(0, z.length - 2).toString('base64url') }, 'compression')
    rejects({ bits: 1, lst: Buffer.concat([z, Buffer.from([0])]).toString('base64url') }, 'compression')
  })
  it('an empty list (empty)', () => rejects({ bits: 1, lst: deflateSync(Buffer.alloc(0)).toString('base64url') }, 'empty'))
  it('an index out of bounds or not an integer (status_index_out_of_range)', () => {
    const list = decodeStatusList(ok)
    for (const idx of [-1, 4, 1.5, Number.NaN, 2 ** 60]) {
      expect(() => list.get(idx)).toThrow(expect.objectContaining({ code: 'status_index_out_of_range' }))
    }
  })
  it('any input gives a list or a status_list_invalid EidError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(1, 2, 4, 8), fc.anything()), fc.oneof(fc.base64String(), fc.string(), fc.uint8Array().map((b) => deflateSync(b).toString('base64url'))), (bits, lst) => {
        try {
          const l = decodeStatusList({ bits, lst })
          expect(l.size).toBeGreaterThan(0)
        } catch (e) {
          expect(e).toMatchObject({ code: 'status_list_invalid' })
        }
      }),
      { numRuns: 300 },
    )
  })
})
