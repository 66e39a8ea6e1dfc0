// BBS benchmark (draft-irtf-cfrg-bbs-signatures-09, BLS12-381-SHA-256): Sign, Verify, ProofGen, ProofVerify for
// 12 messages disclosing 2, beside @digitalbazaar/bbs-signatures (pure JS, same draft), @mattrglobal/pairing-crypto
// (WASM, older draft: speed reference only) and a lower bound summed from the noble primitives each operation needs.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { mulAddUnsafe } from '@noble/curves/abstract/curve.js'
import { bbs as mattr } from '@mattrglobal/pairing-crypto'
import type { G1Point } from '../shared/bbs/index.ts'
import { BLS12_381_SHA_256, calculateRandomScalars, createGenerators, generateKeyPair, proofGen, proofVerify, sign, verify } from '../shared/bbs/index.ts'
import type { Row } from './harness.ts'
import { medianMs, printTable } from './harness.ts'

type Bytes = Uint8Array
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
const SAMPLES = { maxSamples: 30, minCpuTimeMs: 300 }
const enc = new TextEncoder()
const G1 = bls12_381.G1.Point

/** Median of the noble primitives a BBS operation needs, measured one by one and summed. */
async function nobleBound(): Promise<Record<'sign' | 'verify' | 'proofGen' | 'proofVerify', number>> {
  const suite = BLS12_381_SHA_256
  const gens = [suite.P1, ...createGenerators(suite, L + 1, suite.apiId)]
  // Fixed-base tables for the reused points, as any well-cached implementation keeps them.
  for (const g of gens) g.precompute(8, false)
  const s = (): bigint[] => calculateRandomScalars(L + 2)
  const fixed = (n: number) => async (): Promise<number> => {
    const sc = s()
    return medianMs(() => gens.slice(0, n).reduce((acc: G1Point, g, i) => acc.add(g.multiplyUnsafe(sc[i] as bigint)), G1.ZERO), SAMPLES)
  }
  const pts = Array.from({ length: 3 }, () => G1.BASE.multiply(s()[0] as bigint))
  const varMsm = (n: number) => (): Promise<number> => {
    const sc = s().slice(0, n)
    return medianMs(() => (n === 1 ? (pts[0] as G1Point).multiplyUnsafe(sc[0] as bigint) : mulAddUnsafe(G1, pts.slice(0, n), sc)), SAMPLES)
  }
  const W = bls12_381.G2.Point.BASE.multiply(s()[0] as bigint)
  const tables = [bls12_381.utils.calcPairingPrecomputes(W), bls12_381.utils.calcPairingPrecomputes(bls12_381.G2.Point.BASE)]
  const pair2 = await medianMs(() => {
    const a = (pts[0] as G1Point).toAffine()
    const b = (pts[1] as G1Point).toAffine()
    const f = bls12_381.millerLoopBatch([[tables[0]!, a.x, a.y], [tables[1]!, b.x, b.y]])
    return bls12_381.fields.Fp12.finalExponentiate(f)
  }, SAMPLES)
  const encoded = (pts[2] as G1Point).toBytes()
  const g1dec = await medianMs(() => G1.fromBytes(encoded), SAMPLES)
  const [f14, f10, f4] = [await fixed(L + 2)(), await fixed(U)(), await fixed(R + 2)()]
  const [v1, v2, v3] = [await varMsm(1)(), await varMsm(2)(), await varMsm(3)()]
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
  const suite = 'BLS12-381-SHA-256'
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
  const ours = {
    sign: await medianMs(() => sign({ suite, secretKey, publicKey, header, messages }), SAMPLES),
    verify: await medianMs(() => verify({ suite, publicKey, signature, header, messages }), SAMPLES),
    proofGen: await medianMs(() => proofGen({ suite, publicKey, signature, header, presentationHeader, messages, disclosedIndexes: DISCLOSED }), SAMPLES),
    proofVerify: await medianMs(() => proofVerify(verifyProofInput), SAMPLES),
  }

  // @digitalbazaar/bbs-signatures, same draft and suite: its proofs verify in ours (test/interop)
  const moduleName = '@digitalbazaar/bbs-signatures'
  const db = (await import(moduleName)) as DigitalBazaarBbs
  const c = { ciphersuite: suite }
  const dbProof = await db.deriveProof({ ...c, publicKey, signature, header, messages, presentationHeader, disclosedMessageIndexes: DISCLOSED })
  if (!(await db.verifyProof({ ...c, publicKey, proof: dbProof, header, presentationHeader, disclosedMessages, disclosedMessageIndexes: DISCLOSED }))) {
    throw new Error('bench: digitalbazaar proof did not verify')
  }
  const few = { maxSamples: 8, minCpuTimeMs: 300 }
  const digitalbazaar = {
    sign: await medianMs(() => db.sign({ ...c, secretKey, publicKey, header, messages }), few),
    verify: await medianMs(() => db.verifySignature({ ...c, publicKey, signature, header, messages }), few),
    proofGen: await medianMs(() => db.deriveProof({ ...c, publicKey, signature, header, messages, presentationHeader, disclosedMessageIndexes: DISCLOSED }), few),
    proofVerify: await medianMs(() => db.verifyProof({ ...c, publicKey, proof: dbProof, header, presentationHeader, disclosedMessages, disclosedMessageIndexes: DISCLOSED }), few),
  }

  // @mattrglobal/pairing-crypto (WASM), an older draft: speed reference only
  const m = mattr.bls12381_sha256
  const mk = await m.generateKeyPair()
  const mSig = await m.sign({ secretKey: mk.secretKey, publicKey: mk.publicKey, header, messages })
  const reveal = messages.map((value, i) => ({ value, reveal: DISCLOSED.includes(i) }))
  const mProof = await m.deriveProof({ publicKey: mk.publicKey, header, presentationHeader, signature: mSig, verifySignature: false, messages: reveal })
  const revealed = Object.fromEntries(DISCLOSED.map((i) => [i, messages[i] as Bytes]))
  const mattrMs = {
    sign: await medianMs(() => m.sign({ secretKey: mk.secretKey, publicKey: mk.publicKey, header, messages }), SAMPLES),
    verify: await medianMs(() => m.verify({ publicKey: mk.publicKey, header, messages, signature: mSig }), SAMPLES),
    proofGen: await medianMs(() => m.deriveProof({ publicKey: mk.publicKey, header, presentationHeader, signature: mSig, verifySignature: false, messages: reveal }), SAMPLES),
    proofVerify: await medianMs(() => m.verifyProof({ publicKey: mk.publicKey, header, presentationHeader, proof: mProof, messages: revealed }), SAMPLES),
  }

  const bound = await nobleBound()
  const ops = [
    ['Sign', 'sign'],
    ['Verify', 'verify'],
    ['ProofGen', 'proofGen'],
    ['ProofVerify', 'proofVerify'],
  ] as const
  for (const [title, key] of ops) {
    const rows: Row[] = [
      { name: 'noble bound', medianMs: bound[key], note: 'sum of the noble primitives the operation needs, cached tables' },
      { name: 'ours', medianMs: ours[key], ref: 'noble bound' },
      { name: '@digitalbazaar/bbs-signatures', medianMs: digitalbazaar[key], ref: 'ours' },
      { name: '@mattrglobal/pairing-crypto (WASM)', medianMs: mattrMs[key], ref: 'ours', note: 'older draft' },
    ]
    printTable(`BBS ${title}, BLS12-381-SHA-256, ${L} messages, ${R} disclosed`, rows)
  }
}
