// shared/oid4vci c-nonce.ts: a stateless c_nonce is accepted by the key that made it until it expires, and refused
// (`nonce_invalid`) when made with another key, altered, expired or not a nonce at all.
import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { checkCNonce, createCNonce } from '../../shared/oid4vci/index.ts'

const key = randomBytes(32)
const NOW = 1_800_000_000

describe('stateless c_nonce', () => {
  it('is 48 base64url characters, fresh each time, and checks until it expires', () => {
    const a = createCNonce(key, NOW + 300)
    const b = createCNonce(key, NOW + 300)
    expect(a).toMatch(/^[A-Za-z0-9_-]{48}$/)
    expect(a).not.toBe(b)
    expect(checkCNonce(key, a, NOW)).toEqual({ expiresAt: NOW + 300 })
    expect(checkCNonce(key, a, NOW + 299)).toEqual({ expiresAt: NOW + 300 })
  })

  it('refuses an expired nonce (at its expiry and after)', () => {
    const n = createCNonce(key, NOW + 300)
    expect(() => checkCNonce(key, n, NOW + 300)).toThrow(expect.objectContaining({ code: 'nonce_invalid' }))
    expect(() => checkCNonce(key, n, NOW + 10_000)).toThrow(expect.objectContaining({ code: 'nonce_invalid' }))
  })

  it('refuses a nonce made with another key', () => {
    expect(() => checkCNonce(key, createCNonce(randomBytes(32), NOW + 300), NOW)).toThrow(expect.objectContaining({ code: 'nonce_invalid' }))
  })

  it('refuses every single-bit change of a nonce (version, expiry, random part, tag)', () => {
    const bytes = Buffer.from(createCNonce(key, NOW + 300), 'base64url')
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const altered = Buffer.from(bytes)
      altered[bit >> 3] = (altered[bit >> 3] as number) ^ (1 << (bit & 7))
      expect(() => checkCNonce(key, altered.toString('base64url'), NOW), `bit ${bit}`).toThrow(expect.objectContaining({ code: 'nonce_invalid' }))
    }
  })

  it('refuses what is not a nonce: other lengths, other alphabets, padding', () => {
    const n = createCNonce(key, NOW + 300)
    for (const bad of ['', 'made-up', n.slice(1), `${n}A`, `${n.slice(0, 47)}=`, `${n.slice(0, 47)}+`, n.replace(/.$/, '.'), Buffer.from(n).toString('base64')]) {
      expect(() => checkCNonce(key, bad, NOW), bad).toThrow(expect.objectContaining({ code: 'nonce_invalid' }))
    }
  })

  it('any string is either a nonce this key made or nonce_invalid, never another error', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.base64String({ minLength: 48, maxLength: 48 }), fc.stringMatching(/^[A-Za-z0-9_-]{48}$/)), (s) => {
      try {
        checkCNonce(key, s, NOW)
        expect.unreachable('a random string was accepted')
      } catch (err) {
        expect(err).toBeInstanceOf(EidError)
        expect((err as EidError).code).toBe('nonce_invalid')
      }
    }), { numRuns: 500 })
  })

  it('refuses a short key and an expiry outside 32 bits (caller bugs)', () => {
    expect(() => createCNonce(randomBytes(16), NOW)).toThrow(RangeError)
    expect(() => checkCNonce(randomBytes(16), 'x', NOW)).toThrow(RangeError)
    expect(() => createCNonce(key, 2 ** 32)).toThrow(RangeError)
    expect(() => createCNonce(key, 1.5)).toThrow(RangeError)
  })
})
