// BBS pseudonym fixtures (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03, ../shared/vectors/bbs-pseudonyms): every nymCommit, nymSignature and nymProof case.
import { existsSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import {
  blindSignWithNym, calculatePseudonym, commitWithNym, proofGenWithNym, proofVerifyWithNym, verifyFinalizeWithNym,
} from '../../shared/bbs/pseudonym/index.ts'
import { hex, mockedRandom, readCases, revealed, scalarHex, SUITES, toHex } from './bbs-blind-fixtures.ts'

const dir = new URL('../../../shared/vectors/bbs-pseudonyms/', import.meta.url)
const present = existsSync(dir)
if (!present) console.warn('../shared/vectors/bbs-pseudonyms absent: pseudonym vector tests skipped')

interface Rng { SEED: string; commit?: { DST: string }; proof?: { DST: string } }
interface NymCommitCase { mockRngParameters: Rng; committedMessages: string[]; proverNyms: string[]; proverBlind: string; commitmentWithProof: string }
interface NymSignatureCase {
  signerKeyPair: { secretKey: string; publicKey: string }
  signer_nym_entropy: string
  proverNyms: string[]
  proverBlind: string
  nym_secrets: string[]
  commitmentWithProof: string
  header: string
  messages: string[]
  committedMessages: string[]
  signature: string
}
interface NymProofCase {
  mockRngParameters: Rng
  signerPublicKey: string
  signature: string
  nym_secrets: string[]
  pseudonym: string
  proverBlind: string
  context_id: string
  header: string
  presentationHeader: string
  messages: string[]
  committedMessages: string[]
  revealedMessages: Record<string, string>
  revealedCommittedMessages: Record<string, string>
  L: number
  proof: string
}

const counts = new Map<string, number>()
const count = (suite: string, kind: string) => counts.set(`${suite} ${kind}`, (counts.get(`${suite} ${kind}`) ?? 0) + 1)
const rejects = (fn: () => unknown, code: string) => expect(fn).toThrow(expect.objectContaining({ code }))

describe.skipIf(!present)('BBS pseudonym vectors', () => {
  for (const [name, suite] of SUITES) {
    const sdir = new URL(`${name}/`, dir)
    const commits = readCases<NymCommitCase>(sdir, 'nymCommit')
    const signatures = readCases<NymSignatureCase>(sdir, 'nymSignature')
    const proofs = readCases<NymProofCase>(sdir, 'nymProof')

    it(`${name}: finds the cases`, () => {
      expect(commits.length).toBeGreaterThan(0)
      expect(signatures.length).toBeGreaterThan(0)
      expect(proofs.length).toBeGreaterThan(0)
    })

    it.each(commits)(`${name} nymCommit %s`, (_f, c) => {
      const out = commitWithNym({
        suite, committedMessages: c.committedMessages.map(hex), proverNyms: c.proverNyms.map(scalarHex),
        randomScalars: mockedRandom(suite, { SEED: c.mockRngParameters.SEED, DST: c.mockRngParameters.commit!.DST }),
      })
      expect(toHex(out.secretProverBlind)).toBe(c.proverBlind)
      expect(toHex(out.commitmentWithProof)).toBe(c.commitmentWithProof)
      count(name, 'nymCommit')
    })

    it.each(signatures)(`${name} nymSignature %s`, (_f, c) => {
      const pk = hex(c.signerKeyPair.publicKey)
      const header = hex(c.header)
      const messages = c.messages.map(hex)
      const { signature, signerNymEntropy } = blindSignWithNym({
        suite, secretKey: hex(c.signerKeyPair.secretKey), publicKey: pk, commitmentWithProof: hex(c.commitmentWithProof),
        nymCount: c.proverNyms.length, signerNymEntropy: scalarHex(c.signer_nym_entropy), header, messages,
      })
      expect(toHex(signature)).toBe(c.signature)
      const input = {
        suite, publicKey: pk, signature, header, messages, committedMessages: c.committedMessages.map(hex),
        proverNyms: c.proverNyms.map(scalarHex), signerNymEntropy, secretProverBlind: scalarHex(c.proverBlind),
      }
      expect(verifyFinalizeWithNym(input).map(toHex)).toEqual(c.nym_secrets.map((s) => s.padStart(64, '0')))
      rejects(() => verifyFinalizeWithNym({ ...input, signerNymEntropy: scalarHex('01') }), 'bbs_blind_signature_invalid')
      count(name, 'nymSignature')
    })

    it.each(proofs)(`${name} nymProof %s`, (_f, c) => {
      const pk = hex(c.signerPublicKey)
      const nymSecrets = c.nym_secrets.map(scalarHex)
      const contextId = hex(c.context_id)
      const rev = revealed(c.revealedMessages)
      const revC = revealed(c.revealedCommittedMessages)
      const common = { suite, publicKey: pk, header: hex(c.header), presentationHeader: hex(c.presentationHeader) }
      expect(toHex(calculatePseudonym({ suite, contextId, nymSecrets }))).toBe(c.pseudonym)
      const out = proofGenWithNym({
        ...common, signature: hex(c.signature), nymSecrets, contextId, messages: c.messages.map(hex),
        committedMessages: c.committedMessages.map(hex), disclosedIndexes: rev.indexes, disclosedCommittedIndexes: revC.indexes,
        secretProverBlind: scalarHex(c.proverBlind),
        randomScalars: mockedRandom(suite, { SEED: c.mockRngParameters.SEED, DST: c.mockRngParameters.proof!.DST }),
      })
      expect(toHex(out.pseudonym)).toBe(c.pseudonym)
      expect(toHex(out.proof)).toBe(c.proof)
      const verify = {
        ...common, proof: hex(c.proof), pseudonym: hex(c.pseudonym), contextId, nymCount: nymSecrets.length, signerMessageCount: c.L,
        disclosedMessages: rev.values, disclosedIndexes: rev.indexes, disclosedCommittedMessages: revC.values, disclosedCommittedIndexes: revC.indexes,
      }
      proofVerifyWithNym(verify)
      rejects(() => proofVerifyWithNym({ ...verify, contextId: new Uint8Array([1, 2, 3]) }), 'bbs_pseudonym_proof_invalid')
      count(name, 'nymProof')
    })
  }
  afterAll(() => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    console.log(`bbs-pseudonyms vectors: ${total} checked (${[...counts].map(([k, v]) => `${k}: ${v}`).join(', ')})`)
  })
})
