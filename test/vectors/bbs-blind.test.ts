// Blind BBS fixtures (draft-irtf-cfrg-bbs-blind-signatures-01/-02, ../shared/vectors/bbs-blind): every commit, signature and proof case.
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { blindProofGen, blindProofVerify, blindSign, commit, verifyBlindSign } from '../../shared/bbs/blind/index.ts'
import { hex, mockedRandom, readCases, revealed, SUITES, toHex } from './bbs-blind-fixtures.ts'

const dir = new URL('../../../shared/vectors/bbs-blind/', import.meta.url)
const present = existsSync(dir)
if (!present) console.warn('../shared/vectors/bbs-blind absent: blind BBS vector tests skipped')

interface Rng { SEED: string; commit?: { DST: string; count: number }; proof?: { DST: string; count: number } }
interface CommitCase { caseName: string; mockRngParameters: Rng; committedMessages: string[]; proverBlind: string; commitmentWithProof: string }
interface SignatureCase {
  caseName: string
  signerKeyPair: { secretKey: string; publicKey: string }
  commitmentWithProof: string | null
  header: string
  messages: string[]
  committedMessages: string[] | null
  proverBlind: string | null
  signature: string
}

interface ProofCase {
  caseName: string
  mockRngParameters: Rng
  signerPublicKey: string
  signature: string
  proverBlind: string | null
  header: string
  presentationHeader: string
  revealedMessages: Record<string, string>
  revealedCommittedMessages: Record<string, string> | null
  L: number
  proof: string
}

const counts = new Map<string, number>()
const count = (suite: string, kind: string) => counts.set(`${suite} ${kind}`, (counts.get(`${suite} ${kind}`) ?? 0) + 1)

describe.skipIf(!present)('blind BBS vectors', () => {
  for (const [name, suite] of SUITES) {
    const sdir = new URL(`${name}/`, dir)
    const commits = readCases<CommitCase>(sdir, 'commit')
    const signatures = readCases<SignatureCase>(sdir, 'signature')

    it(`${name}: finds the cases`, () => {
      expect(commits.length).toBeGreaterThan(0)
      expect(signatures.length).toBeGreaterThan(0)
    })

    it.each(commits)(`${name} commit %s`, (_f, c) => {
      const rng = c.mockRngParameters.commit!
      const out = commit({ suite, committedMessages: c.committedMessages.map(hex), randomScalars: mockedRandom(suite, { SEED: c.mockRngParameters.SEED, DST: rng.DST }) })
      expect(toHex(out.secretProverBlind)).toBe(c.proverBlind)
      expect(toHex(out.commitmentWithProof)).toBe(c.commitmentWithProof)
      count(name, 'commit')
    })

    it.each(signatures)(`${name} signature %s`, (_f, c) => {
      const sk = hex(c.signerKeyPair.secretKey)
      const pk = hex(c.signerKeyPair.publicKey)
      const header = hex(c.header)
      const messages = c.messages.map(hex)
      const sig = blindSign({ suite, secretKey: sk, publicKey: pk, commitmentWithProof: hex(c.commitmentWithProof ?? ''), header, messages })
      expect(toHex(sig)).toBe(c.signature)
      const committedMessages = (c.committedMessages ?? []).map(hex)
      const secretProverBlind = c.proverBlind ? hex(c.proverBlind) : undefined
      verifyBlindSign({ suite, publicKey: pk, signature: sig, header, messages, committedMessages, secretProverBlind })
      // negative: a changed signer message, a wrong blind
      expect(() => verifyBlindSign({ suite, publicKey: pk, signature: sig, header, messages: [...messages, new Uint8Array([1])], committedMessages, secretProverBlind }))
        .toThrow(expect.objectContaining({ code: 'bbs_blind_signature_invalid' }))
      count(name, 'signature')
    })

    const messagesFile = (present ? JSON.parse(readFileSync(new URL('messages.json', dir), 'utf8')) : { messages: [], committedMessages: [] }) as {
      messages: string[]
      committedMessages: string[]
    }
    const proofs = readCases<ProofCase>(sdir, 'proof')
    it(`${name}: finds the proof cases`, () => expect(proofs.length).toBeGreaterThan(0))
    it.each(proofs)(`${name} proof %s`, (_f, c) => {
      const pk = hex(c.signerPublicKey)
      const header = hex(c.header)
      const ph = hex(c.presentationHeader)
      const withCommit = c.proverBlind !== null
      const messages = messagesFile.messages.map(hex)
      const committedMessages = withCommit ? messagesFile.committedMessages.map(hex) : []
      const rev = revealed(c.revealedMessages)
      const revC = revealed(c.revealedCommittedMessages)
      const rng = c.mockRngParameters.proof!
      const proof = blindProofGen({
        suite, publicKey: pk, signature: hex(c.signature), header, presentationHeader: ph, messages, committedMessages,
        disclosedIndexes: rev.indexes, disclosedCommittedIndexes: revC.indexes,
        ...(withCommit ? { secretProverBlind: hex(c.proverBlind as string) } : {}),
        randomScalars: mockedRandom(suite, { SEED: c.mockRngParameters.SEED, DST: rng.DST }),
      })
      expect(toHex(proof)).toBe(c.proof)
      const verifyInput = {
        suite, publicKey: pk, proof: hex(c.proof), header, presentationHeader: ph, signerMessageCount: c.L,
        disclosedMessages: rev.values, disclosedIndexes: rev.indexes, disclosedCommittedMessages: revC.values, disclosedCommittedIndexes: revC.indexes,
      }
      blindProofVerify(verifyInput)
      expect(() => blindProofVerify({ ...verifyInput, presentationHeader: new Uint8Array([1]) })).toThrow(expect.objectContaining({ code: 'bbs_blind_proof_invalid' }))
      count(name, 'proof')
    })
  }
  afterAll(() => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    console.log(`bbs-blind vectors: ${total} checked (${[...counts].map(([k, v]) => `${k}: ${v}`).join(', ')})`)
  })
})
