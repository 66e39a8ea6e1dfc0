// The BBS-NYM algorithm through the JWP layer: blind nym issuance, confirm, per-verifier pseudonym in the presented proof.
import { describe, expect, it } from 'vitest'
import { BLS12_381_SHAKE_256, generateKeyPair } from '../../shared/bbs/index.ts'
import {
  bbsAlgorithm, bbsNymAlgorithm, claimSlots, confirmJwp, createNymCommitment, decodeNymConfirmInput, decodeNymHolderState, encodeBase64url,
  encodeNymConfirmInput, encodeNymHolderState, headerOctets, issueJwp,
  jptPayloadsFromClaims, parseIssuedJwp, parsePresentedJwp, presentJwp, serializePresentedJwp, verifyPresentedJwp,
} from '../../shared/jwp/index.ts'
import type { JwpIssued, NymHolderState } from '../../shared/jwp/index.ts'
import { codeOf, longestCommonRun } from '../vectors/bbs-blind-fixtures.ts'

const nymAlg = bbsNymAlgorithm()
const issuer = generateKeyPair()
const claims = ['given_name', 'family_name', 'age_over_18', 'nationality']
const values = { given_name: 'Wei', family_name: 'Zhang', age_over_18: true, nationality: 'CN' }
const NOW = 1_750_000_000
const RP_A = 'https://a.example/cb'
const RP_B = 'https://b.example/cb'

function issueCredential(): { jwp: JwpIssued; state: NymHolderState; compact: string } {
  const holder = createNymCommitment()
  const { compact } = issueJwp(nymAlg, {
    header: { kid: 'issuer-key-1', typ: 'jpt', claims },
    payloads: jptPayloadsFromClaims(claims, values),
    keys: issuer,
    extra: { commitmentWithProof: holder.commitmentWithProof },
  })
  return { ...confirmJwp(nymAlg, compact, issuer.publicKey, holder.confirm), compact }
}

const alice = issueCredential()
const alice2 = issueCredential()

function present(c: { jwp: JwpIssued; state: NymHolderState }, aud: string | string[], nonce = 'n-1'): string {
  return presentJwp(nymAlg, c.jwp, {
    publicKey: issuer.publicKey, presentationHeader: { aud, nonce, iat: NOW }, disclose: claimSlots(c.jwp, ['age_over_18']), state: c.state,
  }).compact
}
const opts = (audience: string, nonce = 'n-1') => ({ algorithms: [nymAlg], publicKey: () => issuer.publicKey, audience, nonce, now: NOW })

describe('JWP BBS-NYM', () => {
  it('issues with alg BBS-NYM and a two-part issuer proof (signature, signer nym entropy)', () => {
    const jwp = parseIssuedJwp(alice.compact)
    expect(jwp.issuerHeader.alg).toBe('BBS-NYM')
    expect(jwp.proof.map((p) => p.length)).toEqual([80, 32])
  })

  it('presents with a two-part proof whose second part is the 48-octet pseudonym, and verifies', () => {
    const text = present(alice, RP_A)
    const jwp = parsePresentedJwp(text)
    expect(jwp.proof[1]).toHaveLength(48)
    const out = verifyPresentedJwp(text, opts(RP_A))
    expect(out.claims).toEqual({ age_over_18: true })
    expect(out.pseudonym).toEqual(jwp.proof[1])
  })

  it('the same holder credential gives the same pseudonym at one verifier, another at a second verifier', () => {
    const a1 = verifyPresentedJwp(present(alice, RP_A, 'x1'), opts(RP_A, 'x1')).pseudonym
    const a2 = verifyPresentedJwp(present(alice, RP_A, 'x2'), opts(RP_A, 'x2')).pseudonym
    const b = verifyPresentedJwp(present(alice, RP_B), opts(RP_B)).pseudonym
    expect(a1).toEqual(a2)
    expect(b).not.toEqual(a1)
  })

  it('two presentations share no byte run beyond the disclosed payload and the issuer header', () => {
    const p1 = parsePresentedJwp(present(alice, RP_A, 'x1'))
    const p2 = parsePresentedJwp(present(alice, RP_A, 'x2'))
    const proof1 = p1.proof[0] as Uint8Array
    const proof2 = p2.proof[0] as Uint8Array
    expect(longestCommonRun(proof1, proof2)).toBeLessThan(5)
  })

  it('a second credential of the same holder has its own nym (a fresh nym per credential in this profile)', () => {
    expect(verifyPresentedJwp(present(alice2, RP_A), opts(RP_A)).pseudonym).not.toEqual(verifyPresentedJwp(present(alice, RP_A), opts(RP_A)).pseudonym)
  })

  it('rejects a presentation whose pseudonym was swapped for another holder', () => {
    const p = parsePresentedJwp(present(alice, RP_A))
    const other = parsePresentedJwp(present(alice2, RP_A))
    const text = serializePresentedJwp({ ...p, proof: [p.proof[0]!, other.proof[1]!] })
    expect(codeOf(() => verifyPresentedJwp(text, opts(RP_A)))).toBe('bbs_pseudonym_proof_invalid')
  })

  it('rejects a presentation made for another verifier, even with its aud rewritten', () => {
    const p = parsePresentedJwp(present(alice, RP_B))
    expect(codeOf(() => verifyPresentedJwp(serializePresentedJwp(p), opts(RP_A)))).toBe('jwp_audience_mismatch')
    const ph = headerOctets({ alg: 'BBS-NYM', aud: RP_A, nonce: 'n-1', iat: NOW })
    expect(codeOf(() => verifyPresentedJwp(serializePresentedJwp({ ...p, presentationHeaderBytes: ph }), opts(RP_A)))).toBe('bbs_pseudonym_proof_invalid')
  })

  it('rejects an aud array (the pseudonym context must be one verifier)', () => {
    expect(codeOf(() => present(alice, [RP_A, RP_B]))).toBe('jwp_header_invalid')
  })

  it('rejects an issued proof with a missing component at confirm', () => {
    const [h, p, pr] = alice.compact.split('.') as [string, string, string]
    const holder = createNymCommitment()
    expect(codeOf(() => confirmJwp(nymAlg, `${h}.${p}.${pr.split('~')[0]}`, issuer.publicKey, holder.confirm))).toBe('jwp_proof_invalid')
  })

  it('rejects confirm with another holder commitment secrets', () => {
    expect(codeOf(() => confirmJwp(nymAlg, alice.compact, issuer.publicKey, createNymCommitment().confirm))).toBe('jwp_proof_invalid')
  })

  it('rejects a changed signer nym entropy at confirm', () => {
    const [h, p, pr] = alice.compact.split('.') as [string, string, string]
    const [sig] = pr.split('~') as [string]
    const fake = encodeBase64url(new Uint8Array(32).fill(7))
    const holder = createNymCommitment()
    expect(codeOf(() => confirmJwp(nymAlg, `${h}.${p}.${sig}~${fake}`, issuer.publicKey, holder.confirm))).toBe('jwp_proof_invalid')
  })

  it('rejects a BBS-NYM presentation at a verifier that only allows BBS', () => {
    expect(codeOf(() => verifyPresentedJwp(present(alice, RP_A), { ...opts(RP_A), algorithms: [bbsAlgorithm()] }))).toBe('jwp_unsupported_alg')
  })

  it('rejects a changed disclosed payload', () => {
    const p = parsePresentedJwp(present(alice, RP_A))
    const payloads = [...p.payloads]
    payloads[2] = new TextEncoder().encode('false')
    expect(codeOf(() => verifyPresentedJwp(serializePresentedJwp({ ...p, payloads }), opts(RP_A)))).toBe('bbs_pseudonym_proof_invalid')
  })

  it('holder secrets survive their storage form, which is read strictly', () => {
    const stored = decodeNymHolderState(encodeNymHolderState(alice.state))
    expect(stored).toEqual(alice.state)
    verifyPresentedJwp(present({ jwp: alice.jwp, state: stored }, RP_A), opts(RP_A))
    const pending = createNymCommitment().confirm
    expect(decodeNymConfirmInput(encodeNymConfirmInput(pending))).toEqual(pending)
    expect(codeOf(() => decodeNymHolderState('{"nym_secrets":[],"prover_blind":"x"}'))).toBe('invalid_request')
    expect(codeOf(() => decodeNymHolderState('{'))).toBe('malformed_json')
  })

  it('works over BLS12-381-SHAKE-256 as BBS-NYM-SHAKE256', () => {
    const alg = bbsNymAlgorithm(BLS12_381_SHAKE_256)
    const k = generateKeyPair(BLS12_381_SHAKE_256)
    const holder = createNymCommitment(BLS12_381_SHAKE_256)
    const { compact } = issueJwp(alg, { header: { claims: ['a'] }, payloads: jptPayloadsFromClaims(['a'], { a: 1 }), keys: k, extra: { commitmentWithProof: holder.commitmentWithProof } })
    const c = confirmJwp(alg, compact, k.publicKey, holder.confirm)
    const text = presentJwp(alg, c.jwp, { publicKey: k.publicKey, presentationHeader: { aud: RP_A, nonce: 'n-1', iat: NOW }, disclose: [0], state: c.state }).compact
    const out = verifyPresentedJwp(text, { ...opts(RP_A), algorithms: [alg], publicKey: () => k.publicKey })
    expect(out.presentationHeader.alg).toBe('BBS-NYM-SHAKE256')
    expect(out.pseudonym).toHaveLength(48)
  })
})

