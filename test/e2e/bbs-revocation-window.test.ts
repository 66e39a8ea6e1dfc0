// The BBS revocation window, end to end over 127.0.0.1 with one injected clock (no sleeping): a pid_bbs carries no status
// entry, so a suspended or revoked person's BBS credential stops verifying when its `exp` (at most the issuer's
// revocationWindowSeconds after issuance) plus the verifier's clock skew (skewSeconds, default 60) has passed, and
// the issuer renews nothing in between. Configured here with a short window: 3600 s + 60 s skew.
import { join } from 'node:path'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollPerson } from '../../scripts/lib/demo-person.ts'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'
import { pseudonymousAgePresetQuery } from '../../shared/pid-bbs/index.ts'
import type { JptCredentialQuery } from '../../shared/pid-bbs/index.ts'
import { presentBbsCredential } from '../../wallet/core/bbs/index.ts'
import type { StoredBbsCredential } from '../../wallet/core/bbs/index.ts'
import { openWallet } from '../../wallet/core/index.ts'
import type { Wallet } from '../../wallet/core/index.ts'
import { ADMIN_TOKEN, flowPerson, startFlow } from './flow-fixtures.ts'
import type { Flow } from './flow-fixtures.ts'

/** The issuer's BBS configuration under test: every pid_bbs expires at most 3600 s after issuance (exp on a minute). */
const BBS = { validitySeconds: 3600, expiryRoundingSeconds: 60, revocationWindowSeconds: 3600 }
/** The verifier's clock skew on exp (VerifierConfig.skewSeconds, default 60; set explicitly so the window is stated here). */
const SKEW = 60
const WINDOW = BBS.revocationWindowSeconds + SKEW
const query = pseudonymousAgePresetQuery(PID_VCT).credentials[0] as JptCredentialQuery

let flow: Flow
const people: Record<'suspend' | 'revoke', { wallet: Wallet; personId: string }> = {} as never

beforeAll(async () => {
  flow = await startFlow({ wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] } }, { issuerExtra: { bbs: BBS }, verifierExtra: { skewSeconds: SKEW } })
  people.suspend = { wallet: flow.wallet, personId: flow.personId }
  const other = { ...flowPerson(), national_id: generateResidentId({ birthdate: '1981-09-17' }) }
  const e = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, other)
  const wallet = await openWallet({ dir: join(flow.root, 'wallet-2'), passphrase: 'second wallet passphrase', trustedRegistrar: flow.issuer.registrarRootUrl, trustedIssuers: [flow.issuer.url], allowHttpHosts: ['127.0.0.1'], now: flow.clock.now, batchSize: 1, kdf: { N: 1024, r: 8, p: 1 } })
  await wallet.accept(e.credential_offer_uri, { txCode: e.tx_code })
  people.revoke = { wallet, personId: e.person_id }
}, 60_000)

afterAll(async () => {
  await flow?.close()
})

async function held(wallet: Wallet): Promise<StoredBbsCredential> {
  const c = (await wallet.bbsCredentials())[0]
  if (!c) throw new Error('no BBS credential')
  return c
}

/** The wallet answers the shop's pseudonymous request: the session's result, or the wallet's refusal code. */
async function walletVisit(wallet: Wallet): Promise<{ status: string; error?: string; walletCode?: string }> {
  const p = await flow.ask('wine', { preset: 'age_over_18_pseudonymous' })
  const walletCode = await wallet.present(p.authorization_request, { consent: () => true }).then(
    () => undefined,
    (err: unknown) => (err as { code?: string }).code,
  )
  const r = await flow.result('wine', p.id)
  return { status: r.status, ...(r.error !== undefined ? { error: r.error } : {}), ...(walletCode !== undefined ? { walletCode } : {}) }
}

/** A wallet that ignores exp: a fresh proof from `cred` for a new request, posted directly; the verifier's answer. */
async function forcedVisit(cred: StoredBbsCredential): Promise<{ status: number; code?: string; result: string }> {
  const p = await flow.ask('wine', { preset: 'age_over_18_pseudonymous' })
  const ro = decodeJwt(await (await fetch(new URL(p.authorization_request).searchParams.get('request_uri') ?? '')).text())
  const token = presentBbsCredential(cred, query, { clientId: String(ro.client_id), nonce: String(ro.nonce), iat: flow.clock.now(), pseudonymScope: flow.services.wine?.verifier.pseudonymScope ?? '' })
  const res = await fetch(String(ro.response_uri), { method: 'POST', body: new URLSearchParams({ vp_token: JSON.stringify({ [query.id]: [token] }), state: String(ro.state) }) })
  const body = (await res.json()) as { code?: string }
  return { status: res.status, ...(body.code !== undefined ? { code: body.code } : {}), result: (await flow.result('wine', p.id)).status }
}

/** Moves the shared clock to `t` (epoch seconds). */
const clockTo = (t: number): void => flow.clock.advance(t - flow.clock.now())

describe.each(['suspend', 'revoke'] as const)('BBS credential of a person whose credentials the issuer marks: %s', (action) => {
  it(`stops verifying within the configured window (${WINDOW} s), the issuer renews nothing, wallet and verifier refuse with their codes`, async () => {
    const { wallet, personId } = people[action]
    // a fresh credential at the current (possibly advanced) clock: the schedule's renewal while the person is in good standing
    expect(await wallet.refreshBbs(10 * 86_400)).toBe(1)
    const cred = await held(wallet)
    expect(cred.expiresAt).toBeGreaterThan(flow.clock.now())
    expect(cred.expiresAt).toBeLessThanOrEqual(flow.clock.now() + BBS.revocationWindowSeconds)
    expect(await walletVisit(wallet)).toEqual({ status: 'verified' })

    const r = await fetch(`${flow.issuer.url}/admin/persons/${personId}/${action}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' })
    expect(r.status).toBe(200)
    const actedAt = flow.clock.now()
    // no status entry: right after, the presentation still verifies (this is the window)
    expect(await walletVisit(wallet)).toEqual({ status: 'verified' })
    // the wallet's renewal is refused by the issuer (credential_request_denied), so nothing extends the window
    await expect(wallet.refreshBbs(10 * 86_400)).rejects.toMatchObject({ code: 'issuance_failed', message: expect.stringContaining('credential_request_denied') })
    expect((await held(wallet)).jpt).toBe(cred.jpt)

    // past exp, within the verifier's skew: the wallet refuses (bbs_credential_expired) and sends nothing, while a proof
    // sent anyway still verifies: the window ends at exp + skew, not at exp. The clock stops following real time here,
    // so a second passing during the visits (a loaded machine) cannot move exp + skew - 1 to exp + skew.
    flow.clock.freeze()
    clockTo(cred.expiresAt)
    expect(await walletVisit(wallet)).toEqual({ status: 'pending', walletCode: 'bbs_credential_expired' })
    clockTo(cred.expiresAt + SKEW - 1)
    expect(await forcedVisit(cred)).toEqual({ status: 200, result: 'verified' })

    // at exp + skew the verifier rejects it (credential_expired), and the wallet still refuses to send it
    clockTo(cred.expiresAt + SKEW)
    expect(await forcedVisit(cred)).toEqual({ status: 400, code: 'credential_expired', result: 'rejected' })
    expect(await walletVisit(wallet)).toEqual({ status: 'pending', walletCode: 'bbs_credential_expired' })
    // ... and that is within the configured window of the suspension or revocation
    expect(flow.clock.now() - actedAt).toBeLessThanOrEqual(WINDOW)
    // and still no renewal (the refresh offer was spent by the refused attempt: the token endpoint refuses it now)
    await expect(wallet.refreshBbs(10 * 86_400)).rejects.toMatchObject({ code: 'issuance_failed' })
    expect((await held(wallet)).jpt).toBe(cred.jpt)
  })
})
