// End to end over real HTTP on 127.0.0.1: issuer, two services' verifiers and the wallet core.
// enroll → wallet accept (batch) → a service asks age_over_18, another asks region → wallet presents → verified with
// exactly the asked claims; the two services got different credentials of the batch; no verifier file or log holds
// the ID number or the names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import { filesUnder, occurrences, secretsOf, startFlow } from './flow-fixtures.ts'
import type { Flow } from './flow-fixtures.ts'

let flow: Flow

beforeAll(async () => {
  flow = await startFlow({
    wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] },
    portal: { name: 'Provincial Portal', purpose: 'Shows services of your province', allowedClaims: [['region']] },
  })
}, 30_000)

afterAll(async () => {
  await flow?.close()
})

/** The presentations the wallet posted to a service's response endpoint, decoded. */
function postedTo(service: string): { issuerSignature: string; holderJwk: unknown; disclosed: string[]; salts: string[] }[] {
  const s = flow.services[service]
  if (!s) throw new Error(service)
  return flow.recorder.exchanges
    .filter((e) => e.actor === 'wallet' && e.method === 'POST' && e.url === `${s.url}/responses` && e.requestBody?.includes('vp_token'))
    .map((e) => {
      const vpToken = JSON.parse(new URLSearchParams(e.requestBody).get('vp_token') ?? '{}') as Record<string, string[]>
      const token = Object.values(vpToken)[0]?.[0] ?? ''
      const d = decodeSdJwt(token)
      return { issuerSignature: d.jwt.split('.')[2] ?? '', holderJwk: (d.payload.cnf as { jwk: unknown }).jwk, disclosed: d.disclosures.map((x) => x.name ?? ''), salts: d.disclosures.map((x) => x.salt) }
    })
}

describe('flow: age_over_18 and region', () => {
  it('the wallet holds a batch of 10 credentials, each with its own holder key', async () => {
    const list = await flow.wallet.list({ checkStatus: false })
    expect(list).toHaveLength(10)
    expect(new Set(list.map((c) => c.batchId)).size).toBe(1)
  })

  it('age_over_18: GET /presentations/:id is verified with exactly { age_over_18: true }', async () => {
    const p = await flow.ask('wine', { preset: 'age_over_18' })
    expect(p.authorization_request).toMatch(/^openid4vp:\/\/\?client_id=x509_hash%3A/)
    expect(await flow.result('wine', p.id)).toEqual({ status: 'pending' })
    const sent = await flow.recorder.as('wallet', () => flow.wallet.present(p.authorization_request, { consent: () => true }))
    expect(sent.outcome).toBe('sent')
    expect(await flow.result('wine', p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })
    expect(postedTo('wine')[0]?.disclosed).toEqual(['age_over_18'])
  })

  it('region: verified with exactly { region: { code, name } } of the person', async () => {
    const p = await flow.ask('portal', { preset: 'region' })
    await flow.recorder.as('wallet', () => flow.wallet.present(p.authorization_request, { consent: () => true }))
    const r = await flow.result('portal', p.id)
    expect(r.status).toBe('verified')
    expect(r.claims).toEqual({ region: { code: flow.person.national_id.slice(0, 2), name: expect.any(String) as unknown } })
  })

  it('the two services received different credentials of the batch: different issuer signatures and holder keys', () => {
    const wine = postedTo('wine')
    const portal = postedTo('portal')
    expect(wine).toHaveLength(1)
    expect(portal).toHaveLength(1)
    expect(wine[0]?.issuerSignature).not.toBe(portal[0]?.issuerSignature)
    expect(wine[0]?.holderJwk).not.toEqual(portal[0]?.holderJwk)
    // The wallet's own record agrees: each credential is marked shown to one service only.
    const history = flow.wallet.history()
    const ids = history.filter((h) => h.outcome === 'sent').map((h) => h.disclosures[0]?.credentialId)
    expect(new Set(ids).size).toBe(2)
  })

  it('a second visit to the same service gets another copy (issuer signature, holder key, salts: once-only), still verified', async () => {
    const p = await flow.ask('wine', { preset: 'age_over_18' })
    await flow.recorder.as('wallet', () => flow.wallet.present(p.authorization_request, { consent: () => true }))
    expect(await flow.result('wine', p.id)).toEqual({ status: 'verified', claims: { age_over_18: true } })
    const [first, second] = postedTo('wine')
    expect(second?.issuerSignature).not.toBe(first?.issuerSignature)
    expect(second?.holderJwk).not.toEqual(first?.holderJwk)
    expect(second?.salts).not.toEqual(first?.salts)
  })

  it('no verifier database file (incl. WAL) or captured log line holds the ID number, the names or a presented token', async () => {
    const secrets = secretsOf(flow.person)
    for (const [name, s] of Object.entries(flow.services)) {
      const presented = postedTo(name).map((p) => p.issuerSignature)
      expect(presented.length).toBeGreaterThan(0)
      const files = await occurrences(s.dataDir, [...secrets, ...presented])
      expect(files, `${name} files`).toEqual([])
      const logs = s.logs.join('')
      expect(s.logs.length).toBeGreaterThan(0)
      for (const x of [...secrets, ...presented]) expect(logs.includes(x), `${name} logs`).toBe(false)
    }
    // The grep is not vacuous: the database is there, and the portal's stored result (the region it asked for) is found.
    const names = (await filesUnder(flow.services.wine?.dataDir ?? '')).map((f) => f.path)
    expect(names.some((n) => n.endsWith('verifier.db'))).toBe(true)
    expect(names.some((n) => n.endsWith('verifier.db-wal'))).toBe(true)
    const region = flow.person.national_id.slice(0, 2)
    const storedRegion = await occurrences(flow.services.portal?.dataDir ?? '', [`"code":"${region}"`])
    expect(storedRegion.length).toBeGreaterThan(0)
    // The issuer keeps the ID number in its own store, but never in its logs.
    for (const x of secrets) expect(flow.issuerLogs.join('').includes(x)).toBe(false)
  })
})
