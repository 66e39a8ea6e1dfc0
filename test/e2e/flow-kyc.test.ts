// End to end over real HTTP: kyc (names, birthdate, national_id) only for a service registered for it.
// A bank registered for kyc gets exactly those claims; a shop registered for age_over_18 cannot ask for them at its
// verifier, a request it signs anyway is refused by the wallet, and a presentation crafted with shared/sdjwt that
// discloses national_id anyway is rejected by its verifier with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PID_VCT } from '../../shared/pid/index.ts'
import { startRogueService } from '../../scripts/lib/rogue-service.ts'
import { API_KEY, answerDirectly, issueDirectly, occurrences, secretsOf, startFlow } from './flow-fixtures.ts'
import type { DirectHolder, Flow } from './flow-fixtures.ts'

let flow: Flow
let holder: DirectHolder

const KYC_CLAIMS = [['given_name'], ['family_name'], ['birthdate'], ['national_id']]

beforeAll(async () => {
  flow = await startFlow({
    bank: { name: 'Harbour Bank', purpose: 'Customer identification required by anti-money-laundering law', allowedClaims: KYC_CLAIMS },
    shop: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] },
  })
  holder = await issueDirectly(flow.issuer.url, flow.person, 2, flow.clock.now())
}, 30_000)

afterAll(async () => {
  await flow?.close()
})

const service = (key: string) => {
  const s = flow.services[key]
  if (!s) throw new Error(key)
  return s
}

/** Answers the request with the directly held credential, disclosing exactly `paths`. */
function craftedAnswer(authorizationRequest: string, paths: (string | number | null)[][]): Promise<{ status: number; body: Record<string, unknown> }> {
  const cred = holder.credentials[0]
  if (!cred) throw new Error('no credential')
  return answerDirectly(authorizationRequest, cred, paths, flow.clock.now())
}

describe('flow: kyc only for a service registered for it', () => {
  it('the bank (registered for kyc) gets exactly given_name, family_name, birthdate and national_id', async () => {
    const p = await flow.ask('bank', { preset: 'kyc' })
    let shown: string[] = []
    await flow.recorder.as('wallet', () =>
      flow.wallet.present(p.authorization_request, {
        consent: (req) => {
          shown = req.credentials.flatMap((c) => c.claims.map((x) => x.path.join('.')))
          return true
        },
      }),
    )
    expect(shown.sort()).toEqual(['birthdate', 'family_name', 'given_name', 'national_id'])
    expect(await flow.result('bank', p.id)).toEqual({
      status: 'verified',
      claims: { given_name: flow.person.given_name, family_name: flow.person.family_name, birthdate: '1988-04-23', national_id: flow.person.national_id },
    })
    // A kyc service stores what it asked for (its legal duty) but its logs still hold no value.
    expect((await occurrences(service('bank').dataDir, [flow.person.national_id])).length).toBeGreaterThan(0)
    const logs = service('bank').logs.join('')
    for (const x of secretsOf(flow.person)) expect(logs.includes(x)).toBe(false)
  })

  it('the shop (registered for age_over_18 only) cannot ask its verifier for kyc or national_id: 403 claim_not_registered', async () => {
    for (const body of [
      { preset: 'kyc' },
      { dcql_query: { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [PID_VCT] }, claims: [{ path: ['age_over_18'] }, { path: ['national_id'] }] }] } },
    ]) {
      const res = await fetch(`${service('shop').url}/presentations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
        body: JSON.stringify(body),
      })
      expect(res.status).toBe(403)
      expect(((await res.json()) as { code: string }).code).toBe('claim_not_registered')
    }
  })

  it('a request for national_id signed with the shop\'s own registered key anyway is refused by the wallet; nothing is sent', async () => {
    const shop = service('shop')
    const rogue = await startRogueService()
    try {
      const query = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [PID_VCT] }, claims: [{ path: ['age_over_18'] }, { path: ['national_id'] }] }] }
      const uri = await rogue.request({ ...shop.rp.credentials, clientId: shop.clientId }, query, flow.clock.now())
      const before = flow.wallet.history().length
      let asked = false
      await expect(
        flow.wallet.present(uri, {
          consent: () => {
            asked = true
            return true
          },
        }),
      ).rejects.toMatchObject({ code: 'claim_not_registered' })
      expect(asked).toBe(false)
      expect(rogue.posted).toEqual([])
      await flow.wallet.refresh()
      // the refusal is recorded for the person (what was asked, why refused), with nothing disclosed
      const added = flow.wallet.history().slice(before)
      expect(added).toHaveLength(1)
      expect(added[0]).toMatchObject({ outcome: 'refused', disclosures: [], refusal: { code: 'claim_not_registered' } })
    } finally {
      await rogue.close()
    }
  })

  it('control: a presentation crafted with shared/sdjwt from a held credential, disclosing only age_over_18, is verified', async () => {
    const p = await flow.ask('shop', { preset: 'age_over_18' })
    const r = await craftedAnswer(p.authorization_request, [['age_over_18']])
    expect(r.status).toBe(200)
    expect(await flow.result('shop', p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('the same crafted presentation disclosing national_id too is rejected (over_disclosure) and nothing of it is stored', async () => {
    const p = await flow.ask('shop', { preset: 'age_over_18' })
    const r = await craftedAnswer(p.authorization_request, [['age_over_18'], ['national_id']])
    expect(r.status).toBeGreaterThanOrEqual(400)
    expect(r.status).toBeLessThan(500)
    expect(r.body.code).toBe('over_disclosure')
    expect(await flow.result('shop', p.id)).toEqual({ status: 'rejected', error: 'over_disclosure' })
    expect(await occurrences(service('shop').dataDir, secretsOf(flow.person))).toEqual([])
    const logs = service('shop').logs.join('')
    for (const x of secretsOf(flow.person)) expect(logs.includes(x)).toBe(false)
  })
})
