// Wallet SD-JWT top-up over real HTTP with the real issuer and verifier: once-only presentations never contact the issuer
// and use another copy each time; the top-up fetches a new batch through the refresh grant (rotating the token kept in
// the encrypted wallet file); a replayed refresh token and a revoked person are refused.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import { ADMIN_TOKEN, startFlow } from './flow-fixtures.ts'
import type { Flow } from './flow-fixtures.ts'

let flow: Flow

beforeAll(async () => {
  flow = await startFlow({ wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] } })
}, 30_000)

afterAll(async () => {
  await flow?.close()
})

const toIssuer = () => flow.recorder.exchanges.filter((e) => e.actor === 'wallet' && e.url.startsWith(flow.issuer.url))
const refreshRequests = () => toIssuer().filter((e) => e.url === `${flow.issuer.url}/token` && (e.requestBody ?? '').includes('grant_type=refresh_token'))
const unused = async () => (await flow.wallet.list({ checkStatus: false })).filter((c) => c.shownTo.length === 0 && !c.expired).length

async function visit(): Promise<string> {
  const p = await flow.ask('wine', { preset: 'age_over_18' })
  const before = flow.recorder.exchanges.length
  await flow.recorder.as('wallet', () => flow.wallet.present(p.authorization_request, { consent: () => true }))
  expect(await flow.result('wine', p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })
  const during = flow.recorder.exchanges.slice(before)
  // the wallet talks to the service only: none of its requests reaches the issuer (the verifier fetches the status list)
  expect(during.filter((e) => e.actor === 'wallet').length).toBeGreaterThan(0)
  expect(during.filter((e) => e.actor === 'wallet' && e.url.startsWith(flow.issuer.url))).toHaveLength(0)
  const posted = during.find((e) => e.method === 'POST' && (e.requestBody ?? '').includes('vp_token'))
  const vp = JSON.parse(new URLSearchParams(posted?.requestBody).get('vp_token') ?? '{}') as Record<string, string[]>
  return Object.values(vp)[0]?.[0] ?? ''
}

describe('wallet top-up through the refresh grant', () => {
  it('keeps the refresh token from accept in the encrypted wallet file only', async () => {
    const accepted = toIssuer().find((e) => e.url === `${flow.issuer.url}/token`)
    const token = (JSON.parse(accepted?.responseBody ?? '{}') as { refresh_token?: string }).refresh_token
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const file = await readFile(flow.wallet.file, 'utf8')
    expect(file.includes(token as string)).toBe(false)
  })

  it('two visits to one service: two different copies, 0 issuer requests; the top-up then fetches a new batch by refresh', async () => {
    const a = await visit()
    const b = await visit()
    const sig = (p: string) => decodeSdJwt(p).jwt.split('.')[2]
    expect(sig(a)).not.toBe(sig(b))
    expect(JSON.stringify(decodeSdJwt(a).payload.cnf)).not.toBe(JSON.stringify(decodeSdJwt(b).payload.cnf))
    expect(await unused()).toBe(8)
    // enough copies: nothing is asked of the issuer
    const asked = toIssuer().length
    expect(await flow.recorder.as('wallet', () => flow.wallet.topUp({ threshold: 3 }))).toEqual([])
    expect(toIssuer().length).toBe(asked)
    // below the threshold: one refresh grant, one new batch of 10
    const added = await flow.recorder.as('wallet', () => flow.wallet.topUp({ threshold: 9 }))
    expect(added).toEqual([{ issuer: flow.issuer.url, credentialConfigurationId: 'pid_sd_jwt', count: 10, unusedBefore: 8 }])
    expect(refreshRequests()).toHaveLength(1)
    expect(await unused()).toBe(18)
    const c = await visit()
    expect([sig(a), sig(b)]).not.toContain(sig(c))
  })

  it('a replayed refresh token is refused (refresh_token_invalid), and the family is revoked', async () => {
    const spent = new URLSearchParams(refreshRequests()[0]?.requestBody).get('refresh_token') ?? ''
    expect(spent.length).toBeGreaterThan(0)
    const replay = await fetch(`${flow.issuer.url}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: spent }) })
    expect(((await replay.json()) as { code: string }).code).toBe('refresh_token_invalid')
    // the wallet's successor token died with the family: its next top-up is refused with that code
    await expect(flow.recorder.as('wallet', () => flow.wallet.topUp({ force: true }))).rejects.toMatchObject({ code: 'refresh_token_invalid' })
  })

  it('a revoked person gets no new batch (refresh_denied)', async () => {
    const other = await startFlow({ wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] } })
    try {
      const r = await fetch(`${other.issuer.url}/admin/persons/${other.personId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' })
      expect(r.status).toBe(200)
      const before = (await other.wallet.list({ checkStatus: false })).length
      await expect(other.wallet.topUp({ force: true })).rejects.toMatchObject({ code: 'refresh_denied' })
      expect((await other.wallet.list({ checkStatus: false })).length).toBe(before)
    } finally {
      await other.close()
    }
  })
})
