// Presenting talks only to the service (issue 14): the issuer (which serves the registrar root, metadata, keys and
// status) receives zero requests during `present`, by the CLI (a fresh process state per call) and the wallet core
// (prepare + respond), sent and declined alike; a wallet holding no registrar root refuses without any request; a BBS
// credential seconds from expiry is presented as held and an expired one refused, neither renewed from the issuer.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWallet } from '../../wallet/core/index.ts'
import { explainCode } from '../../wallet/i18n/errors.ts'
import { startFlow } from './flow-fixtures.ts'
import type { Flow } from './flow-fixtures.ts'
import { runCli } from './wallet-cli-run.ts'

let flow: Flow
const savedEnv = { ...process.env }
const PASSPHRASE = 'flow test passphrase'

/** Every request the issuer served so far (its access log: one line per request, whoever sent it). */
function issuerRequests(): string[] {
  return flow.issuerLogs.map((l) => JSON.parse(l) as { msg?: string; method?: string; route?: string }).filter((l) => l.msg === 'request').map((l) => `${l.method} ${l.route}`)
}

/** The requests the issuer receives while `work` runs (the access log is written when a response finishes). */
async function issuerRequestsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const before = issuerRequests().length
  await work()
  await new Promise((r) => setTimeout(r, 100))
  return issuerRequests().slice(before)
}

function useWallet(dir: string): void {
  Object.assign(process.env, {
    WALLET_PASSPHRASE: PASSPHRASE,
    WALLET_DIR: dir,
    WALLET_TRUSTED_REGISTRAR: flow.issuer.registrarRootUrl,
    WALLET_TRUSTED_ISSUERS: flow.issuer.url,
    WALLET_ALLOW_HTTP_HOSTS: '127.0.0.1',
    WALLET_KDF_N: '1024',
  })
}

beforeAll(async () => {
  flow = await startFlow({ wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] } })
  // the verifier's own fetches from the issuer (its keys, status list) are warmed up once, so what is counted below is the wallet's
  const p = await flow.ask('wine', { preset: 'age_over_18' })
  await flow.wallet.present(p.authorization_request, { consent: () => true })
}, 30_000)

afterAll(async () => {
  process.env = savedEnv
  await flow?.close()
})

describe('presenting makes no request to the issuer', () => {
  it('accept stored the registrar root in the wallet file', async () => {
    useWallet(join(flow.root, 'wallet'))
    // a fresh process's view of the file: the root is there, so present needs nothing from the authority
    const w = await openWallet({ dir: join(flow.root, 'wallet'), passphrase: PASSPHRASE, trustedRegistrar: flow.issuer.registrarRootUrl, trustedIssuers: [flow.issuer.url], allowHttpHosts: ['127.0.0.1'], kdf: { N: 1024, r: 8, p: 1 } })
    const p = await flow.ask('wine', { preset: 'age_over_18' })
    const seen = await issuerRequestsDuring(async () => {
      const prepared = await w.prepare(p.authorization_request)
      expect((await prepared.respond(true)).outcome).toBe('sent')
    })
    expect(seen).toEqual([])
    expect(await flow.result('wine', p.id)).toMatchObject({ status: 'verified' })
  })

  it('web/core path (prepare + respond): sent and declined, 0 requests', async () => {
    for (const disclose of [true, false]) {
      const p = await flow.ask('wine', { preset: 'age_over_18' })
      const seen = await issuerRequestsDuring(async () => {
        const prepared = await flow.wallet.prepare(p.authorization_request)
        expect((await prepared.respond(disclose)).outcome).toBe(disclose ? 'sent' : 'declined')
      })
      expect(seen).toEqual([])
    }
  })

  it('CLI path (present --yes / --decline, a new wallet per call): 0 requests', async () => {
    useWallet(join(flow.root, 'wallet'))
    for (const flag of ['--yes', '--decline']) {
      const p = await flow.ask('wine', { preset: 'age_over_18' })
      let r: Awaited<ReturnType<typeof runCli>> | undefined
      const seen = await issuerRequestsDuring(async () => (r = await runCli('present', p.authorization_request, flag)))
      expect(r).toMatchObject({ code: 0, err: '' })
      expect(r?.out).toMatch(flag === '--yes' ? /Sent to Wine Shop: Aged 18 or over\.|已发送给 Wine Shop：已满18周岁。/ : /Wine Shop was told you declined|已告知 Wine Shop 您拒绝了请求/)
      expect(seen).toEqual([])
    }
  })

  it('a wallet with no stored root refuses (wallet_trust_not_loaded) with no request at all; refresh-trust loads it', async () => {
    useWallet(join(flow.root, 'wallet-new'))
    const p = await flow.ask('wine', { preset: 'age_over_18' })
    let r: Awaited<ReturnType<typeof runCli>> | undefined
    const seen = await issuerRequestsDuring(async () => (r = await runCli('present', p.authorization_request, '--yes')))
    expect(r?.code).toBe(1)
    expect(r?.err).toMatch(/^error \[wallet_trust_not_loaded\]: .*wallet refresh-trust/)
    expect(seen).toEqual([])
    // nothing reached the service either: the request object was never fetched
    expect(await flow.result('wine', p.id)).toEqual({ status: 'pending' })

    const refreshed = await issuerRequestsDuring(async () => (r = await runCli('refresh-trust')))
    expect(r).toMatchObject({ code: 0, err: '' })
    expect(r?.out).toContain('Stored 1 registrar root certificate(s)')
    expect(refreshed).toEqual(['GET /pki/registrar-root.pem'])

    // now the request is checked (and refused for want of a credential) without a word to the issuer
    const again = await issuerRequestsDuring(async () => (r = await runCli('present', p.authorization_request, '--yes')))
    expect(r?.code).toBe(1)
    expect(r?.err).not.toContain('wallet_trust_not_loaded')
    expect(again).toEqual([])
  })

  // last: it moves the flow's clock by up to a day
  it('BBS: a credential 30 s from expiry is presented as held, an expired one refused (bbs_credential_expired); 0 requests, renewal only by the wallet\'s own refresh', async () => {
    const held = (await flow.wallet.bbsCredentials())[0]
    if (!held) throw new Error('the flow wallet holds a BBS credential')
    // within the minute before exp, where presenting used to renew the credential from the issuer first
    flow.clock.advance(held.expiresAt - flow.clock.now() - 30)
    // the verifier's own fetch of the issuer's BBS key (its cache expired with the clock jump) happens before the counting
    const warm = await flow.ask('wine', { preset: 'age_over_18_pseudonymous' })
    await flow.wallet.present(warm.authorization_request, { consent: () => true })

    const near = await flow.ask('wine', { preset: 'age_over_18_pseudonymous' })
    const seen = await issuerRequestsDuring(async () => {
      const prepared = await flow.wallet.prepare(near.authorization_request)
      expect((await prepared.respond(true)).outcome).toBe('sent')
    })
    expect(seen).toEqual([])
    expect(await flow.result('wine', near.id)).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
    expect((await flow.wallet.bbsCredentials())[0]?.jpt).toBe(held.jpt)

    flow.clock.advance(30)
    const expired = await flow.ask('wine', { preset: 'age_over_18_pseudonymous' })
    const refused = await issuerRequestsDuring(async () => {
      await expect(flow.wallet.prepare(expired.authorization_request)).rejects.toMatchObject({ code: 'bbs_credential_expired' })
    })
    expect(refused).toEqual([])
    expect(await flow.result('wine', expired.id)).toEqual({ status: 'pending' })
    expect((await flow.wallet.bbsCredentials())[0]?.jpt).toBe(held.jpt)
    expect(explainCode('bbs_credential_expired', 'en')).toContain('wallet refresh-bbs')
    expect(explainCode('bbs_credential_expired', 'zh-CN')).toContain('续期')

    // the wallet's own renewal (what startBbsRefreshSchedule and `wallet refresh-bbs` run) is where the issuer is asked
    const renewal = await issuerRequestsDuring(async () => expect(await flow.wallet.refreshBbs()).toBe(1))
    expect(renewal).toContain('POST /token')
    const again = await flow.ask('wine', { preset: 'age_over_18_pseudonymous' })
    const after = await issuerRequestsDuring(async () => expect((await flow.wallet.present(again.authorization_request, { consent: () => true })).outcome).toBe('sent'))
    expect(after).toEqual([])
    expect(await flow.result('wine', again.id)).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
  })
})
