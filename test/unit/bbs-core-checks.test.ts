// One rejection test per input check of the BBS core (draft-irtf-cfrg-bbs-signatures-09), asserting the EidError code.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { describe, expect, it } from 'vitest'
import { BLS12_381_SHA_256, BLS12_381_SHAKE_256, generateKeyPair, getCiphersuite, keyGen, MAX_GENERATORS, MAX_MESSAGES, proofGen, proofVerify, sign, skToPk, verify } from '../../shared/bbs/index.ts'
import { coreProofGen } from '../../shared/bbs/core-proof.ts'
import { coreSign, coreVerify } from '../../shared/bbs/core-sign.ts'
import { createGenerators } from '../../shared/bbs/generators.ts'
import { messagesToScalars, R_ORDER } from '../../shared/bbs/hash-to-scalar.ts'
import { g1ToOctets, octetsToG1, octetsToG2 } from '../../shared/bbs/points.ts'
import { calculateRandomScalars } from '../../shared/bbs/random-scalars.ts'
import { signatureToOctets } from '../../shared/bbs/signature-octets.ts'
import type { G1Point } from '../../shared/bbs/ciphersuite.ts'

const enc = new TextEncoder()
const messages = ['a', 'b', 'c', 'd'].map((m) => enc.encode(m))
const header = enc.encode('hdr')
const presentationHeader = enc.encode('ph')
const { secretKey, publicKey } = generateKeyPair()
const signature = sign({ secretKey, publicKey, header, messages })
const disclosedIndexes = [1, 3]
const disclosedMessages = [messages[1] as Uint8Array, messages[3] as Uint8Array]
const proof = proofGen({ publicKey, signature, header, presentationHeader, messages, disclosedIndexes })
const proofInput = { publicKey, proof, header, presentationHeader, disclosedMessages, disclosedIndexes }
const sigInput = { publicKey, signature, header, messages }

const Fp = bls12_381.fields.Fp
const Fp2 = bls12_381.fields.Fp2
const be = (n: bigint, len: number): Uint8Array => Uint8Array.from(Buffer.from(n.toString(16).padStart(len * 2, '0'), 'hex'))
const code = (code: string) => expect.objectContaining({ name: 'EidError', code })
const withBytes = (base: Uint8Array, offset: number, bytes: Uint8Array): Uint8Array => {
  const out = base.slice()
  out.set(bytes, offset)
  return out
}

/** A compressed G1 encoding of a point on the curve but outside the prime-order subgroup. */
function offSubgroupG1(): Uint8Array {
  for (let x = 1n; ; x++) {
    const y2 = Fp.add(Fp.mul(Fp.mul(x, x), x), 4n)
    let y: bigint
    try {
      y = Fp.sqrt(y2)
    } catch {
      continue
    }
    const p = bls12_381.G1.Point.fromAffine({ x, y })
    if (p.isTorsionFree()) continue
    const out = be(x, 48)
    out[0] = (out[0] ?? 0) | 0x80
    return out
  }
}

/** A compressed G2 encoding of a point on the twist but outside the prime-order subgroup. */
function offSubgroupG2(): Uint8Array {
  const b = Fp2.create({ c0: 4n, c1: 4n })
  for (let k = 1n; ; k++) {
    const x = Fp2.create({ c0: k, c1: 0n })
    let y
    try {
      y = Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.sqr(x), x), b))
    } catch {
      continue
    }
    if (y === undefined) continue
    const p = bls12_381.G2.Point.fromAffine({ x, y })
    if (p.isTorsionFree()) continue
    const out = new Uint8Array(96)
    out.set(be(0n, 48), 0)
    out.set(be(k, 48), 48)
    out[0] = (out[0] ?? 0) | 0x80
    return out
  }
}

/** A compressed G1 encoding whose x is not reduced (x + p), of a valid point. */
function nonCanonicalG1(): Uint8Array {
  let q = bls12_381.G1.Point.BASE
  for (;;) {
    q = q.add(bls12_381.G1.Point.BASE)
    const { x } = q.toAffine()
    if (x + Fp.ORDER >= 1n << 381n) continue
    const out = be(x + Fp.ORDER, 48)
    out[0] = (out[0] ?? 0) | ((g1ToOctets(q)[0] ?? 0) & 0xe0)
    return out
  }
}
const IDENTITY_G1 = withBytes(new Uint8Array(48), 0, Uint8Array.of(0xc0))
const IDENTITY_G2 = withBytes(new Uint8Array(96), 0, Uint8Array.of(0xc0))

describe('KeyGen / SkToPk checks', () => {
  it('rejects key material shorter than 32 bytes', () => {
    expect(() => keyGen({ keyMaterial: new Uint8Array(31) })).toThrow(code('bbs_invalid_length'))
  })
  it('rejects key_info longer than 65535 bytes', () => {
    expect(() => keyGen({ keyMaterial: new Uint8Array(32), keyInfo: new Uint8Array(65536) })).toThrow(code('bbs_invalid_length'))
  })
  it('rejects a secret key that is not 32 bytes', () => {
    expect(() => skToPk(new Uint8Array(31))).toThrow(code('bbs_invalid_length'))
  })
  it('rejects the zero secret key', () => {
    expect(() => skToPk(new Uint8Array(32))).toThrow(code('bbs_invalid_scalar'))
  })
  it('rejects a secret key ≥ r', () => {
    expect(() => skToPk(be(R_ORDER, 32))).toThrow(code('bbs_invalid_scalar'))
  })
  it('rejects an unknown ciphersuite name', () => {
    expect(() => getCiphersuite('BLS12-381-SHA-512')).toThrow(code('bbs_unsupported_ciphersuite'))
  })
})

describe('public key checks (octets_to_pubkey)', () => {
  it('rejects a key of the wrong length', () => {
    expect(() => verify({ ...sigInput, publicKey: publicKey.subarray(0, 95) })).toThrow(code('bbs_invalid_length'))
  })
  it('rejects the identity of G2', () => {
    expect(() => verify({ ...sigInput, publicKey: IDENTITY_G2 })).toThrow(code('bbs_invalid_point'))
  })
  it('rejects a key without the compression flag', () => {
    expect(() => verify({ ...sigInput, publicKey: withBytes(publicKey, 0, Uint8Array.of((publicKey[0] ?? 0) & 0x7f)) })).toThrow(code('bbs_invalid_point'))
  })
  it('rejects a point on the twist outside the subgroup', () => {
    expect(() => octetsToG2(offSubgroupG2())).toThrow(code('bbs_invalid_point'))
    expect(() => verify({ ...sigInput, publicKey: offSubgroupG2() })).toThrow(code('bbs_invalid_point'))
  })
  it('rejects a key that is another signer’s', () => {
    expect(() => verify({ ...sigInput, publicKey: generateKeyPair().publicKey })).toThrow(code('bbs_invalid_signature'))
  })
})

describe('signature checks (octets_to_signature, CoreVerify)', () => {
  it('rejects a signature that is not 80 bytes', () => {
    expect(() => verify({ ...sigInput, signature: signature.subarray(0, 79) })).toThrow(code('bbs_invalid_length'))
    expect(() => verify({ ...sigInput, signature: Uint8Array.of(...signature, 0) })).toThrow(code('bbs_invalid_length'))
  })
  it('rejects A = identity', () => {
    expect(() => verify({ ...sigInput, signature: withBytes(signature, 0, IDENTITY_G1) })).toThrow(code('bbs_invalid_point'))
  })
  it('rejects A outside the subgroup', () => {
    expect(() => verify({ ...sigInput, signature: withBytes(signature, 0, offSubgroupG1()) })).toThrow(code('bbs_invalid_point'))
  })
  it('rejects a non-canonical A (x ≥ p)', () => {
    expect(() => octetsToG1(nonCanonicalG1())).toThrow(code('bbs_invalid_point'))
  })
  it('rejects an uncompressed-flag A', () => {
    expect(() => verify({ ...sigInput, signature: withBytes(signature, 0, Uint8Array.of((signature[0] ?? 0) & 0x7f)) })).toThrow(code('bbs_invalid_point'))
  })
  it('rejects e = 0', () => {
    expect(() => verify({ ...sigInput, signature: withBytes(signature, 48, new Uint8Array(32)) })).toThrow(code('bbs_invalid_scalar'))
  })
  it('rejects e ≥ r', () => {
    expect(() => verify({ ...sigInput, signature: withBytes(signature, 48, be(R_ORDER, 32)) })).toThrow(code('bbs_invalid_scalar'))
  })
  it('rejects a changed message', () => {
    expect(() => verify({ ...sigInput, messages: [enc.encode('x'), ...messages.slice(1)] })).toThrow(code('bbs_invalid_signature'))
  })
  it('rejects a changed header', () => {
    expect(() => verify({ ...sigInput, header: enc.encode('other') })).toThrow(code('bbs_invalid_signature'))
  })
  it('rejects a missing or extra message', () => {
    expect(() => verify({ ...sigInput, messages: messages.slice(1) })).toThrow(code('bbs_invalid_signature'))
    expect(() => verify({ ...sigInput, messages: [...messages, new Uint8Array()] })).toThrow(code('bbs_invalid_signature'))
  })
  it('rejects a signature made under the other ciphersuite', () => {
    expect(() => verify({ ...sigInput, suite: BLS12_381_SHAKE_256 })).toThrow(code('bbs_invalid_signature'))
  })
  it('rejects more than MAX_MESSAGES messages', () => {
    const many = Array.from({ length: MAX_MESSAGES + 1 }, () => new Uint8Array())
    expect(() => sign({ secretKey, publicKey, messages: many })).toThrow(code('bbs_invalid_message_count'))
  })
  it('rejects a message that is not bytes', () => {
    expect(() => sign({ secretKey, publicKey, messages: ['a' as unknown as Uint8Array] })).toThrow(code('bbs_invalid_length'))
  })
})

describe('proof checks (octets_to_proof, CoreProofVerify)', () => {
  it('accepts the untouched proof', () => {
    expect(() => proofVerify(proofInput)).not.toThrow()
  })
  it('rejects a proof shorter than 272 bytes', () => {
    expect(() => proofVerify({ ...proofInput, proof: proof.subarray(0, 271) })).toThrow(code('bbs_invalid_length'))
  })
  it('rejects a proof whose length is not 272 + 32·U', () => {
    expect(() => proofVerify({ ...proofInput, proof: proof.subarray(0, proof.length - 1) })).toThrow(code('bbs_invalid_length'))
  })
  it('rejects a proof truncated by one undisclosed commitment', () => {
    const p01 = proofGen({ publicKey, signature, header, presentationHeader, messages, disclosedIndexes: [0, 1] })
    const cut = Uint8Array.of(...p01.subarray(0, p01.length - 64), ...p01.subarray(p01.length - 32))
    const input = { ...proofInput, disclosedIndexes: [0, 1], disclosedMessages: messages.slice(0, 2) }
    expect(() => proofVerify({ ...input, proof: p01 })).not.toThrow()
    expect(() => proofVerify({ ...input, proof: cut })).toThrow(code('bbs_invalid_proof'))
    // With indexes [1, 3] the shorter proof implies L = 3, so index 3 is out of range.
    const cut13 = Uint8Array.of(...proof.subarray(0, proof.length - 64), ...proof.subarray(proof.length - 32))
    expect(() => proofVerify({ ...proofInput, proof: cut13 })).toThrow(code('bbs_invalid_index'))
  })
  it.each([0, 1, 2])('rejects point %i = identity', (i) => {
    expect(() => proofVerify({ ...proofInput, proof: withBytes(proof, i * 48, IDENTITY_G1) })).toThrow(code('bbs_invalid_point'))
  })
  it('rejects a point outside the subgroup', () => {
    expect(() => proofVerify({ ...proofInput, proof: withBytes(proof, 48, offSubgroupG1()) })).toThrow(code('bbs_invalid_point'))
  })
  it('rejects a zero scalar', () => {
    expect(() => proofVerify({ ...proofInput, proof: withBytes(proof, 144, new Uint8Array(32)) })).toThrow(code('bbs_invalid_scalar'))
  })
  it('rejects a scalar ≥ r', () => {
    expect(() => proofVerify({ ...proofInput, proof: withBytes(proof, proof.length - 32, be(R_ORDER, 32)) })).toThrow(code('bbs_invalid_scalar'))
  })
  it('rejects a changed disclosed message', () => {
    expect(() => proofVerify({ ...proofInput, disclosedMessages: [enc.encode('z'), disclosedMessages[1] as Uint8Array] })).toThrow(code('bbs_invalid_proof'))
  })
  it('rejects a changed header', () => {
    expect(() => proofVerify({ ...proofInput, header: enc.encode('x') })).toThrow(code('bbs_invalid_proof'))
  })
  it('rejects a changed presentation header', () => {
    expect(() => proofVerify({ ...proofInput, presentationHeader: enc.encode('x') })).toThrow(code('bbs_invalid_proof'))
  })
  it('rejects another public key', () => {
    expect(() => proofVerify({ ...proofInput, publicKey: generateKeyPair().publicKey })).toThrow(code('bbs_invalid_proof'))
  })
  it('rejects a proof under the other ciphersuite', () => {
    expect(() => proofVerify({ ...proofInput, suite: 'BLS12-381-SHAKE-256' })).toThrow(code('bbs_invalid_proof'))
  })
  it('rejects a consistent proof of a forged signature at the pairing check', () => {
    // ProofGen does not verify its input signature, so a random (A, e) yields a proof whose challenge matches.
    const suite = BLS12_381_SHA_256
    const [a, e] = calculateRandomScalars(2) as [bigint, bigint]
    const forged = signatureToOctets({ A: bls12_381.G1.Point.BASE.multiply(a), e })
    const scalars = messagesToScalars(suite, messages, suite.apiId)
    const gens = createGenerators(suite, messages.length + 1, suite.apiId)
    const p = coreProofGen(suite, publicKey, forged, gens, header, presentationHeader, scalars, disclosedIndexes, suite.apiId)
    expect(() => proofVerify({ ...proofInput, proof: p })).toThrow(code('bbs_invalid_proof'))
  })
})

describe('disclosed index checks', () => {
  it('rejects unsorted indexes', () => {
    expect(() => proofVerify({ ...proofInput, disclosedIndexes: [3, 1], disclosedMessages: [disclosedMessages[1] as Uint8Array, disclosedMessages[0] as Uint8Array] })).toThrow(code('bbs_invalid_index'))
    expect(() => proofGen({ publicKey, signature, header, messages, disclosedIndexes: [3, 1] })).toThrow(code('bbs_invalid_index'))
  })
  it('rejects duplicate indexes', () => {
    expect(() => proofGen({ publicKey, signature, header, messages, disclosedIndexes: [1, 1] })).toThrow(code('bbs_invalid_index'))
    expect(() => proofVerify({ ...proofInput, disclosedIndexes: [1, 1] })).toThrow(code('bbs_invalid_index'))
  })
  it('rejects an index out of range', () => {
    expect(() => proofGen({ publicKey, signature, header, messages, disclosedIndexes: [4] })).toThrow(code('bbs_invalid_index'))
    expect(() => proofVerify({ ...proofInput, disclosedIndexes: [1, 4] })).toThrow(code('bbs_invalid_index'))
  })
  it('rejects negative and non-integer indexes', () => {
    expect(() => proofGen({ publicKey, signature, header, messages, disclosedIndexes: [-1] })).toThrow(code('bbs_invalid_index'))
    expect(() => proofGen({ publicKey, signature, header, messages, disclosedIndexes: [0.5] })).toThrow(code('bbs_invalid_index'))
  })
  it('rejects disclosed messages that do not match the indexes in number', () => {
    expect(() => proofVerify({ ...proofInput, disclosedMessages: disclosedMessages.slice(0, 1) })).toThrow(code('bbs_invalid_index'))
  })
  it('rejects a proof claiming more than MAX_MESSAGES messages', () => {
    const long = new Uint8Array(272 + 32 * MAX_MESSAGES)
    expect(() => proofVerify({ ...proofInput, proof: long })).toThrow(code('bbs_invalid_message_count'))
  })
})

describe('core operation checks (for interfaces built on the core)', () => {
  const suite = BLS12_381_SHA_256
  const scalars = messagesToScalars(suite, messages, suite.apiId)
  const gens = createGenerators(suite, messages.length + 1, suite.apiId)
  it('CoreSign rejects a generator count other than messages + 1', () => {
    expect(() => coreSign(suite, 5n, publicKey, gens.slice(0, 3), header, scalars, suite.apiId)).toThrow(code('bbs_invalid_message_count'))
  })
  it('CoreVerify rejects a generator count other than messages + 1', () => {
    expect(() => coreVerify(suite, publicKey, signature, [...gens, gens[0] as G1Point], header, scalars, suite.apiId)).toThrow(code('bbs_invalid_message_count'))
  })
  it('core operations reject message scalars outside 0..r-1', () => {
    expect(() => coreSign(suite, 5n, publicKey, gens, header, [R_ORDER, ...scalars.slice(1)], suite.apiId)).toThrow(code('bbs_invalid_scalar'))
  })
  it('CoreProofGen rejects a random-scalar source returning the wrong count', () => {
    expect(() => coreProofGen(suite, publicKey, signature, gens, header, presentationHeader, scalars, [0], suite.apiId, (n) => calculateRandomScalars(n - 1))).toThrow(
      code('bbs_invalid_scalar'),
    )
  })
  it('create_generators refuses counts beyond its bound', () => {
    expect(() => createGenerators(suite, MAX_GENERATORS + 1, suite.apiId)).toThrow(code('bbs_invalid_message_count'))
  })
})

describe('ProofGen with verifySignature', () => {
  it('refuses to prove a signature that does not verify', () => {
    const other = sign({ secretKey, publicKey, header, messages: messages.slice(0, 3).concat(enc.encode('z')) })
    expect(() => proofGen({ publicKey, signature: other, header, messages, disclosedIndexes: [0], verifySignature: true })).toThrow(code('bbs_invalid_signature'))
    expect(() => proofGen({ publicKey, signature, header, messages, disclosedIndexes: [0], verifySignature: true })).not.toThrow()
  })
})
