// A minor and the yes/no presets, end to end over real HTTP on 127.0.0.1: `age_over_18` asks `values: [true]`, so the
// minor's wallet finds no matching credential and sends nothing, and a holder that answers anyway with
// `age_over_18: false` is refused with claim_value_mismatch: `verified` always means the answer is yes.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { enrollPerson } from '../../scripts/lib/demo-person.ts'
import type { DemoPerson } from '../../scripts/lib/demo-person.ts'
import { openWallet } from '../../wallet/core/index.ts'
import { ADMIN_TOKEN, answerDirectly, issueDirectly, startFlow } from './flow-fixtures.ts'
import type { Flow } from './flow-fixtures.ts'

let flow: Flow
let minor: DemoPerson

beforeAll(async () => {
  flow = await startFlow({ wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] } })
  const year = new Date(flow.clock.now() * 1000).getUTCFullYear() - 15
  minor = { national_id: generateResidentId({ birthdate: `${year}-03-04` }), family_name: 'Xiaoqingnian', given_name: 'Mingyu' }
}, 30_000)

afterAll(async () => {
  await flow?.close()
})

describe('flow: a minor asked age_over_18', () => {
  it('the request object asks age_over_18 with values [true]', async () => {
    const p = await flow.ask('wine', { preset: 'age_over_18' })
    const requestUri = new URL(p.authorization_request).searchParams.get('request_uri') ?? ''
    const jwt = await (await fetch(requestUri)).text()
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { dcql_query: { credentials: { claims: unknown[] }[] } }
    expect(payload.dcql_query.credentials[0]?.claims).toEqual([{ path: ['age_over_18'], values: [true] }])
  })

  it("the minor's wallet has no matching credential and sends nothing; the result stays pending", async () => {
    const e = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, minor)
    const wallet = await openWallet({ dir: join(flow.root, 'minor-wallet'), passphrase: 'minor test passphrase', trustedRegistrar: flow.issuer.registrarRootUrl, trustedIssuers: [flow.issuer.url], allowHttpHosts: ['127.0.0.1'], now: flow.clock.now })
    await wallet.accept(e.credential_offer_uri, { txCode: e.tx_code })
    expect((await wallet.list({ checkStatus: false }))[0]?.claims.age_over_18).toBe(false)
    const p = await flow.ask('wine', { preset: 'age_over_18' })
    await expect(wallet.present(p.authorization_request, { consent: () => true })).rejects.toMatchObject({ code: 'no_matching_credential' })
    expect(await flow.result('wine', p.id)).toEqual({ status: 'pending' })
  })

  it('a holder answering anyway with age_over_18: false is refused claim_value_mismatch, never verified', async () => {
    const holder = await issueDirectly(flow.issuer.url, minor, 1, flow.clock.now())
    const cred = holder.credentials[0]
    if (cred === undefined) throw new Error('no credential issued')
    const p = await flow.ask('wine', { preset: 'age_over_18' })
    const answer = await answerDirectly(p.authorization_request, cred, [['age_over_18']], flow.clock.now())
    expect(answer).toMatchObject({ status: 400, body: { code: 'claim_value_mismatch', error: 'invalid_request' } })
    expect(await flow.result('wine', p.id)).toEqual({ status: 'rejected', error: 'claim_value_mismatch' })
  })

  it('the adult of the flow is verified { age_over_18: true }', async () => {
    const p = await flow.ask('wine', { preset: 'age_over_18' })
    await flow.wallet.present(p.authorization_request, { consent: () => true })
    expect(await flow.result('wine', p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })
})
