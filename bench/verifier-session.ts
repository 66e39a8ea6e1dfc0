// Verifier session creation in process (CPU time, all threads: the SQLite writer thread included): POST /presentations'
// flow and the request object a wallet fetches, beside the one raw ES256 sign a request object cannot avoid.
// Over HTTP the same calls are measured by `npm run load` ("untimed preparation, verifier CPU per call").
import { sign as cryptoSign } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { signingKeyObject } from '../shared/keys/index.ts'
import { createRequestObject, presetQuery, requestObjectSigner } from '../shared/oid4vp/index.ts'
import type { CreateRequestObjectInput } from '../shared/oid4vp/index.ts'
import { PID_VCT } from '../shared/pid/index.ts'
import { openVerifierSqliteStore } from '../shared/store/verifier/index.ts'
import { resolveVerifierConfig } from '../verifier/config.ts'
import type { VerifierDeps } from '../verifier/deps.ts'
import { prepareVerifierDeps } from '../verifier/flows/prepare-deps.ts'
import { parseInput } from '../shared/errors/index.ts'
import { createPresentation, createPresentationSchema, preparePresets, readCreatePresentationBody } from '../verifier/flows/create-presentation.ts'
import { readOwnRegistration } from '../verifier/flows/own-registration.ts'
import { requestObjectFor } from '../verifier/flows/request-object.ts'
import { VP_FORMATS_SUPPORTED } from '../verifier/formats/index.ts'
import { createTestRelyingParty } from '../test/support/verifier/index.ts'
import { measureInterleaved, printTable } from './harness.ts'

/** Sessions made before timing, whose request objects the request-object rows sign (a fresh one per call, cycling). */
const SESSIONS = 200

export async function run(): Promise<void> {
  const now = (): number => Math.floor(Date.now() / 1000)
  const rp = await createTestRelyingParty({ now: now(), allowedClaims: [['age_over_18']] })
  const config = resolveVerifierConfig({
    dataDir: ':memory:', verifierUrl: 'http://127.0.0.1:4002', apiKey: 'bench-api-key-0123456789', relyingParty: rp.credentials,
    trustedIssuers: [{ issuer: 'http://127.0.0.1:4001' }], now,
  })
  const own = await readOwnRegistration(rp.credentials, undefined, now())
  const dir = mkdtempSync(join(tmpdir(), 'eid-bench-session-'))
  const depsOn = (file: string): VerifierDeps => prepareVerifierDeps({
    config, store: openVerifierSqliteStore(file), logger: pino({ level: 'silent' }), now, clientId: own.clientId,
    pseudonymScope: own.pseudonymScope, registration: own.registration, issuerKeys: undefined as never, status: undefined,
  })
  const memory = depsOn(':memory:')
  const disk = depsOn(join(dir, 'verifier.db'))
  try {
    preparePresets(config.presetVct)
    const body = { preset: 'age_over_18' }
    // a service's own query (not a preset): parsed and checked from the cache after its first session, stored as sent
    const dcqlBody = { dcql_query: presetQuery('age_over_18', config.presetVct) as unknown as Record<string, unknown> }
    const ids = await Promise.all(Array.from({ length: SESSIONS }, async () => (await createPresentation(disk, body)).id))
    let next = 0
    const input: CreateRequestObjectInput = {
      clientId: own.clientId, responseUri: `${config.verifierUrl}/responses`, nonce: 'bench-nonce-0123456789abcdef', state: 'bench-state-0123456789abcdef',
      dcqlQuery: presetQuery('age_over_18', PID_VCT), registrationCertificate: rp.credentials.registrationCertificate, iat: now(), exp: now() + 300,
      signer: rp.credentials.signingKey, x5c: rp.credentials.accessCertificateChain, vpFormatsSupported: VP_FORMATS_SUPPORTED,
    }
    const prepared = requestObjectSigner(input)
    const jwt = prepared(input)
    const signingInput = Buffer.from(jwt.slice(0, jwt.lastIndexOf('.')))
    const key = signingKeyObject(rp.credentials.signingKey.privateKey, 'ES256')
    const raw = 'raw ES256 sign (node:crypto)'
    printTable('verifier: session creation in process (CPU time of all threads; age_over_18 preset; interleaved rounds)', await measureInterleaved([
      { name: raw, fn: () => cryptoSign('sha256', signingInput, { key, dsaEncoding: 'ieee-p1363' }), note: `${signingInput.length} bytes signed` },
      { name: 'request object, prepared signer', fn: () => prepared(input), ref: raw },
      { name: 'request object, createRequestObject', fn: () => createRequestObject(input), ref: raw, note: 'prepares header and shared members per call' },
      { name: 'requestObjectFor (store read + sign)', fn: () => requestObjectFor(disk, ids[next++ % ids.length] as string), ref: raw },
      { name: 'POST body read by the zod schema', fn: () => parseInput(createPresentationSchema, JSON.parse('{"preset":"age_over_18"}')), ref: raw },
      { name: 'POST body read by readCreatePresentationBody', fn: () => readCreatePresentationBody(JSON.parse('{"preset":"age_over_18"}')), ref: raw, note: 'a preset-only body skips zod' },
      { name: 'createPresentation, :memory: store', fn: () => createPresentation(memory, body), ref: raw },
      { name: 'createPresentation, dcql_query body, :memory: store', fn: () => createPresentation(memory, structuredClone(dcqlBody)), ref: raw, note: 'body copied per call' },
      { name: 'createPresentation, file store, 1 at a time', fn: () => createPresentation(disk, body), ref: raw, note: 'one commit (no fsync) per session' },
      { name: '16 x createPresentation queued together, file store', fn: async () => {
        await Promise.all(Array.from({ length: 16 }, () => createPresentation(disk, body)))
      }, note: 'all 16: one group commit' },
    ], { clock: 'cpu', rounds: 5 }))
  } finally {
    await memory.store.close()
    await disk.store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
