// Property tests of BBS (draft-irtf-cfrg-bbs-signatures-09): any disclosed subset verifies; any change is a typed
// rejection; arbitrary bytes never crash; two proofs of one signature share no byte run (unlinkability).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CiphersuiteName } from '../../shared/bbs/index.ts'
import { generateKeyPair, proofGen, proofVerify, sign, verify } from '../../shared/bbs/index.ts'
import { isEidError } from '../../shared/errors/index.ts'

const enc = new TextEncoder()
const L = 8
const header = enc.encode('issuer: test, exp 2030')

/** Expects `fn` to throw an EidError whose code is one of `codes`. */
function expectRejected(fn: () => void, codes: string[]): void {
  try {
    fn()
  } catch (err) {
    if (!isEidError(err)) throw err
    expect(codes).toContain(err.code)
    return
  }
  throw new Error('expected a rejection')
}

/** Length of the longest byte run shared by `a` and `b` (dynamic programming, O(|a|·|b|)). */
function longestCommonRun(a: Uint8Array, b: Uint8Array): number {
  let best = 0
  let prev = new Uint16Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    const cur = new Uint16Array(b.length + 1)
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        const v = (prev[j - 1] ?? 0) + 1
        cur[j] = v
        if (v > best) best = v
      }
    }
    prev = cur
  }
  return best
}

for (const suite of ['BLS12-381-SHA-256', 'BLS12-381-SHAKE-256'] as CiphersuiteName[]) {
  describe(`BBS properties, ${suite}`, () => {
    const { secretKey, publicKey } = generateKeyPair(suite)
    const messages = Array.from({ length: L }, (_, i) => enc.encode(`message ${i}: value-${i * 7919}`))
    const signature = sign({ suite, secretKey, publicKey, header, messages })
    const subset = fc.subarray(Array.from({ length: L }, (_, i) => i))
    const ph = fc.uint8Array({ minLength: 0, maxLength: 40 })

    it('any disclosed subset verifies', () => {
      fc.assert(
        fc.property(subset, ph, (disclosedIndexes, presentationHeader) => {
          const proof = proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes })
          expect(proof.length).toBe(272 + 32 * (L - disclosedIndexes.length))
          const disclosedMessages = disclosedIndexes.map((i) => messages[i] as Uint8Array)
          proofVerify({ suite, publicKey, proof, header, presentationHeader, disclosedMessages, disclosedIndexes })
        }),
        { numRuns: 6 },
      )
    })

    it('a changed disclosed message, header or presentation header is rejected', () => {
      fc.assert(
        fc.property(
          subset.filter((s) => s.length > 0),
          ph,
          fc.nat(),
          fc.uint8Array({ minLength: 1, maxLength: 8 }),
          fc.constantFrom('message', 'header', 'ph'),
          (disclosedIndexes, presentationHeader, pick, extra, what) => {
            const proof = proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes })
            const disclosedMessages = disclosedIndexes.map((i) => messages[i] as Uint8Array)
            const input = { suite, publicKey, proof, header, presentationHeader, disclosedMessages, disclosedIndexes }
            if (what === 'message') {
              const k = pick % disclosedMessages.length
              const changed = disclosedMessages.map((m, i) => (i === k ? Uint8Array.of(...m, ...extra) : m))
              expectRejected(() => proofVerify({ ...input, disclosedMessages: changed }), ['bbs_invalid_proof'])
            } else if (what === 'header') {
              expectRejected(() => proofVerify({ ...input, header: Uint8Array.of(...header, ...extra) }), ['bbs_invalid_proof'])
            } else {
              expectRejected(() => proofVerify({ ...input, presentationHeader: Uint8Array.of(...presentationHeader, ...extra) }), ['bbs_invalid_proof'])
            }
          },
        ),
        { numRuns: 6 },
      )
    })

    it('any changed proof byte is rejected with a typed error', () => {
      const disclosedIndexes = [0, 5]
      const presentationHeader = enc.encode('nonce-1')
      const proof = proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes })
      const disclosedMessages = disclosedIndexes.map((i) => messages[i] as Uint8Array)
      fc.assert(
        fc.property(fc.nat({ max: proof.length - 1 }), fc.integer({ min: 1, max: 255 }), (pos, xor) => {
          const bad = proof.slice()
          bad[pos] = (bad[pos] ?? 0) ^ xor
          expectRejected(
            () => proofVerify({ suite, publicKey, proof: bad, header, presentationHeader, disclosedMessages, disclosedIndexes }),
            ['bbs_invalid_proof', 'bbs_invalid_point', 'bbs_invalid_scalar'],
          )
        }),
        { numRuns: 12 },
      )
    })

    it('any changed signature byte or message is rejected by Verify', () => {
      fc.assert(
        fc.property(fc.nat({ max: 79 }), fc.integer({ min: 1, max: 255 }), fc.nat({ max: L - 1 }), (pos, xor, k) => {
          const bad = signature.slice()
          bad[pos] = (bad[pos] ?? 0) ^ xor
          expectRejected(() => verify({ suite, publicKey, signature: bad, header, messages }), ['bbs_invalid_signature', 'bbs_invalid_point', 'bbs_invalid_scalar'])
          const changed = messages.map((m, i) => (i === k ? Uint8Array.of(...m, xor) : m))
          expectRejected(() => verify({ suite, publicKey, signature, header, messages: changed }), ['bbs_invalid_signature'])
        }),
        { numRuns: 6 },
      )
    })

    it('arbitrary bytes as proof, signature or key give a typed error, never a crash', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), fc.uint8Array({ minLength: 80, maxLength: 80 }), fc.uint8Array({ minLength: 96, maxLength: 96 }), (proof, sig, pk) => {
          expectRejected(() => proofVerify({ suite, publicKey, proof, header, disclosedMessages: [], disclosedIndexes: [] }), [
            'bbs_invalid_proof', 'bbs_invalid_point', 'bbs_invalid_scalar', 'bbs_invalid_length', 'bbs_invalid_index',
          ])
          expectRejected(() => verify({ suite, publicKey, signature: sig, header, messages }), ['bbs_invalid_signature', 'bbs_invalid_point', 'bbs_invalid_scalar'])
          expectRejected(() => verify({ suite, publicKey: pk, signature, header, messages }), ['bbs_invalid_signature', 'bbs_invalid_point'])
        }),
        { numRuns: 25 },
      )
    })

    it('unlinkability: two proofs of one signature, same disclosure, share no byte run of 8 or more', () => {
      const disclosedIndexes = [1, 4]
      const presentationHeader = enc.encode('same-verifier-nonce')
      const a = proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes })
      const b = proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes })
      // The presentation is proof + disclosed messages + header; the proofs themselves carry none of
      // them, so every shared run would be a linkable handle.
      expect(longestCommonRun(a, b)).toBeLessThan(8)
      // Neither proof contains any 8-byte run of the signature itself (A and e stay hidden).
      expect(longestCommonRun(a, signature)).toBeLessThan(8)
      expect(longestCommonRun(b, signature)).toBeLessThan(8)
    })
  })
}
