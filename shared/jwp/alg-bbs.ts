// The JPA `BBS` algorithm (draft-ietf-jose-json-proof-algorithms-13 §4.2): Issuer Header octets = BBS header, payloads = messages, Presentation Header octets = ph.
import { EidError } from '../errors/index.ts'
import { BLS12_381_SHA_256, proofGen, proofVerify, sign, undisclosedCount, verify } from '../bbs/index.ts'
import type { Ciphersuite } from '../bbs/index.ts'
import type { JwpAlgorithm } from './algorithm.ts'
import { asJwpProofError, disclosedSlots, expectProofParts } from './proof-errors.ts'

/**
 * The `BBS` JSON Proof Algorithm over a BBS ciphersuite: `BBS` is BLS12-381-SHA-256 as registered
 * by JPA; for BLS12-381-SHAKE-256 this profile uses the private name `BBS-SHAKE256`.
 * Issued proof: one component, the 80-octet signature. Presented proof: one component, the BBS proof.
 */
export function bbsAlgorithm(suite: Ciphersuite = BLS12_381_SHA_256): JwpAlgorithm {
  const alg = suite === BLS12_381_SHA_256 ? 'BBS' : 'BBS-SHAKE256'
  return {
    alg,
    issue(keys, jwp) {
      return [sign({ suite, ...keys, header: jwp.issuerHeaderBytes, messages: [...jwp.payloads] })]
    },
    confirm(publicKey, jwp, proof) {
      expectProofParts(proof, 1)
      asJwpProofError(
        () => verify({ suite, publicKey, signature: proof[0] as Uint8Array, header: jwp.issuerHeaderBytes, messages: [...jwp.payloads] }),
        'issuer signature',
      )
    },
    present(publicKey, issued, proof, presented) {
      expectProofParts(proof, 1)
      const { indexes } = disclosedSlots(presented.payloads)
      return [
        proofGen({
          suite, publicKey, signature: proof[0] as Uint8Array, header: issued.issuerHeaderBytes,
          presentationHeader: presented.presentationHeaderBytes, messages: [...issued.payloads], disclosedIndexes: indexes,
        }),
      ]
    },
    verify(publicKey, presented, proof) {
      expectProofParts(proof, 1)
      const { indexes, messages } = disclosedSlots(presented.payloads)
      checkSlotCount(presented.payloads.length, indexes.length, proof[0] as Uint8Array)
      asJwpProofError(
        () => proofVerify({
          suite, publicKey, proof: proof[0] as Uint8Array, header: presented.issuerHeaderBytes,
          presentationHeader: presented.presentationHeaderBytes, disclosedMessages: messages, disclosedIndexes: indexes,
        }),
        'presentation proof',
      )
      return {}
    },
  }
}

/** ProofVerify derives the message count from the proof length (R + U); the slot count must equal it. */
export function checkSlotCount(slots: number, disclosed: number, proof: Uint8Array, hidden = 0): void {
  const U = asJwpProofError(() => undisclosedCount(proof.length), 'presentation proof')
  if (slots !== disclosed + U - hidden) throw new EidError('jwp_payload_count_mismatch', 'payload slot count differs from the proof')
}
