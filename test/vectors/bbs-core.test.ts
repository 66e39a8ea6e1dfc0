// draft-irtf-cfrg-bbs-signatures fixtures (drafts -06..-09) for BLS12-381-SHA-256 and BLS12-381-SHAKE-256.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import type { Ciphersuite } from '../../shared/bbs/index.ts'
import { BLS12_381_SHA_256, BLS12_381_SHAKE_256, hashToScalar, keyGen, proofGen, proofVerify, sign, skToPk, verify } from '../../shared/bbs/index.ts'
import { createGenerators } from '../../shared/bbs/generators.ts'
import { messagesToScalars } from '../../shared/bbs/hash-to-scalar.ts'
import { g1ToOctets } from '../../shared/bbs/points.ts'
import { seededRandomScalars } from '../../shared/bbs/random-scalars.ts'
import { isEidError } from '../../shared/errors/index.ts'

const dir = new URL('../../../shared/vectors/bbs/', import.meta.url)
const present = existsSync(dir)
if (!present) console.warn('../shared/vectors/bbs absent: BBS vector tests skipped')

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const scalarHex = (s: bigint): string => s.toString(16).padStart(64, '0')
const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, dir), 'utf8')) as T
const list = (path: string): string[] => (existsSync(new URL(path, dir)) ? readdirSync(new URL(path, dir)).filter((f) => f.endsWith('.json')).sort() : [])

interface SignatureCase {
  caseName: string
  signerKeyPair: { secretKey: string; publicKey: string }
  header: string
  messages: string[]
  signature: string
  result: { valid: boolean; reason?: string }
}
interface ProofCase {
  caseName: string
  signerPublicKey: string
  signature: string
  header: string
  presentationHeader: string
  messages: string[]
  disclosedIndexes: number[]
  proof: string
  result: { valid: boolean; reason?: string }
}

const suites: Array<[string, Ciphersuite]> = [
  ['bls12-381-sha-256', BLS12_381_SHA_256],
  ['bls12-381-shake-256', BLS12_381_SHAKE_256],
]
const counts = new Map<string, number>()
const count = (suite: string): void => {
  counts.set(suite, (counts.get(suite) ?? 0) + 1)
}

/** Runs fn and expects it to throw an EidError (any bbs_* code): INVALID in the draft's terms. */
function expectInvalid(fn: () => void): string {
  try {
    fn()
  } catch (err) {
    expect(isEidError(err)).toBe(true)
    return (err as { code: string }).code
  }
  throw new Error('expected INVALID')
}

describe.skipIf(!present)('BBS fixtures (draft-irtf-cfrg-bbs-signatures-06..09)', () => {
  for (const [folder, suite] of suites) {
    describe(folder, () => {
      const base = `${folder}/`

      it('KeyGen and SkToPk (keypair.json)', () => {
        const kp = read<{ keyMaterial: string; keyInfo: string; keyDst: string; keyPair: { secretKey: string; publicKey: string } }>(base + 'keypair.json')
        const sk = keyGen({ suite, keyMaterial: hex(kp.keyMaterial), keyInfo: hex(kp.keyInfo), keyDst: hex(kp.keyDst) })
        expect(toHex(sk)).toBe(kp.keyPair.secretKey)
        expect(toHex(skToPk(sk))).toBe(kp.keyPair.publicKey)
        count(folder)
      })

      it('create_generators and P1 (generators.json)', () => {
        const g = read<{ P1: string; Q1: string; MsgGenerators: string[] }>(base + 'generators.json')
        expect(toHex(g1ToOctets(suite.P1))).toBe(g.P1)
        const gens = createGenerators(suite, g.MsgGenerators.length + 1, suite.apiId).map((p) => toHex(g1ToOctets(p)))
        expect(gens).toEqual([g.Q1, ...g.MsgGenerators])
        count(folder)
      })

      it('messages_to_scalars (MapMessageToScalarAsHash.json)', () => {
        const m = read<{ dst: string; cases: Array<{ message: string; scalar: string }> }>(base + 'MapMessageToScalarAsHash.json')
        expect(m.cases.length).toBeGreaterThan(0)
        const scalars = messagesToScalars(suite, m.cases.map((c) => hex(c.message)), suite.apiId)
        expect(scalars.map(scalarHex)).toEqual(m.cases.map((c) => c.scalar))
        for (const c of m.cases) expect(scalarHex(hashToScalar(suite, hex(c.message), hex(m.dst)))).toBe(c.scalar)
        count(folder)
      })

      it('hash_to_scalar (h2s.json)', () => {
        const h = read<{ message: string; dst: string; scalar: string }>(base + 'h2s.json')
        expect(scalarHex(hashToScalar(suite, hex(h.message), hex(h.dst)))).toBe(h.scalar)
        count(folder)
      })

      it('seeded_random_scalars (mockedRng.json)', () => {
        const r = read<{ seed: string; dst: string; count: number; mockedScalars: string[] }>(base + 'mockedRng.json')
        expect(seededRandomScalars(suite, hex(r.seed), hex(r.dst), r.count).map(scalarHex)).toEqual(r.mockedScalars)
        count(folder)
      })

      const sigFiles = present ? list(base + 'signature/') : []
      it('has signature fixtures', () => expect(sigFiles.length).toBeGreaterThan(0))
      it.each(sigFiles)('signature/%s', (file) => {
        const c = read<SignatureCase>(`${base}signature/${file}`)
        const input = { suite, publicKey: hex(c.signerKeyPair.publicKey), signature: hex(c.signature), header: hex(c.header), messages: c.messages.map(hex) }
        if (c.result.valid) {
          const sig = sign({ suite, secretKey: hex(c.signerKeyPair.secretKey), publicKey: input.publicKey, header: input.header, messages: input.messages })
          expect(toHex(sig)).toBe(c.signature)
          expect(() => verify(input)).not.toThrow()
        } else {
          expectInvalid(() => verify(input))
        }
        count(folder)
      })

      const proofFiles = present ? list(base + 'proof/') : []
      it('has proof fixtures', () => expect(proofFiles.length).toBeGreaterThan(0))
      it.each(proofFiles)('proof/%s', (file) => {
        const c = read<ProofCase>(`${base}proof/${file}`)
        const rng = read<{ seed: string; dst: string }>(base + 'mockedRng.json')
        const msgs = c.messages.map(hex)
        const verifyInput = {
          suite,
          publicKey: hex(c.signerPublicKey),
          proof: hex(c.proof),
          header: hex(c.header),
          presentationHeader: hex(c.presentationHeader),
          disclosedMessages: c.disclosedIndexes.map((i) => msgs[i] ?? new Uint8Array()),
          disclosedIndexes: c.disclosedIndexes,
        }
        if (c.result.valid) {
          const proof = proofGen({
            suite,
            publicKey: verifyInput.publicKey,
            signature: hex(c.signature),
            header: verifyInput.header,
            presentationHeader: verifyInput.presentationHeader,
            messages: msgs,
            disclosedIndexes: c.disclosedIndexes,
            randomScalars: (n) => seededRandomScalars(suite, hex(rng.seed), hex(rng.dst), n),
          })
          expect(toHex(proof)).toBe(c.proof)
          expect(() => proofVerify(verifyInput)).not.toThrow()
        } else {
          expectInvalid(() => proofVerify(verifyInput))
        }
        count(folder)
      })
    })
  }
  afterAll(() => {
    for (const [suite, n] of counts) console.log(`bbs vectors ${suite}: ${n} checked`)
  })
})
