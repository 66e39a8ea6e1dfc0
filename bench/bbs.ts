// BBS benchmark (draft-irtf-cfrg-bbs-signatures-09, BLS12-381-SHA-256): Sign, Verify, ProofGen, ProofVerify for
// 12 messages disclosing 2, beside @digitalbazaar/bbs-signatures (pure JS, same draft), @mattrglobal/pairing-crypto
// (WASM, older draft: speed reference only) and the sum of the plain noble calls each operation needs, all measured in
// the same interleaved rounds.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { mulAddUnsafe } from '@noble/curves/abstract/curve.js'
import { createRequire } from 'node:module'
import type { CiphersuiteName } from '../shared/bbs/index.ts'
import type { G1Point } from '../shared/bbs/ciphersuite.ts'
import { BLS12_381_SHA_256, generateKeyPair, proofGen, proofVerify, sign, verify } from '../shared/bbs/index.ts'
import { createGenerators } from '../shared/bbs/generators.ts'
import { calculateRandomScalars } from '../shared/bbs/random-scalars.ts'
import type { Row } from './harness.ts'
import { measureInterleaved, peerName, printTable } from './harness.ts'
import { pairedRatio } from './bbs-paired.ts'

type Bytes = Uint8Array

/**
 * The calls made to @mattrglobal/pairing-crypto (WASM). Its published typings are TypeScript sources that do not
 * compile under this project's strict ESM settings (`npm run typecheck` checks them), so it is loaded through
 * require and typed by what is used here.
 */
interface MattrBbsSuite {
  generateKeyPair(): Promise<{ secretKey: Bytes; publicKey: Bytes }>
  sign(r: { secretKey: Bytes; publicKey: Bytes; header: Bytes; messages: Bytes[] }): Promise<Bytes>
  verify(r: { publicKey: Bytes; header: Bytes; messages: Bytes[]; signature: Bytes }): Promise<{ verified: boolean }>
  deriveProof(r: { publicKey: Bytes; header: Bytes; presentationHeader: Bytes; signature: Bytes; verifySignature: boolean; messages: { value: Bytes; reveal: boolean }[] }): Promise<Bytes>
  verifyProof(r: { publicKey: Bytes; header: Bytes; presentationHeader: Bytes; proof: Bytes; messages: Record<number, Bytes> }): Promise<{ verified: boolean }>
}
const mattr = (createRequire(import.meta.url)('@mattrglobal/pairing-crypto') as { bbs: { bls12381_sha256: MattrBbsSuite } }).bbs
type Suite = { ciphersuite: string }
/** The slice of @digitalbazaar/bbs-signatures (untyped JS) used here. */
interface DigitalBazaarBbs {
  sign(o: Suite & { secretKey: Bytes; publicKey: Bytes; header: Bytes; messages: Bytes[] }): Promise<Bytes>
  verifySignature(o: Suite & { publicKey: Bytes; signature: Bytes; header: Bytes; messages: Bytes[] }): Promise<boolean>
  deriveProof(o: Suite & { publicKey: Bytes; signature: Bytes; header: Bytes; messages: Bytes[]; presentationHeader: Bytes; disclosedMessageIndexes: number[] }): Promise<Bytes>
  verifyProof(o: Suite & { publicKey: Bytes; proof: Bytes; header: Bytes; presentationHeader: Bytes; disclosedMessages: Bytes[]; disclosedMessageIndexes: number[] }): Promise<boolean>
}

const L = 12
const DISCLOSED = [0, 7]
const U = L - DISCLOSED.length
const R = DISCLOSED.length
const ROUNDS = 7
/** Pairs of single calls per operation for the paired ratios against the WASM peer. */
const PAIRS = 25
const enc = new TextEncoder()
const G1 = bls12_381.G1.Point

type Op = 'sign' | 'verify' | 'proofGen' | 'proofVerify'
type Component = 'pair2' | 'g1dec' | 'f14' | 'f10' | 'f4' | 'v1' | 'v2' | 'v3'

/** The noble primitives the BBS operations need, as functions to measure (summed by nobleSumOf). */
function nobleComponents(): Record<Component, () => unknown> {
  const suite = BLS12_381_SHA_256
  const gens = [suite.P1, ...createGenerators(suite, L + 1, suite.apiId)]
  // Fixed-base tables for the reused points, as any well-cached implementation keeps them.
  for (const g of gens) g.precompute(8, false)
  const s = (): bigint[] => calculateRandomScalars(L + 2)
  const sc = s()
  const fixed = (n: number) => (): G1Point => gens.slice(0, n).reduce((acc: G1Point, g, i) => acc.add(g.multiplyUnsafe(sc[i] as bigint)), G1.ZERO)
  const pts = Array.from({ length: 3 }, () => G1.BASE.multiply(s()[0] as bigint))
  const varMsm = (n: number) => (): G1Point =>
    n === 1 ? (pts[0] as G1Point).multiplyUnsafe(sc[0] as bigint) : mulAddUnsafe(G1, pts.slice(0, n), sc.slice(0, n))
  const W = bls12_381.G2.Point.BASE.multiply(s()[0] as bigint)
  const tables = [bls12_381.utils.calcPairingPrecomputes(W), bls12_381.utils.calcPairingPrecomputes(bls12_381.G2.Point.BASE)]
  const encoded = (pts[2] as G1Point).toBytes()
  return {
    pair2: () => {
      const a = (pts[0] as G1Point).toAffine()
      const b = (pts[1] as G1Point).toAffine()
      const f = bls12_381.millerLoopBatch([[tables[0]!, a.x, a.y], [tables[1]!, b.x, b.y]])
      return bls12_381.fields.Fp12.finalExponentiate(f)
    },
    g1dec: () => G1.fromBytes(encoded),
    f14: fixed(L + 2),
    f10: fixed(U),
    f4: fixed(R + 2),
    v1: varMsm(1),
    v2: varMsm(2),
    v3: varMsm(3),
  }
}

/**
 * Each operation as the sum of the medians of the plain noble calls it needs (cached fixed-base tables). A reference
 * for the composition, not a lower bound: ours uses its own MSM and Fp12 arithmetic and runs below it.
 */
function nobleSumOf(m: Record<Component, number>): Record<Op, number> {
  const { pair2, g1dec, f14, f10, f4, v1, v2, v3 } = m
  return {
    // B (P1 + Q1 + 12 H), A = B·1/(SK+e)
    sign: f14 + v1,
    // decode A, B, A·e, one 2-pairing product
    verify: g1dec + f14 + v1 + pair2,
    // decode A, B, D = r2·B, Abar, Bbar (2-MSM), T1 (2-MSM), T2 = r3~·D + 10 fixed
    proofGen: g1dec + f14 + v1 + v1 + v2 + v2 + v1 + f10,
    // decode Abar, Bbar, D; T1 (3-MSM); Bv (P1, Q1, 2 H); T2 (2-MSM + 10 fixed); one 2-pairing product
    proofVerify: 3 * g1dec + v3 + f4 + v2 + f10 + pair2,
  }
}

export async function run(): Promise<void> {
  const suite: CiphersuiteName = 'BLS12-381-SHA-256'
  const messages = Array.from({ length: L }, (_, i) => enc.encode(`claim-${i}: value ${i * 31337}`))
  const header = enc.encode('{"alg":"BBS","kid":"bench"}')
  const presentationHeader = enc.encode('{"nonce":"n-0123456789","aud":"https://verifier.example"}')
  const { secretKey, publicKey } = generateKeyPair(suite)
  const disclosedMessages = DISCLOSED.map((i) => messages[i] as Bytes)

  // ours
  const signature = sign({ suite, secretKey, publicKey, header, messages })
  const proof = proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes: DISCLOSED })
  const verifyProofInput = { suite, publicKey, proof, header, presentationHeader, disclosedMessages, disclosedIndexes: DISCLOSED }
  proofVerify(verifyProofInput)
  const oursFns: Record<Op, () => unknown> = {
    sign: () => sign({ suite, secretKey, publicKey, header, messages }),
    verify: () => verify({ suite, publicKey, signature, header, messages }),
    proofGen: () => proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes: DISCLOSED }),
    proofVerify: () => proofVerify(verifyProofInput),
  }

  // @digitalbazaar/bbs-signatures, same draft and suite: its proofs verify in ours (test/interop)
  const moduleName = '@digitalbazaar/bbs-signatures'
  const db = (await import(moduleName)) as DigitalBazaarBbs
  const c = { ciphersuite: suite }
  const dbProof = await db.deriveProof({ ...c, publicKey, signature, header, messages, presentationHeader, disclosedMessageIndexes: DISCLOSED })
  if (!(await db.verifyProof({ ...c, publicKey, proof: dbProof, header, presentationHeader, disclosedMessages, disclosedMessageIndexes: DISCLOSED }))) {
    throw new Error('bench: digitalbazaar proof did not verify')
  }
  const dbFns: Record<Op, () => unknown> = {
    sign: () => db.sign({ ...c, secretKey, publicKey, header, messages }),
    verify: () => db.verifySignature({ ...c, publicKey, signature, header, messages }),
    proofGen: () => db.deriveProof({ ...c, publicKey, signature, header, messages, presentationHeader, disclosedMessageIndexes: DISCLOSED }),
    proofVerify: () => db.verifyProof({ ...c, publicKey, proof: dbProof, header, presentationHeader, disclosedMessages, disclosedMessageIndexes: DISCLOSED }),
  }

  // @mattrglobal/pairing-crypto (WASM), an older draft: speed reference only
  const m = mattr.bls12381_sha256
  const mk = await m.generateKeyPair()
  const mSig = await m.sign({ secretKey: mk.secretKey, publicKey: mk.publicKey, header, messages })
  const reveal = messages.map((value, i) => ({ value, reveal: DISCLOSED.includes(i) }))
  const mProof = await m.deriveProof({ publicKey: mk.publicKey, header, presentationHeader, signature: mSig, verifySignature: false, messages: reveal })
  const revealed = Object.fromEntries(DISCLOSED.map((i) => [i, messages[i] as Bytes]))
  const mattrFns: Record<Op, () => unknown> = {
    sign: () => m.sign({ secretKey: mk.secretKey, publicKey: mk.publicKey, header, messages }),
    verify: () => m.verify({ publicKey: mk.publicKey, header, messages, signature: mSig }),
    proofGen: () => m.deriveProof({ publicKey: mk.publicKey, header, presentationHeader, signature: mSig, verifySignature: false, messages: reveal }),
    proofVerify: () => m.verifyProof({ publicKey: mk.publicKey, header, presentationHeader, proof: mProof, messages: revealed }),
  }

  // Ours, both peers and the noble calls are interleaved in the same rounds, so load bursts hit all alike.
  const components = nobleComponents()
  const prefixed = (prefix: string, fns: Record<string, () => unknown>) => Object.entries(fns).map(([k, fn]) => ({ name: `${prefix}.${k}`, fn }))
  const measured = await measureInterleaved(
    [...prefixed('ours', oursFns), ...prefixed('mattr', mattrFns), ...prefixed('db', dbFns), ...prefixed('noble', components)],
    // CPU time of this process: every row runs in it (the WASM peer too), and a busy shared machine does not inflate it.
    { rounds: ROUNDS, batchMs: 30, clock: 'cpu' },
  )
  const all = Object.fromEntries(measured.map((r) => [r.name, r.medianMs]))
  const pick = <K extends string>(prefix: string, keys: readonly K[]): Record<K, number> =>
    Object.fromEntries(keys.map((k) => [k, all[`${prefix}.${k}`] as number])) as Record<K, number>
  const opKeys = ['sign', 'verify', 'proofGen', 'proofVerify'] as const
  const ours = pick('ours', opKeys)
  const mattrMs = pick('mattr', opKeys)
  const dbMs = pick('db', opKeys)
  const nobleSum = nobleSumOf(pick('noble', Object.keys(components) as Component[]))
  const dbName = peerName('@digitalbazaar/bbs-signatures')
  const mattrName = `${peerName('@mattrglobal/pairing-crypto')} (WASM)`
  const ops = [
    ['Sign', 'sign'],
    ['Verify', 'verify'],
    ['ProofGen', 'proofGen'],
    ['ProofVerify', 'proofVerify'],
  ] as const
  for (const [title, key] of ops) {
    const rows: Row[] = [
      { name: 'ours', medianMs: ours[key] },
      { name: mattrName, medianMs: mattrMs[key], ref: 'ours', note: 'older draft' },
      { name: dbName, medianMs: dbMs[key], ref: 'ours' },
      { name: 'plain noble calls, summed', medianMs: nobleSum[key], ref: 'ours', note: 'reference composition, not a bound' },
    ]
    printTable(`BBS ${title}, BLS12-381-SHA-256, ${L} messages, ${R} disclosed (median CPU time, ${ROUNDS} interleaved rounds)`, rows)
  }
  // The same ratios against the WASM peer, call against call: robust to load that changes between a round's rows.
  console.log(`\n## BBS, ${mattrName} / ours, paired (CPU time of single calls in alternating order, ${PAIRS} pairs: median ratio [interquartile range])`)
  for (const [title, key] of ops) {
    const r = await pairedRatio(oursFns[key], mattrFns[key], PAIRS)
    console.log(`${title.padEnd(12)} ${r.median.toFixed(2)}x  [${r.q1.toFixed(2)}–${r.q3.toFixed(2)}]`)
  }
}
