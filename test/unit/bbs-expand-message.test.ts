// expand_message_xmd (SHA-256) and expand_message_xof (SHAKE256) on node:crypto against @noble/curves' RFC 9380 code.
import { expand_message_xmd, expand_message_xof } from '@noble/curves/abstract/hash-to-curve.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { shake256 } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expandMessageXmdSha256, expandMessageXofShake256 } from '../../shared/bbs/expand-message.ts'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

describe('expand_message (RFC 9380 §5.3)', () => {
  it('XMD/SHA-256 equals the reference for any message, DST and length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1, maxLength: 255 }), fc.integer({ min: 1, max: 600 }), (msg, dst, len) => {
        expect(hex(expandMessageXmdSha256(msg, dst, len))).toBe(hex(expand_message_xmd(msg, dst, len, sha256)))
      }),
      { numRuns: 80 },
    )
  })

  it('XOF/SHAKE256 equals the reference for any message, DST and length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1, maxLength: 255 }), fc.integer({ min: 1, max: 600 }), (msg, dst, len) => {
        expect(hex(expandMessageXofShake256(msg, dst, len))).toBe(hex(expand_message_xof(msg, dst, len, 128, shake256)))
      }),
      { numRuns: 80 },
    )
  })

  it('RFC 9380 Appendix K.1 vector (expand_message_xmd, SHA-256, msg "abc", 32 bytes)', () => {
    const dst = new TextEncoder().encode('QUUX-V01-CS02-with-expander-SHA256-128')
    expect(hex(expandMessageXmdSha256(new TextEncoder().encode('abc'), dst, 0x20))).toBe('d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615')
  })

  it('rejects a DST over 255 bytes and an output longer than 255 blocks', () => {
    expect(() => expandMessageXmdSha256(new Uint8Array(1), new Uint8Array(256), 48)).toThrow(expect.objectContaining({ code: 'bbs_invalid_length' }))
    expect(() => expandMessageXofShake256(new Uint8Array(1), new Uint8Array(256), 48)).toThrow(expect.objectContaining({ code: 'bbs_invalid_length' }))
    expect(() => expandMessageXmdSha256(new Uint8Array(1), new Uint8Array(8), 255 * 32 + 1)).toThrow(expect.objectContaining({ code: 'bbs_invalid_length' }))
  })
})
