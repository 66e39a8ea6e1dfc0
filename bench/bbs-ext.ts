// Benchmark of blind issuance and pseudonym proofs (12 messages, 2 disclosed) beside plain BBS ProofGen/ProofVerify.
import { measureInterleaved, printTable } from './harness.ts'
import {
  blindSignWithNym, commitWithNym, generateKeyPair, generateProverNyms, proofGen, proofGenWithNym, proofVerify, proofVerifyWithNym, sign,
  verifyFinalizeWithNym,
} from '../shared/bbs/index.ts'
import { bbsNymAlgorithm, confirmJwp, createNymCommitment, issueJwp, presentJwp, verifyPresentedJwp } from '../shared/jwp/index.ts'

const enc = new TextEncoder()
const ROUNDS = 5

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

  // The same through the JWP layer (BBS-NYM): parsing, header checks, JPT claims on top of the proof.
  const alg = bbsNymAlgorithm()
  const holder = createNymCommitment()
  const { compact } = issueJwp(alg, { header: { typ: 'jpt' }, payloads: messages, keys, extra: { commitmentWithProof: holder.commitmentWithProof } })
  const confirmed = confirmJwp(alg, compact, keys.publicKey, holder.confirm)
  const presentInput = { publicKey: keys.publicKey, presentationHeader: { aud: 'https://rp.example/cb', nonce: 'n', iat: 1 }, disclose: disclosedIndexes, state: confirmed.state }
  const presented = presentJwp(alg, confirmed.jwp, presentInput).compact
  const verifyOpts = { algorithms: [alg], publicKey: () => keys.publicKey, audience: 'https://rp.example/cb', nonce: 'n', now: 1 }
  const plainGen = 'BBS ProofGen (12 msgs, 2 disclosed)'
  const nymGen = 'ProofGenWithNym (12 msgs, 2 disclosed)'
  const rows = await measureInterleaved([
    { name: plainGen, fn: () => proofGen({ publicKey: keys.publicKey, signature, header, presentationHeader: ph, messages, disclosedIndexes }) },
    { name: 'BBS ProofVerify', fn: () => proofVerify({ publicKey: keys.publicKey, proof, header, presentationHeader: ph, disclosedMessages, disclosedIndexes }) },
    { name: nymGen, fn: () => proofGenWithNym(nymGenInput), ref: plainGen },
    { name: 'ProofVerifyWithNym', fn: () => proofVerifyWithNym(nymVerifyInput), ref: 'BBS ProofVerify' },
    { name: 'JWP BBS-NYM present', fn: () => presentJwp(alg, confirmed.jwp, presentInput), ref: nymGen },
    { name: 'JWP BBS-NYM verifyPresentedJwp', fn: () => verifyPresentedJwp(presented, verifyOpts), ref: 'ProofVerifyWithNym', note: `${presented.length} chars` },
  ], { rounds: ROUNDS, batchMs: 30 })
  printTable(`BBS pseudonym proofs beside plain BBS proofs (BLS12-381-SHA-256; median of ${ROUNDS} interleaved rounds)`, rows)

  const issuance = await measureInterleaved([
    { name: 'BBS Sign (12 msgs)', fn: () => sign({ ...keys, header, messages }) },
    { name: 'CommitWithNym (holder)', fn: () => commitWithNym({ proverNyms }), note: `${committed.commitmentWithProof.length} bytes` },
    {
      name: 'BlindSignWithNym (issuer, 12 msgs)',
      fn: () => blindSignWithNym({ ...keys, commitmentWithProof: committed.commitmentWithProof, nymCount: 1, header, messages }),
      ref: 'BBS Sign (12 msgs)',
    },
    {
      name: 'VerifyFinalizeWithNym (holder)',
      fn: () => verifyFinalizeWithNym({
        publicKey: keys.publicKey, signature: signed.signature, header, messages, proverNyms,
        signerNymEntropy: signed.signerNymEntropy, secretProverBlind: committed.secretProverBlind,
      }),
    },
  ], { rounds: ROUNDS, batchMs: 30 })
  printTable(`Blind pseudonym issuance beside plain BBS Sign (median of ${ROUNDS} interleaved rounds)`, issuance)
}
