// Benchmark of blind issuance and pseudonym proofs (12 messages, 2 disclosed) beside plain BBS ProofGen/ProofVerify.
import { medianMs, printTable } from './harness.ts'
import type { Row } from './harness.ts'
import {
  blindSignWithNym, commitWithNym, generateKeyPair, generateProverNyms, proofGen, proofGenWithNym, proofVerify, proofVerifyWithNym, sign,
  verifyFinalizeWithNym,
} from '../shared/bbs/index.ts'
import { bbsNymAlgorithm, confirmJwp, createNymCommitment, issueJwp, presentJwp, verifyPresentedJwp } from '../shared/jwp/index.ts'

const enc = new TextEncoder()
const BOUND = { maxSamples: 40, minCpuTimeMs: 300 }

/** Prints medians and ratios for plain and pseudonym proofs; bounded to a few seconds. */
export async function run(): Promise<void> {
  const keys = generateKeyPair()
  const messages = Array.from({ length: 12 }, (_, i) => enc.encode(`claim-${i}-${'x'.repeat(i * 3)}`))
  const header = enc.encode('{"alg":"BBS-NYM","typ":"jpt"}')
  const ph = enc.encode('{"aud":"https://rp.example/cb","nonce":"n","iat":1}')
  const disclosedIndexes = [2, 7]
  const contextId = enc.encode('https://rp.example/cb')

  // Plain BBS (core interface)
  const signature = sign({ ...keys, header, messages })
  const proof = proofGen({ publicKey: keys.publicKey, signature, header, presentationHeader: ph, messages, disclosedIndexes })
  const disclosedMessages = disclosedIndexes.map((i) => messages[i] as Uint8Array)

  // Pseudonym issuance: holder commits, issuer blind-signs, holder finalizes
  const proverNyms = generateProverNyms(1)
  const committed = commitWithNym({ proverNyms })
  const signed = blindSignWithNym({ ...keys, commitmentWithProof: committed.commitmentWithProof, nymCount: 1, header, messages })
  const nymSecrets = verifyFinalizeWithNym({
    publicKey: keys.publicKey, signature: signed.signature, header, messages, proverNyms,
    signerNymEntropy: signed.signerNymEntropy, secretProverBlind: committed.secretProverBlind,
  })
  const nymGenInput = {
    publicKey: keys.publicKey, signature: signed.signature, header, presentationHeader: ph, nymSecrets, contextId, messages,
    disclosedIndexes, secretProverBlind: committed.secretProverBlind,
  }
  const nymProof = proofGenWithNym(nymGenInput)
  const nymVerifyInput = {
    publicKey: keys.publicKey, proof: nymProof.proof, header, presentationHeader: ph, pseudonym: nymProof.pseudonym, contextId,
    nymCount: 1, signerMessageCount: messages.length, disclosedMessages, disclosedIndexes,
  }

  const rows: Row[] = [
    { name: 'BBS ProofGen (12 msgs, 2 disclosed)', medianMs: await medianMs(() => proofGen({ publicKey: keys.publicKey, signature, header, presentationHeader: ph, messages, disclosedIndexes }), BOUND) },
    { name: 'BBS ProofVerify', medianMs: await medianMs(() => proofVerify({ publicKey: keys.publicKey, proof, header, presentationHeader: ph, disclosedMessages, disclosedIndexes }), BOUND) },
    { name: 'ProofGenWithNym (12 msgs, 2 disclosed)', medianMs: await medianMs(() => proofGenWithNym(nymGenInput), BOUND), ref: 'BBS ProofGen (12 msgs, 2 disclosed)' },
    { name: 'ProofVerifyWithNym', medianMs: await medianMs(() => proofVerifyWithNym(nymVerifyInput), BOUND), ref: 'BBS ProofVerify' },
  ]
  // The same through the JWP layer (BBS-NYM): parsing, header checks, JPT claims on top of the proof.
  const alg = bbsNymAlgorithm()
  const holder = createNymCommitment()
  const { compact } = issueJwp(alg, { header: { typ: 'jpt' }, payloads: messages, keys, extra: { commitmentWithProof: holder.commitmentWithProof } })
  const confirmed = confirmJwp(alg, compact, keys.publicKey, holder.confirm)
  const presentInput = { publicKey: keys.publicKey, presentationHeader: { aud: 'https://rp.example/cb', nonce: 'n', iat: 1 }, disclose: disclosedIndexes, state: confirmed.state }
  const presented = presentJwp(alg, confirmed.jwp, presentInput).compact
  const verifyOpts = { algorithms: [alg], publicKey: () => keys.publicKey, audience: 'https://rp.example/cb', nonce: 'n', now: 1 }
  rows.push(
    { name: 'JWP BBS-NYM present', medianMs: await medianMs(() => presentJwp(alg, confirmed.jwp, presentInput), BOUND), ref: 'ProofGenWithNym (12 msgs, 2 disclosed)' },
    { name: 'JWP BBS-NYM verifyPresentedJwp', medianMs: await medianMs(() => verifyPresentedJwp(presented, verifyOpts), BOUND), ref: 'ProofVerifyWithNym', note: `${presented.length} chars` },
  )
  printTable('BBS pseudonym proofs beside plain BBS proofs (BLS12-381-SHA-256)', rows)

  const issuance: Row[] = [
    { name: 'BBS Sign (12 msgs)', medianMs: await medianMs(() => sign({ ...keys, header, messages }), BOUND) },
    { name: 'CommitWithNym (holder)', medianMs: await medianMs(() => commitWithNym({ proverNyms }), BOUND), note: `${committed.commitmentWithProof.length} bytes` },
    {
      name: 'BlindSignWithNym (issuer, 12 msgs)',
      medianMs: await medianMs(() => blindSignWithNym({ ...keys, commitmentWithProof: committed.commitmentWithProof, nymCount: 1, header, messages }), BOUND),
      ref: 'BBS Sign (12 msgs)',
    },
    {
      name: 'VerifyFinalizeWithNym (holder)',
      medianMs: await medianMs(() => verifyFinalizeWithNym({
        publicKey: keys.publicKey, signature: signed.signature, header, messages, proverNyms,
        signerNymEntropy: signed.signerNymEntropy, secretProverBlind: committed.secretProverBlind,
      }), BOUND),
    },
  ]
  printTable('Blind pseudonym issuance beside plain BBS Sign', issuance)
}
