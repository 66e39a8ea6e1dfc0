// Blind BBS: the signer never sees committed messages; proofs over signer and committed messages; one rejection per check.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { blindCommit, blindProofGen, blindProofVerify, blindSign, generateKeyPair, verifyBlindSign } from '../../shared/bbs/index.ts'
import { codeOf } from '../vectors/bbs-blind-fixtures.ts'

const enc = new TextEncoder()
const issuer = generateKeyPair()
const header = enc.encode('hdr')
const messages = ['a', 'b', 'c'].map((m) => enc.encode(m))
const committedMessages = ['secret-1', 'secret-2'].map((m) => enc.encode(m))
const { commitmentWithProof, secretProverBlind } = blindCommit({ committedMessages })
const signature = blindSign({ ...issuer, commitmentWithProof, header, messages })
const ph = enc.encode('ph')
const proof = blindProofGen({
  publicKey: issuer.publicKey, signature, header, presentationHeader: ph, messages, committedMessages,
  disclosedIndexes: [1], disclosedCommittedIndexes: [0], secretProverBlind,
})
const verifyInput = {
  publicKey: issuer.publicKey, proof, header, presentationHeader: ph, signerMessageCount: 3,
  disclosedMessages: [messages[1]!], disclosedIndexes: [1], disclosedCommittedMessages: [committedMessages[0]!], disclosedCommittedIndexes: [0],
}

describe('blind BBS', () => {
  it('signs over a commitment and verifies with the committed messages and the blind', () => {
    verifyBlindSign({ publicKey: issuer.publicKey, signature, header, messages, committedMessages, secretProverBlind })
    blindProofVerify(verifyInput)
  })
  it('rejects a signature check with another committed message', () =>
    expect(codeOf(() => verifyBlindSign({ publicKey: issuer.publicKey, signature, header, messages, committedMessages: [committedMessages[1]!, committedMessages[0]!], secretProverBlind }))).toBe('bbs_blind_signature_invalid'))
  it('rejects a signature check without the blind', () =>
    expect(codeOf(() => verifyBlindSign({ publicKey: issuer.publicKey, signature, header, messages, committedMessages }))).toBe('bbs_blind_signature_invalid'))
  it('rejects a commitment whose proof of knowledge was altered', () => {
    const bad = commitmentWithProof.slice()
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1
    expect(codeOf(() => blindSign({ ...issuer, commitmentWithProof: bad, header, messages }))).toBe('bbs_commitment_invalid')
  })
  it('rejects a commitment of the wrong length', () =>
    expect(codeOf(() => blindSign({ ...issuer, commitmentWithProof: commitmentWithProof.subarray(0, 100), header, messages }))).toBe('bbs_commitment_invalid'))
  it('rejects a commitment point that is not on the curve', () => {
    const bad = commitmentWithProof.slice()
    bad.fill(0xff, 1, 48)
    expect(codeOf(() => blindSign({ ...issuer, commitmentWithProof: bad, header, messages }))).toBe('bbs_commitment_invalid')
  })
  it('rejects a proof under another presentation header', () =>
    expect(codeOf(() => blindProofVerify({ ...verifyInput, presentationHeader: enc.encode('other') }))).toBe('bbs_blind_proof_invalid'))
  it('rejects a changed disclosed committed message', () =>
    expect(codeOf(() => blindProofVerify({ ...verifyInput, disclosedCommittedMessages: [committedMessages[1]!] }))).toBe('bbs_blind_proof_invalid'))
  it('rejects a signer message count that does not fit the proof', () =>
    expect(codeOf(() => blindProofVerify({ ...verifyInput, signerMessageCount: 9 }))).toBe('bbs_blind_input_invalid'))
  it('rejects out-of-order disclosed committed indexes', () =>
    expect(codeOf(() => blindProofGen({ publicKey: issuer.publicKey, signature, messages, committedMessages, disclosedCommittedIndexes: [1, 0], secretProverBlind }))).toBe('bbs_blind_input_invalid'))
  it('rejects any changed proof byte (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: proof.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const bad = proof.slice()
        bad[i] = (bad[i] as number) ^ x
        expect(codeOf(() => blindProofVerify({ ...verifyInput, proof: bad }))).toMatch(/^bbs_/)
      }),
      { numRuns: 12 },
    )
  })
})
