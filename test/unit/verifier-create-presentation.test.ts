// POST /presentations' flow (verifier/flows/create-presentation.ts) in process: session secrets from the CSPRNG pool, the
// registration policy read once per query but checked on every request against the registration as it is, and the
// prepared authorization request URI equal to the one built in full.
import fc from 'fast-check'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseInput } from '../../shared/errors/index.ts'
import { authorizationRequestUri } from '../../shared/oid4vp/index.ts'
import { checkQueryAllowed } from '../../shared/registration/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'
import { deepFreeze } from '../../shared/cache/index.ts'
import { openVerifierSqliteStore, queryJson } from '../../shared/store/verifier/index.ts'
import { resolveVerifierConfig } from '../../verifier/config.ts'
import type { VerifierDeps } from '../../verifier/deps.ts'
import { prepareVerifierDeps } from '../../verifier/flows/prepare-deps.ts'
import { createPresentation, createPresentationSchema, preparePresets, readCreatePresentationBody, sessionSecrets } from '../../verifier/flows/create-presentation.ts'
import { readOwnRegistration } from '../../verifier/flows/own-registration.ts'
import { PRESETS } from '../../verifier/formats/index.ts'
import { eidOutcome } from '../support/eid-outcome.ts'
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
  deps = prepareVerifierDeps({
    config, store: openVerifierSqliteStore(':memory:'), logger: pino({ level: 'silent' }), now, clientId: own.clientId,
    pseudonymScope: own.pseudonymScope, registration: own.registration, issuerKeys: undefined as never, status: undefined,
  })
  preparePresets(config.presetVct)
})
afterAll(() => deps.store.close())

const refused = { code: 'claim_not_registered' }

describe('createPresentation', () => {
  it('reads every body as the schema does: the plain preset body without zod, any other through it (same value or same error)', () => {
    const names = [...Object.keys(PRESETS), 'nope', '__proto__', 'toString', '']
    const member = fc.oneof(fc.constantFrom(...names), fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object())
    const body = fc.oneof(
      fc.record({ preset: member }),
      fc.record({ preset: member, qr: fc.oneof(fc.boolean(), fc.string()), purpose: fc.string(), dcql_query: fc.object(), other: fc.anything() }, { requiredKeys: [] }),
      fc.constantFrom(...names).map((name) => JSON.parse(`{"preset":${JSON.stringify(name)}}`) as unknown),
      fc.constant(JSON.parse('{"__proto__":{"preset":"age_over_18"}}') as unknown),
      fc.constant(Object.assign([], { preset: 'age_over_18' })),
      fc.anything(),
    )
    fc.assert(fc.property(body, (b) => {
      expect(eidOutcome(() => readCreatePresentationBody(b))).toEqual(eidOutcome(() => parseInput(createPresentationSchema, b)))
    }), { numRuns: 500 })
  })

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

describe('queryJson (the query text a session is stored and signed with)', () => {
  it('is JSON.stringify of the query as it is now: kept for a deeply frozen query, never for one that can still change', () => {
    const frozen = deepFreeze({ credentials: [{ id: 'pid', claims: [{ path: ['age_over_18'] }] }] })
    expect(queryJson(frozen)).toBe(JSON.stringify(frozen))
    expect(queryJson(frozen)).toBe(JSON.stringify(frozen))
    const topFrozen = Object.freeze({ credentials: [{ id: 'pid', claims: [{ path: ['age_over_18'] }] }] })
    expect(queryJson(topFrozen)).toBe(JSON.stringify(topFrozen))
    ;(topFrozen.credentials[0] as { id: string }).id = 'changed'
    expect(queryJson(topFrozen)).toContain('"changed"')
    expect([queryJson('x'), queryJson(null), queryJson(3)]).toEqual(['"x"', 'null', '3'])
  })
})
