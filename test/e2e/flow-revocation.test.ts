// End to end over real HTTP (issue 6): present → verified; suspend the person at the issuer's admin API → at the next
// status epoch (a short epoch of 5 s, as npm start uses; one shared clock is moved past its boundary, where the verifier's
// cached list also runs out) every presentation is rejected
// `credential_suspended`; reinstate → verified again; revoke → every credential of the batch is rejected
// `credential_revoked`, whether the wallet presents it or a presentation is built directly from a held credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, answerDirectly, issueDirectly, startFlow } from './flow-fixtures.ts'
import type { DirectHolder, Flow } from './flow-fixtures.ts'

/** The issuer's status epoch for this test (also the token ttl): short, as an operator would set it for fast revocation. */
const STATUS_EPOCH = 5
/** Longer than an epoch, so the next boundary has passed and the verifier's cached list has expired. */
const PAST_TTL = STATUS_EPOCH + 1

let flow: Flow
let holder: DirectHolder

beforeAll(async () => {
  flow = await startFlow({
    wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] },
    cinema: { name: 'Cinema', purpose: 'Admits adults to adult films', allowedClaims: [['age_over_18']] },
  }, { issuerExtra: { statusEpochSeconds: STATUS_EPOCH } })
  holder = await issueDirectly(flow.issuer.url, flow.person, 10, flow.clock.now())
}, 30_000)

afterAll(async () => {
  await flow?.close()
})

async function admin(action: 'suspend' | 'reinstate' | 'revoke'): Promise<number> {
  const res = await fetch(`${flow.issuer.url}/admin/persons/${flow.personId}/${action}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  await res.arrayBuffer()
  return res.status
}

/** The wallet answers `service`'s age_over_18 request; resolves with the verifier's result. */
async function viaWallet(service: string): Promise<unknown> {
  const p = await flow.ask(service, { preset: 'age_over_18' })
  await flow.wallet.present(p.authorization_request, { consent: () => true }).catch((err: unknown) => {
    // The verifier refused the response: the wallet reports it; the verifier's result says why.
    expect(err).toMatchObject({ code: 'presentation_not_accepted' })
  })
  return flow.result(service, p.id)
}

/** Presents directly held credential `i` (with its own holder key) to `service`; resolves with the verifier's result. */
async function direct(service: string, i: number): Promise<unknown> {
  const p = await flow.ask(service, { preset: 'age_over_18' })
  const cred = holder.credentials[i]
  if (!cred) throw new Error(`no credential ${i}`)
  await answerDirectly(p.authorization_request, cred, [['age_over_18']], flow.clock.now())
  return flow.result(service, p.id)
}

const VERIFIED = { status: 'verified', claims: { age_over_18: true } }
const rejected = (error: string) => ({ status: 'rejected', error })

describe('flow: revocation and suspension reach the verifier', () => {
  it('before any change: the wallet and a directly held credential are verified', async () => {
    expect(holder.credentials).toHaveLength(10)
    expect(await viaWallet('wine')).toEqual(VERIFIED)
    expect(await direct('cinema', 0)).toEqual(VERIFIED)
  })

  it('suspend → credential_suspended once the cached list expired; reinstate → verified again', async () => {
    expect(await admin('suspend')).toBe(200)
    flow.clock.advance(PAST_TTL)
    expect(await viaWallet('wine')).toEqual(rejected('credential_suspended'))
    expect(await direct('cinema', 1)).toEqual(rejected('credential_suspended'))

    expect(await admin('reinstate')).toBe(200)
    flow.clock.advance(PAST_TTL)
    expect(await viaWallet('wine')).toEqual(VERIFIED)
    expect(await direct('cinema', 1)).toEqual(VERIFIED)
  })

  it('revoke → every credential of the batch is rejected credential_revoked, and revocation is final', async () => {
    expect(await admin('revoke')).toBe(200)
    flow.clock.advance(PAST_TTL)
    expect(await viaWallet('wine')).toEqual(rejected('credential_revoked'))
    // A fresh credential of the wallet's batch (the cinema never saw one): rejected too.
    expect(await viaWallet('cinema')).toEqual(rejected('credential_revoked'))
    for (let i = 0; i < holder.credentials.length; i++) expect(await direct('cinema', i)).toEqual(rejected('credential_revoked'))
    expect(await admin('reinstate')).toBe(409)
  })
})
