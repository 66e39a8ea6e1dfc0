// BBS flow benchmark: one BBS PID presentation (age_over_18 + the service's pseudonym, dc+jpt) verified end to end by
// the verifier (verifyPresentations: trust list key, JWP checks, ProofVerifyWithNym, profile checks) beside the SD-JWT one,
// the library floor (ProofVerifyWithNym alone), the wallet's cost of a presentation, and direct_post over loopback HTTP.
import { pino } from 'pino'
import { commitWithNym, generateKeyPair, generateProverNyms, proofVerifyWithNym } from '../shared/bbs/index.ts'
import { bbsNymAlgorithm, bbsPublicJwk, issueJwp, parsePresentedJwp } from '../shared/jwp/index.ts'
import { presetQuery } from '../shared/oid4vp/index.ts'
import { PID_VCT, derivePidClaims } from '../shared/pid/index.ts'
import {
  PID_BBS_ALG, PID_BBS_CLAIMS, confirmPidBbs, pidBbsIssuerHeader, pidBbsPayloads, presentPidBbs, pseudonymousAgePresetQuery,
} from '../shared/pid-bbs/index.ts'
import { generateResidentId } from '../shared/cnid/index.ts'
import { openVerifierSqliteStore } from '../shared/store/verifier/index.ts'
import { createBoundedFetcher } from '../shared/http-fetch/index.ts'
import { createIssuerKeyResolver } from '../shared/trust/index.ts'
import { resolveVerifierConfig } from '../verifier/config.ts'
import type { VerifierDeps } from '../verifier/deps.ts'
import { prepareVerifierDeps } from '../verifier/flows/prepare-deps.ts'
import { verifyPresentations } from '../verifier/flows/verify-presentations.ts'
import { startVerifierHarness } from '../test/support/verifier/index.ts'
import { measureInterleaved, printTable } from './harness.ts'

const BBS_ISSUER = 'https://bbs-bench.example'
const HTTP_POSTS = 15

export async function run(): Promise<void> {
  const bbs = bbsIssuer()
  const h = await startVerifierHarness({ allowedClaims: [['age_over_18']] })
  try {
    await singlePresentation(h, bbs, [{ issuer: h.issuer.issuer, jwks: { keys: [h.issuer.key.publicJwk] } }, { issuer: BBS_ISSUER, jwks: { keys: [bbs.jwk] } }])
  } finally {
    await h.close()
  }
  await overHttp(bbs)
}

type Harness = Awaited<ReturnType<typeof startVerifierHarness>>

/** A BBS issuer key and one confirmed BBS PID of a synthetic adult (what a wallet holds). */
function bbsIssuer() {
  const keys = generateKeyPair()
  const kid = 'bbs-bench-1'
  const now = Math.floor(Date.now() / 1000)
  const proverNyms = generateProverNyms(1)
  const { commitmentWithProof, secretProverBlind } = commitWithNym({ proverNyms })
  const person = { nationalId: generateResidentId({ birthdate: '1990-03-04' }), familyName: 'Zhao', givenName: 'Lei' }
  const { compact } = issueJwp(bbsNymAlgorithm(), {
    header: pidBbsIssuerHeader({ issuer: BBS_ISSUER, kid, vct: PID_VCT }),
    payloads: pidBbsPayloads(derivePidClaims(person, new Date().toISOString().slice(0, 10)), { iat: now - 60, exp: now + 86_400 }),
    keys,
    extra: { commitmentWithProof },
  })
  const held = confirmPidBbs(compact, keys.publicKey, { proverNyms, secretProverBlind })
  return { keys, held, jwk: bbsPublicJwk(keys.publicKey, PID_BBS_ALG, kid) }
}

function depsFor(h: Harness, trustedIssuers: { issuer: string; jwks: { keys: object[] } }[]): VerifierDeps {
  const config = resolveVerifierConfig({
    dataDir: ':memory:', verifierUrl: h.baseUrl, apiKey: h.apiKey, relyingParty: h.rp.credentials, trustedIssuers: trustedIssuers as never, now: h.now,
  })
  return prepareVerifierDeps({
    config, store: openVerifierSqliteStore(':memory:'), logger: pino({ level: 'silent' }), now: h.now, clientId: h.verifier.clientId, pseudonymScope: h.verifier.pseudonymScope,
    registration: { name: 'bench', purpose: 'bench', allowedClaims: [['age_over_18']] },
    issuerKeys: createIssuerKeyResolver({ trustedIssuers: config.trustedIssuers, now: h.now, fetch: createBoundedFetcher({ timeoutMs: 1000, maxBytes: 65536 }), cacheSeconds: 300 }),
    status: undefined,
  })
}

async function singlePresentation(h: Harness, bbs: ReturnType<typeof bbsIssuer>, trusted: { issuer: string; jwks: { keys: object[] } }[]): Promise<void> {
  const now = h.now()
  const nonce = 'bench-nonce-0123456789abcdef'
  const deps = depsFor(h, trusted)
  const base = { id: 'bench', state: 'bench-state', nonce, status: 'processing' as const, createdAt: now, expiresAt: now + 300 }
  const sdSession = { ...base, dcqlQuery: presetQuery('age_over_18', PID_VCT) }
  const bbsSession = { ...base, dcqlQuery: pseudonymousAgePresetQuery(PID_VCT) }
  const credential = await h.credential()
  const sdPresent = () => h.present(credential, [['age_over_18']], { client_id: h.verifier.clientId, nonce })
  const bbsPresent = () => presentPidBbs(bbs.held.jwp, bbs.keys.publicKey, bbs.held.state, { claims: ['age_over_18'], aud: h.verifier.clientId, nonce, iat: now })
  const sdVp = await sdPresent()
  const bbsVp = bbsPresent()
  const sdResult = await verifyPresentations(deps, sdSession, { pid: [sdVp] })
  const bbsResult = await verifyPresentations(deps, bbsSession, { pid: [bbsVp] })
  if (JSON.stringify(sdResult) !== '{"age_over_18":true}' || JSON.stringify(Object.keys(bbsResult).sort()) !== '["age_over_18","pseudonym"]') {
    throw new Error('bench: unexpected verification result')
  }
  const p = parsePresentedJwp(bbsVp)
  const disclosed = p.payloads.flatMap((s, i) => (s === null ? [] : [i]))
  const floor = () => proofVerifyWithNym({
    publicKey: bbs.keys.publicKey, proof: p.proof[0] as Uint8Array, header: p.issuerHeaderBytes, presentationHeader: p.presentationHeaderBytes,
    pseudonym: p.proof[1] as Uint8Array, contextId: new TextEncoder().encode(h.verifier.clientId), nymCount: 1, signerMessageCount: PID_BBS_CLAIMS.length,
    disclosedMessages: disclosed.map((i) => p.payloads[i] as Uint8Array), disclosedIndexes: disclosed,
  })
  const sdName = 'SD-JWT: verifyPresentations (full, no status)'
  printTable(`bbs-flow: one presentation verified by the verifier (age_over_18; BBS PID: ${PID_BBS_CLAIMS.length} slots, 2 disclosed + pseudonym; interleaved rounds)`, await measureInterleaved([
    { name: sdName, fn: () => verifyPresentations(deps, sdSession, { pid: [sdVp] }), note: `${sdVp.length} chars` },
    { name: 'BBS: ProofVerifyWithNym alone (library floor)', fn: floor, ref: sdName },
    { name: 'BBS: verifyPresentations (full, dc+jpt)', fn: () => verifyPresentations(deps, bbsSession, { pid: [bbsVp] }), ref: sdName, note: `${bbsVp.length} chars` },
  ], { rounds: 5 }))
  printTable('bbs-flow: the wallet builds one presentation (interleaved rounds)', await measureInterleaved([
    { name: 'SD-JWT: presentSdJwt (KB-JWT ES256)', fn: sdPresent },
    { name: 'BBS: presentPidBbs (ProofGenWithNym)', fn: bbsPresent, ref: 'SD-JWT: presentSdJwt (KB-JWT ES256)' },
  ], { rounds: 5 }))
  await deps.store.close()
}

async function overHttp(bbs: ReturnType<typeof bbsIssuer>): Promise<void> {
  const h = await startVerifierHarness({ allowedClaims: [['age_over_18']], config: { trustedIssuers: [{ issuer: BBS_ISSUER, jwks: { keys: [bbs.jwk] } }] } })
  const sd = await startVerifierHarness({ allowedClaims: [['age_over_18']] })
  try {
    const credential = await sd.credential()
    const time = async (post: () => Promise<{ status: number }>): Promise<number> => {
      const t = performance.now()
      const r = await post()
      if (r.status !== 200) throw new Error(`bench: direct_post answered ${r.status}`)
      return performance.now() - t
    }
    const sdTimes: number[] = []
    const bbsTimes: number[] = []
    for (let i = 0; i < HTTP_POSTS; i++) {
      const c1 = await sd.createPresentation({ preset: 'age_over_18' })
      const r1 = await sd.fetchRequest(c1.json)
      const vp1 = await sd.present(credential, [['age_over_18']], r1)
      sdTimes.push(await time(() => sd.post({ vp_token: JSON.stringify({ pid: [vp1] }), state: r1.state ?? '' })))
      const c2 = await h.createPresentation({ preset: 'age_over_18_pseudonymous' })
      const r2 = await h.fetchRequest(c2.json)
      const vp2 = presentPidBbs(bbs.held.jwp, bbs.keys.publicKey, bbs.held.state, { claims: ['age_over_18'], aud: r2.client_id, nonce: r2.nonce, iat: h.now() })
      bbsTimes.push(await time(() => h.post({ vp_token: JSON.stringify({ pid: [vp2] }), state: r2.state ?? '' })))
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
    printTable(`bbs-flow: direct_post to verified over loopback HTTP (${HTTP_POSTS} sequential posts each, median)`, [
      { name: 'SD-JWT direct_post', medianMs: median(sdTimes) },
      { name: 'BBS direct_post (dc+jpt, pseudonym)', medianMs: median(bbsTimes), ref: 'SD-JWT direct_post' },
    ])
  } finally {
    await h.close()
    await sd.close()
  }
}
