// `BBS-NYM`: this profile's JSON Proof Algorithm for blind issuance of a holder pseudonym secret and per-verifier pseudonyms
// (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03 on blind BBS); JPA-13 defines none. Specified in docs/protocol/jwp.md.
import { EidError } from '../errors/index.ts'
import type { Ciphersuite } from '../bbs/index.ts'
import {
  BLS12_381_SHA_256, blindSignWithNym, commitWithNym, generateProverNyms, proofGenWithNym, proofVerifyWithNym, verifyFinalizeWithNym,
} from '../bbs/index.ts'
import type { JwpAlgorithm, PresentedInput } from './algorithm.ts'
import { checkSlotCount } from './alg-bbs.ts'
import { asJwpProofError, disclosedSlots, expectProofParts } from './proof-errors.ts'

/** Nym secrets per credential in this profile (`length_nym_vector`): one, a single-use-unbounded pseudonym. */
export const NYM_COUNT = 1

/** What the issuer needs besides its key pair: the holder's commitment (and, to re-issue, the old entropy). */
export interface NymIssueExtra {
  commitmentWithProof: Uint8Array
  signerNymEntropy?: Uint8Array
}

/** What the holder kept from its commitment, needed to confirm. */
export interface NymConfirmInput {
  proverNyms: Uint8Array[]
  secretProverBlind: Uint8Array
}

/** The holder's secret state after confirm (store it with the issued JWP, encrypted; never send it). */
export interface NymHolderState {
  nymSecrets: Uint8Array[]
  secretProverBlind: Uint8Array
}

/** Holder side, before the credential request: fresh nym secret and its blind commitment for the issuer. */
export function createNymCommitment(suite: Ciphersuite = BLS12_381_SHA_256): { commitmentWithProof: Uint8Array; confirm: NymConfirmInput } {
  const proverNyms = generateProverNyms(NYM_COUNT)
  const { commitmentWithProof, secretProverBlind } = commitWithNym({ suite, proverNyms })
  return { commitmentWithProof, confirm: { proverNyms, secretProverBlind } }
}

/**
 * `context_id` of a presentation: the UTF-8 octets of its `nym_ctx` (the service's stable service_id from
 * its registration certificate), or without one of its single-string `aud` (the verifier's client_id).
 */
export function nymContextId(presented: Pick<PresentedInput, 'presentationHeader'>): Uint8Array {
  const ctx = presented.presentationHeader.nym_ctx
  if (ctx !== undefined) return new TextEncoder().encode(ctx)
  const aud = presented.presentationHeader.aud
  if (typeof aud !== 'string') throw new EidError('jwp_header_invalid', 'BBS-NYM presentations need a single-string aud')
  return new TextEncoder().encode(aud)
}

/**
 * The `BBS-NYM` algorithm (`BBS-NYM-SHAKE256` over BLS12-381-SHAKE-256). Issued proof:
 * `[signature (80), signer_nym_entropy (32)]`. Presented proof: `[proof, pseudonym (48)]`, the
 * pseudonym bound to the presentation's `aud`.
 */
export function bbsNymAlgorithm(suite: Ciphersuite = BLS12_381_SHA_256): JwpAlgorithm<NymIssueExtra, NymConfirmInput, NymHolderState> {
  const alg = suite === BLS12_381_SHA_256 ? 'BBS-NYM' : 'BBS-NYM-SHAKE256'
  return {
    alg,
    issue(keys, jwp, extra) {
      const out = blindSignWithNym({
        suite, ...keys, commitmentWithProof: extra.commitmentWithProof, nymCount: NYM_COUNT,
        ...(extra.signerNymEntropy ? { signerNymEntropy: extra.signerNymEntropy } : {}),
        header: jwp.issuerHeaderBytes, messages: [...jwp.payloads],
      })
      return [out.signature, out.signerNymEntropy]
    },
    confirm(publicKey, jwp, proof, input) {
      expectProofParts(proof, 2)
      const nymSecrets = asJwpProofError(
        () => verifyFinalizeWithNym({
          suite, publicKey, signature: proof[0] as Uint8Array, header: jwp.issuerHeaderBytes, messages: [...jwp.payloads],
          proverNyms: input.proverNyms, signerNymEntropy: proof[1] as Uint8Array, secretProverBlind: input.secretProverBlind,
        }),
        'issuer signature',
      )
      return { nymSecrets, secretProverBlind: input.secretProverBlind }
    },
    present(publicKey, issued, proof, presented, state) {
      expectProofParts(proof, 2)
      const { indexes } = disclosedSlots(presented.payloads)
      const out = proofGenWithNym({
        suite, publicKey, signature: proof[0] as Uint8Array, header: issued.issuerHeaderBytes,
        presentationHeader: presented.presentationHeaderBytes, nymSecrets: state.nymSecrets, contextId: nymContextId(presented),
        messages: [...issued.payloads], disclosedIndexes: indexes, secretProverBlind: state.secretProverBlind,
      })
      return [out.proof, out.pseudonym]
    },
    verify(publicKey, presented, proof) {
      expectProofParts(proof, 2)
      const [bbsProof, pseudonym] = proof as [Uint8Array, Uint8Array]
      const { indexes, messages } = disclosedSlots(presented.payloads)
      const contextId = nymContextId(presented)
      checkSlotCount(presented.payloads.length, indexes.length, bbsProof, 1 + NYM_COUNT)
      asJwpProofError(
        () => proofVerifyWithNym({
          suite, publicKey, proof: bbsProof, header: presented.issuerHeaderBytes, presentationHeader: presented.presentationHeaderBytes,
          pseudonym, contextId, nymCount: NYM_COUNT, signerMessageCount: presented.payloads.length,
          disclosedMessages: messages, disclosedIndexes: indexes,
        }),
        'presentation proof',
      )
      return { pseudonym }
    },
  }
}
