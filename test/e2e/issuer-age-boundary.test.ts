// E2E: age_over_18 is derived on the issuance day in China Standard Time, tested one second either side of the 18th birthday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JWK } from 'jose'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { verifySdJwt } from '../../shared/sdjwt/index.ts'
import { verifyCertificateChain } from '../../shared/x509/index.ts'
import type { RunningIssuer } from './issuer-harness.ts'
import { accessToken, credentialRequest, holderKey, nonce, proofJwt, startIssuer } from './issuer-harness.ts'

// 18th birthday 2026-06-15 starts at 2026-06-14T16:00:00Z (UTC+8).
const BIRTHDAY_START = Date.UTC(2026, 5, 14, 16, 0, 0) / 1000
const person = { national_id: generateResidentId({ birthdate: '2008-06-15', sex: 'female', provinceCode: '31' }), family_name: 'Wang', given_name: 'Fang' }
let clock = BIRTHDAY_START
let run: RunningIssuer
let root: string

beforeAll(async () => {
  run = await startIssuer({ now: () => clock })
  root = ((await (await fetch(`${run.url}/pki`)).json()) as { authority_root: string }).authority_root
})
afterAll(async () => run.close())

async function issueAt(t: number): Promise<Record<string, unknown>> {
  clock = t
  const token = await accessToken(run.url, person)
  const proof = await proofJwt(await holderKey(), { aud: run.url, nonce: await nonce(run.url), iat: t })
  const r = await credentialRequest(run.url, token, [proof])
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  const sdJwt = (r.body.credentials as { credential: string }[])[0]?.credential ?? ''
  const v = await verifySdJwt(sdJwt, {
    now: t,
    resolveIssuerKey: async (h): Promise<JWK> => (await verifyCertificateChain(h.x5c ?? [], [root], new Date(t * 1000))).leafPublicJwk,
  })
  return v.claims
}

describe('18th birthday boundary', () => {
  it('one second before the birthday (CST): age_over_18 false, age_over_16 true', async () => {
    const c = await issueAt(BIRTHDAY_START - 1)
    expect(c).toMatchObject({ age_over_16: true, age_over_18: false, birthdate: '2008-06-15', birth_year: 2008, sex: 2 })
  })
  it('at the start of the birthday (CST): age_over_18 true, age_over_21 false', async () => {
    const c = await issueAt(BIRTHDAY_START)
    expect(c).toMatchObject({ age_over_18: true, age_over_21: false, region: { code: '31' } })
  })
})
