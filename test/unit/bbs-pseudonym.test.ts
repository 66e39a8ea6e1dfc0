// Per-verifier pseudonyms: stability per verifier, separation between verifiers, binding to holder and verifier, tampering.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  blindSignWithNym, calculatePseudonym, commitWithNym, generateKeyPair, generateProverNyms, proofGenWithNym, proofVerifyWithNym,
  verifyFinalizeWithNym,
} from '../../shared/bbs/index.ts'
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { codeOf, longestCommonRun } from '../vectors/bbs-blind-fixtures.ts'

const enc = new TextEncoder()
const issuer = generateKeyPair()
const header = enc.encode('{"alg":"BBS-NYM"}')
const messages = ['given_name', 'family_name', 'birthdate', 'nationality'].map((m) => enc.encode(m))
const RP_A = enc.encode('https://a.example/cb')
const RP_B = enc.encode('https://b.example/cb')

/** One holder credential: commit → blind sign → verify/finalize. */
function issue(proverNyms = generateProverNyms(1), signerNymEntropy?: Uint8Array) {
  const { commitmentWithProof, secretProverBlind } = commitWithNym({ proverNyms })
  const signed = blindSignWithNym({
    ...issuer, commitmentWithProof, nymCount: 1, header, messages, ...(signerNymEntropy ? { signerNymEntropy } : {}),
  })
  const nymSecrets = verifyFinalizeWithNym({
    publicKey: issuer.publicKey, signature: signed.signature, header, messages, proverNyms, signerNymEntropy: signed.signerNymEntropy, secretProverBlind,
  })
  return { ...signed, nymSecrets, secretProverBlind, proverNyms, commitmentWithProof }
}

type Cred = ReturnType<typeof issue>
const prove = (c: Cred, contextId: Uint8Array, ph = enc.encode('nonce-1'), disclosedIndexes = [0, 3]) =>
  proofGenWithNym({
    publicKey: issuer.publicKey, signature: c.signature, header, presentationHeader: ph, nymSecrets: c.nymSecrets, contextId,
    messages, disclosedIndexes, secretProverBlind: c.secretProverBlind,
  })
const verifyInput = (p: { proof: Uint8Array; pseudonym: Uint8Array }, contextId: Uint8Array, ph = enc.encode('nonce-1')) => ({
  publicKey: issuer.publicKey, proof: p.proof, header, presentationHeader: ph, pseudonym: p.pseudonym, contextId, nymCount: 1,
  signerMessageCount: messages.length, disclosedMessages: [messages[0]!, messages[3]!], disclosedIndexes: [0, 3],
})

const alice = issue()
const bob = issue()

describe('BBS pseudonyms', () => {
  it('a proof verifies and its pseudonym is the holder pseudonym for that verifier', () => {
    const p = prove(alice, RP_A)
    proofVerifyWithNym(verifyInput(p, RP_A))
    expect(p.pseudonym).toEqual(calculatePseudonym({ contextId: RP_A, nymSecrets: alice.nymSecrets }))
  })

  it('same secret, same verifier: the same pseudonym across presentations and across signatures', () => {
    const again = prove(alice, RP_A, enc.encode('nonce-2'), [1])
    // A re-issued credential: the holder reuses its nym, the issuer its entropy (draft §6.1.2 "reissue").
    const reissued = issue(alice.proverNyms, alice.signerNymEntropy)
    expect(reissued.signature).not.toEqual(alice.signature)
    expect(reissued.nymSecrets).toEqual(alice.nymSecrets)
    const fromReissued = prove(reissued, RP_A)
    proofVerifyWithNym(verifyInput(fromReissued, RP_A))
    expect(again.pseudonym).toEqual(prove(alice, RP_A).pseudonym)
    expect(fromReissued.pseudonym).toEqual(again.pseudonym)
    expect(fromReissued.proof).not.toEqual(again.proof)
  })

  it('the issuer contributes: fresh issuer entropy gives another nym secret and pseudonym', () => {
    const fresh = issue(alice.proverNyms)
    expect(fresh.nymSecrets).not.toEqual(alice.nymSecrets)
    expect(prove(fresh, RP_A).pseudonym).not.toEqual(prove(alice, RP_A).pseudonym)
  })

  it('two verifiers: unrelated pseudonyms (distinct, no common byte run beyond chance)', () => {
    const a = prove(alice, RP_A).pseudonym
    const b = prove(alice, RP_B).pseudonym
    expect(a).not.toEqual(b)
    expect(longestCommonRun(a, b)).toBeLessThan(4)
    // and two holders at one verifier differ
    expect(prove(bob, RP_A).pseudonym).not.toEqual(a)
  })

  it('the commitment hides the nym: two commitments to the same nym share nothing', () => {
    const nyms = generateProverNyms(1)
    const c1 = commitWithNym({ proverNyms: nyms }).commitmentWithProof
    const c2 = commitWithNym({ proverNyms: nyms }).commitmentWithProof
    expect(longestCommonRun(c1, c2)).toBeLessThan(4)
  })

  it('rejects a proof presented with another holder pseudonym', () => {
    const p = prove(alice, RP_A)
    const bobs = calculatePseudonym({ contextId: RP_A, nymSecrets: bob.nymSecrets })
    expect(codeOf(() => proofVerifyWithNym(verifyInput({ ...p, pseudonym: bobs }, RP_A)))).toBe('bbs_pseudonym_proof_invalid')
  })

  it('rejects a proof with the holder pseudonym for another verifier', () => {
    const p = prove(alice, RP_A)
    const forB = calculatePseudonym({ contextId: RP_B, nymSecrets: alice.nymSecrets })
    expect(codeOf(() => proofVerifyWithNym(verifyInput({ ...p, pseudonym: forB }, RP_A)))).toBe('bbs_pseudonym_proof_invalid')
  })

  it('rejects a proof made for another verifier (replayed elsewhere)', () => {
    const p = prove(alice, RP_B)
    expect(codeOf(() => proofVerifyWithNym(verifyInput(p, RP_A)))).toBe('bbs_pseudonym_proof_invalid')
  })

  it('rejects a proof made with another holder nym secrets', () => {
    expect(codeOf(() => prove({ ...alice, nymSecrets: bob.nymSecrets }, RP_A))).toBe(undefined) // the prover can compute it...
    const forged = prove({ ...alice, nymSecrets: bob.nymSecrets }, RP_A)
    expect(codeOf(() => proofVerifyWithNym(verifyInput(forged, RP_A)))).toBe('bbs_pseudonym_proof_invalid') // ...but it does not verify
  })

  it('rejects invalid pseudonym encodings', () => {
    const p = prove(alice, RP_A)
    const identity = new Uint8Array(48)
    identity[0] = 0xc0
    const base = bls12_381.G1.Point.BASE.toBytes(true)
    for (const bad of [identity, base, new Uint8Array(48), p.pseudonym.subarray(1)]) {
      expect(codeOf(() => proofVerifyWithNym(verifyInput({ ...p, pseudonym: bad }, RP_A)))).toBe('bbs_pseudonym_invalid')
    }
  })

  it('rejects a nym count the proof cannot carry, and a wrong signer message count', () => {
    const p = prove(alice, RP_A)
    expect(codeOf(() => proofVerifyWithNym({ ...verifyInput(p, RP_A), nymCount: 2 }))).toBe('bbs_nym_input_invalid')
    expect(codeOf(() => proofVerifyWithNym({ ...verifyInput(p, RP_A), signerMessageCount: 3 }))).toBe('bbs_blind_input_invalid')
  })

  it('rejects a tampered commitment and one that does not cover the nym', () => {
    const { commitmentWithProof } = commitWithNym({ proverNyms: generateProverNyms(1) })
    const bad = commitmentWithProof.slice()
    bad[60] = (bad[60] as number) ^ 1
    expect(codeOf(() => blindSignWithNym({ ...issuer, commitmentWithProof: bad, nymCount: 1, header, messages }))).toBe('bbs_commitment_invalid')
    expect(codeOf(() => blindSignWithNym({ ...issuer, commitmentWithProof, nymCount: 2, header, messages }))).toBe('bbs_commitment_invalid')
  })

  it('rejects a finalize with the wrong prover nym', () => {
    expect(
      codeOf(() => verifyFinalizeWithNym({
        publicKey: issuer.publicKey, signature: alice.signature, header, messages, proverNyms: bob.proverNyms,
        signerNymEntropy: alice.signerNymEntropy, secretProverBlind: alice.secretProverBlind,
      })),
    ).toBe('bbs_blind_signature_invalid')
  })

  it('rejects any tampering with disclosed message, header, presentation header, proof or pseudonym (property)', () => {
    const p = prove(alice, RP_A)
    const base = verifyInput(p, RP_A)
    const flip = (b: Uint8Array, i: number, x: number) => {
      const c = b.slice()
      c[i % c.length] = (c[i % c.length] as number) ^ x
      return c
    }
    fc.assert(
      fc.property(fc.constantFrom('message', 'header', 'ph', 'proof', 'pseudonym'), fc.nat(), fc.integer({ min: 1, max: 255 }), (what, i, x) => {
        const input = { ...base }
        if (what === 'message') input.disclosedMessages = [flip(messages[0]!, i, x), messages[3]!]
        if (what === 'header') input.header = flip(header, i, x)
        if (what === 'ph') input.presentationHeader = flip(enc.encode('nonce-1'), i, x)
        if (what === 'proof') input.proof = flip(p.proof, i, x)
        if (what === 'pseudonym') input.pseudonym = flip(p.pseudonym, i, x)
        const code = codeOf(() => proofVerifyWithNym(input))
        expect(code).toMatch(/^bbs_/)
      }),
      { numRuns: 15 },
    )
  })
})

