// Verifier benchmark: full verifier-side verification of one presentation (trust, SD-JWT, KB-JWT, DCQL, policy, projection)
// beside its raw signature cost, and verified presentations per second over HTTP on loopback (bounded runs).
import { KeyObject, verify as cryptoVerify } from 'node:crypto'
import type { webcrypto } from 'node:crypto'
import { pino } from 'pino'
import { importPublicJwk } from '../shared/keys/index.ts'
import { PID_VCT } from '../shared/pid/index.ts'
import { presetQuery } from '../shared/oid4vp/index.ts'
import { verifySdJwt } from '../shared/sdjwt/index.ts'
import { openVerifierSqliteStore } from '../shared/store/verifier/index.ts'
import { createBoundedFetcher } from '../shared/http-fetch/index.ts'
import { createIssuerKeyResolver } from '../shared/trust/index.ts'
import { resolveVerifierConfig } from '../verifier/config.ts'
import type { VerifierDeps } from '../verifier/deps.ts'
import { prepareVerifierDeps } from '../verifier/flows/prepare-deps.ts'
import { verifyPresentations } from '../verifier/flows/verify-presentations.ts'
import { startVerifierHarness } from '../test/support/verifier/index.ts'
import { measureInterleaved, printTable } from './harness.ts'

const HTTP_PRESENTATIONS = 200
const HTTP_CONCURRENCY = 8
const HTTP_MAX_SECONDS = 10

export async function run(): Promise<void> {
  const h = await startVerifierHarness({ allowedClaims: [['age_over_18']] })
  try {
    await singlePresentation(h)
    await overHttp(h)
  } finally {
    await h.close()
  }
}

async function singlePresentation(h: Awaited<ReturnType<typeof startVerifierHarness>>): Promise<void> {
  const now = h.now()
  const request = { client_id: h.verifier.clientId, nonce: 'bench-nonce-0123456789abcdef' }
  const vp = await h.present(await h.credential(), [['age_over_18']], request)
  const session = {
    id: 'bench', state: 'bench-state', nonce: request.nonce, dcqlQuery: presetQuery('age_over_18', PID_VCT),
    status: 'processing' as const, createdAt: now, expiresAt: now + 300,
  }
  const config = resolveVerifierConfig({
    dataDir: ':memory:', verifierUrl: h.baseUrl, apiKey: h.apiKey, relyingParty: h.rp.credentials,
    trustedIssuers: [{ issuer: h.issuer.issuer, jwks: { keys: [h.issuer.key.publicJwk] } }], now: h.now,
  })
  const deps: VerifierDeps = prepareVerifierDeps({
    config, store: openVerifierSqliteStore(':memory:'), logger: pino({ level: 'silent' }), now: h.now, clientId: h.verifier.clientId, pseudonymScope: h.verifier.pseudonymScope,
    registration: { name: 'bench', purpose: 'bench', allowedClaims: [['age_over_18']] },
    issuerKeys: createIssuerKeyResolver({ trustedIssuers: config.trustedIssuers, now: h.now, fetch: createBoundedFetcher({ timeoutMs: 1000, maxBytes: 65536 }), cacheSeconds: 300 }),
    status: undefined,
  })
  const result = await verifyPresentations(deps, session, { pid: [vp] })
  if (JSON.stringify(result) !== '{"age_over_18":true}') throw new Error('bench: unexpected verification result')

  const issuerKey = await importPublicJwk(h.issuer.key.publicJwk, 'ES256')
  const sdOnly = () => verifySdJwt(vp, { now, resolveIssuerKey: async () => issuerKey, keyBinding: { aud: request.client_id, nonce: request.nonce } })

  // Raw cost: the two ES256 verifications a presentation needs (issuer JWT, KB-JWT), node:crypto, no parsing.
  const [issuerJwt, , kbJwt] = [vp.slice(0, vp.indexOf('~')), null, vp.slice(vp.lastIndexOf('~') + 1)]
  const raw = (jwt: string) => {
    const dot = jwt.lastIndexOf('.')
    return { input: Buffer.from(jwt.slice(0, dot)), sig: Buffer.from(jwt.slice(dot + 1), 'base64url') }
  }
  const iss = raw(issuerJwt)
  const kb = raw(kbJwt)
  const issuerKo = KeyObject.from(issuerKey as webcrypto.CryptoKey)
  const holderKo = KeyObject.from(await importPublicJwk(h.holder.publicJwk, 'ES256') as webcrypto.CryptoKey)
  const twoSigs = () => {
    if (!cryptoVerify('sha256', iss.input, { key: issuerKo, dsaEncoding: 'ieee-p1363' }, iss.sig)) throw new Error('bench: issuer sig')
    if (!cryptoVerify('sha256', kb.input, { key: holderKo, dsaEncoding: 'ieee-p1363' }, kb.sig)) throw new Error('bench: kb sig')
  }

  printTable('verifier: one presentation (age_over_18, PID with 14 disclosable claims + 2 decoys; interleaved rounds)', await measureInterleaved([
    { name: 'raw 2x ES256 verify (node:crypto)', fn: twoSigs },
    { name: 'verifySdJwt (SD-JWT + KB-JWT)', fn: sdOnly, ref: 'raw 2x ES256 verify (node:crypto)' },
    {
      name: 'verifyPresentations (full, no status)', fn: () => verifyPresentations(deps, session, { pid: [vp] }),
      ref: 'raw 2x ES256 verify (node:crypto)', note: `${vp.length} chars, same holder key`,
    },
  ]))
  await deps.store.close()
}

async function overHttp(h: Awaited<ReturnType<typeof startVerifierHarness>>): Promise<void> {
  // Prepare sessions and presentations first (wallet work is not the verifier's cost), then time only direct_post.
  const startCreate = performance.now()
  const ready: { id: string; form: Record<string, string> }[] = []
  const credential = await h.credential()
  for (let i = 0; i < HTTP_PRESENTATIONS; i++) {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const jwt = await (await fetch(created.json.request_uri as string)).text()
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()) as { client_id: string; nonce: string; state: string }
    const vp = await h.present(credential, [['age_over_18']], payload)
    ready.push({ id: created.json.id as string, form: { vp_token: JSON.stringify({ pid: [vp] }), state: payload.state } })
  }
  const createSeconds = (performance.now() - startCreate) / 1000

  const deadline = performance.now() + HTTP_MAX_SECONDS * 1000
  let next = 0
  let verified = 0
  const started = performance.now()
  const worker = async (): Promise<void> => {
    while (next < ready.length && performance.now() < deadline) {
      const item = ready[next++] as (typeof ready)[number]
      const r = await h.post(item.form)
      if (r.status === 200) verified++
    }
  }
  await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, worker))
  const seconds = (performance.now() - started) / 1000
  console.log(`\n## verifier: HTTP on loopback (SQLite in memory, status check off)`)
  console.log(`direct_post verified          ${(verified / seconds).toFixed(0).padStart(6)} presentations/s  (${verified} in ${seconds.toFixed(2)} s, concurrency ${HTTP_CONCURRENCY})`)
  console.log(`request setup + wallet work   ${(HTTP_PRESENTATIONS / createSeconds).toFixed(0).padStart(6)} sessions/s       (POST /presentations + GET request_uri + present, sequential)`)
  if (verified !== ready.length && performance.now() < deadline) throw new Error('bench: some presentations were not verified')
}
