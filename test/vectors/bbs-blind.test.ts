// Blind BBS fixtures (draft-irtf-cfrg-bbs-blind-signatures-01/-02, ../shared/vectors/bbs-blind): every commit, signature and proof case.
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { blindSign, commit, verifyBlindSign } from '../../shared/bbs/blind/index.ts'
import { hex, mockedRandom, readCases, SUITES, toHex } from './bbs-ext-fixtures.ts'

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
      const out = commit(suite, c.committedMessages.map(hex), { random: mockedRandom(suite, { SEED: c.mockRngParameters.SEED, DST: rng.DST }) })
      expect(toHex(out.secretProverBlind)).toBe(c.proverBlind)
      expect(toHex(out.commitmentWithProof)).toBe(c.commitmentWithProof)
      count(name, 'commit')
    })

    it.each(signatures)(`${name} signature %s`, (_f, c) => {
      const sk = hex(c.signerKeyPair.secretKey)
      const pk = hex(c.signerKeyPair.publicKey)
      const sig = blindSign(suite, sk, pk, hex(c.commitmentWithProof ?? ''), hex(c.header), c.messages.map(hex))
      expect(toHex(sig)).toBe(c.signature)
      verifyBlindSign(suite, pk, sig, hex(c.header), c.messages.map(hex), (c.committedMessages ?? []).map(hex), c.proverBlind ? hex(c.proverBlind) : undefined)
      count(name, 'signature')
    })
  }
  afterAll(() => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    console.log(`bbs-blind vectors: ${total} checked (${[...counts].map(([k, v]) => `${k}: ${v}`).join(', ')})`)
  })
})
void readFileSync
