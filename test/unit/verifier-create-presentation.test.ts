// POST /presentations' flow (verifier/flows/create-presentation.ts) in process: session secrets from the CSPRNG pool, the
// registration policy read once per query but checked on every request against the registration as it is, and the
// prepared authorization request URI equal to the one built in full.
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizationRequestUri } from '../../shared/oid4vp/index.ts'
import { checkQueryAllowed } from '../../shared/registration/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'
import { openVerifierSqliteStore } from '../../shared/store/verifier/index.ts'
import { resolveVerifierConfig } from '../../verifier/config.ts'
import type { VerifierDeps } from '../../verifier/deps.ts'
import { createPresentation, preparePresets, sessionSecrets } from '../../verifier/flows/create-presentation.ts'
import { readOwnRegistration } from '../../verifier/flows/own-registration.ts'
import { PRESETS } from '../../verifier/formats/index.ts'
import { createTestRelyingParty } from '../support/verifier/index.ts'

const now = (): number => Math.floor(Date.now() / 1000)
let deps: VerifierDeps

beforeAll(async () => {
  const rp = await createTestRelyingParty({ now: now(), allowedClaims: [['age_over_18']] })
  const config = resolveVerifierConfig({
    dataDir: ':memory:', verifierUrl: 'http://127.0.0.1:4002', apiKey: 'test-api-key-0123456789', relyingParty: rp.credentials,
    trustedIssuers: [{ issuer: 'http://127.0.0.1:4001' }], now,
  })
  const own = await readOwnRegistration(rp.credentials, undefined, now())
  deps = {
    config, store: openVerifierSqliteStore(':memory:'), logger: pino({ level: 'silent' }), now, clientId: own.clientId,
    pseudonymScope: own.pseudonymScope, registration: own.registration, issuerKeys: undefined as never, status: undefined,
  }
  preparePresets(config.presetVct)
})
afterAll(() => deps.store.close())

const refused = { code: 'claim_not_registered' }

describe('createPresentation', () => {
  it('session id, state and nonce: 24 fresh bytes each, base64url, all distinct across pool refills', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 300; i++) {
      const s = sessionSecrets()
      for (const v of [s.id, s.state, s.nonce]) {
        expect(v).toMatch(/^[A-Za-z0-9_-]{32}$/)
        expect(Buffer.from(v, 'base64url')).toHaveLength(24)
        seen.add(v)
      }
    }
    expect(seen.size).toBe(900)
  })

  it('refuses a preset outside the registration on every request, not only the first (claim_not_registered)', async () => {
    for (let i = 0; i < 3; i++) await expect(createPresentation(deps, { preset: 'kyc' })).rejects.toMatchObject(refused)
    const body = { dcql_query: { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [deps.config.presetVct] }, claims: [{ path: ['national_id'] }] }] } }
    for (let i = 0; i < 3; i++) await expect(createPresentation(deps, structuredClone(body))).rejects.toMatchObject(refused)
  })

  it('checks the kept claims paths against the registration as it is at each request, as checkQueryAllowed does', async () => {
    const registered = deps.registration
    try {
      for (const name of Object.keys(PRESETS)) {
        const query = (PRESETS[name] as (vct: string) => Record<string, unknown>)(deps.config.presetVct)
        for (const allowedClaims of [[['age_over_18']], [['region']], [['given_name'], ['family_name']], []] as ClaimsPath[][]) {
          deps.registration = { ...registered, allowedClaims }
          let expected: unknown = 'created'
          try {
            checkQueryAllowed(query, allowedClaims)
          } catch (e) {
            expected = (e as { code: string }).code
          }
          const got = await createPresentation(deps, { preset: name }).then(() => 'created', (e: { code: string }) => e.code)
          expect([name, allowedClaims, got]).toEqual([name, allowedClaims, expected])
        }
      }
    } finally {
      deps.registration = registered
    }
    expect((await createPresentation(deps, { preset: 'age_over_18' })).id).toMatch(/^[A-Za-z0-9_-]{32}$/)
  })

  it('answers the authorization request URI built in full, and stores the session it names', async () => {
    const created = await createPresentation(deps, { preset: 'age_over_18', purpose: 'Alter prüfen' })
    expect(created.request_uri).toBe(`${deps.config.verifierUrl}/requests/${created.id}`)
    expect(created.authorization_request).toBe(authorizationRequestUri({ clientId: deps.clientId, requestUri: created.request_uri }))
    const session = await deps.store.getSession(created.id)
    expect(session).toMatchObject({ id: created.id, status: 'pending', purpose: 'Alter prüfen' })
    expect(new Set([session?.id, session?.state, session?.nonce]).size).toBe(3)
  })
})
