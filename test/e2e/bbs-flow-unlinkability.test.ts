// Unlinkability, SD-JWT versus BBS, over what two verifiers hold: every presentation each one received (the most a
// service that kept everything could store, taken from the wire) and what they did store (their database files).
// SD-JWT from one batch to two services: no shared issuer signature or holder key. BBS to one service, twice: nothing
// shared but the disclosed values and that service's pseudonym; the issuer header is the same for every holder.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePresentedJwp } from '../../shared/jwp/index.ts'
import type { JwpPresented } from '../../shared/jwp/index.ts'
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { openWallet } from '../../wallet/core/index.ts'
import type { Wallet } from '../../wallet/core/index.ts'
import { enrollPerson } from '../../scripts/lib/demo-person.ts'
import { longestCommonRun } from '../vectors/bbs-blind-fixtures.ts'
import { ADMIN_TOKEN, filesUnder, flowPerson, startFlow } from './flow-fixtures.ts'
import type { Flow } from './flow-fixtures.ts'

let flow: Flow
let second: Wallet

beforeAll(async () => {
  flow = await startFlow({
    wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] },
    casino: { name: 'Online Casino', purpose: 'Adults only', allowedClaims: [['age_over_18']] },
  })
  const e = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, { ...flowPerson(), national_id: generateResidentId({ birthdate: '1981-07-07' }) })
  second = await openWallet({ dir: join(flow.root, 'wallet-2'), passphrase: 'second wallet passphrase', trustedRegistrar: flow.issuer.registrarRootUrl, trustedIssuers: [flow.issuer.url], allowHttpHosts: ['127.0.0.1'], now: flow.clock.now, batchSize: 2 })
  await second.accept(e.credential_offer_uri, { txCode: e.tx_code })
  for (const [service, preset, wallet] of [
    ['wine', 'age_over_18', flow.wallet], ['casino', 'age_over_18', flow.wallet],
    ['wine', 'age_over_18_pseudonymous', flow.wallet], ['wine', 'age_over_18_pseudonymous', flow.wallet],
    ['casino', 'age_over_18_pseudonymous', flow.wallet], ['wine', 'age_over_18_pseudonymous', second],
  ] as const) {
    const p = await flow.ask(service, { preset })
    await flow.recorder.as(wallet === second ? 'wallet-2' : 'wallet', () => wallet.present(p.authorization_request, { consent: () => true }))
    expect((await flow.result(service, p.id)).status).toBe('verified')
  }
}, 60_000)

afterAll(async () => {
  await flow?.close()
})

/** Every presentation `service` received from `actor`, in order (from the wire: what it could have kept). */
function received(service: string, actor = 'wallet'): string[] {
  const url = `${flow.services[service]?.url}/responses`
  return flow.recorder.exchanges
    .filter((e) => e.actor === actor && e.method === 'POST' && e.url === url && e.requestBody?.includes('vp_token'))
    .map((e) => Object.values(JSON.parse(new URLSearchParams(e.requestBody).get('vp_token') ?? '{}') as Record<string, string[]>)[0]?.[0] ?? '')
}
const isJwp = (t: string): boolean => t.split('.').length === 4
const sdJwts = (service: string): string[] => received(service).filter((t) => !isJwp(t))
const jwps = (service: string, actor = 'wallet'): JwpPresented[] => received(service, actor).filter(isJwp).map((t) => parsePresentedJwp(t))
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64url')

describe('unlinkability over what two verifiers hold', () => {
  it('SD-JWT: presentations from one batch to two services share no issuer signature and no holder key', () => {
    const [wine] = sdJwts('wine').map((t) => decodeSdJwt(t))
    const [casino] = sdJwts('casino').map((t) => decodeSdJwt(t))
    if (!wine || !casino) throw new Error('no SD-JWT presentations recorded')
    expect(wine.jwt.split('.')[2]).not.toBe(casino.jwt.split('.')[2])
    expect(wine.payload.cnf).not.toEqual(casino.payload.cnf)
    // ... but each still carries a signature and a key that stay the same at every later visit with that credential:
    // a handle the service (or any two holding the same credential's presentations) can join on.
    expect(wine.jwt.split('.')[2]?.length).toBeGreaterThan(40)
  })

  it('BBS: two presentations to the same service share only the disclosed values, the pseudonym and the type header', () => {
    const [a, b] = jwps('wine')
    if (!a || !b) throw new Error('no BBS presentations recorded')
    expect(b64(a.presentationHeaderBytes)).not.toBe(b64(b.presentationHeaderBytes)) // other nonce
    expect(a.payloads.map((p) => (p ? b64(p) : null))).toEqual(b.payloads.map((p) => (p ? b64(p) : null))) // age_over_18 and exp
    expect(a.payloads.filter((p) => p !== null)).toHaveLength(2)
    expect(b64(a.proof[1] as Uint8Array)).toBe(b64(b.proof[1] as Uint8Array)) // the service's pseudonym
    expect(longestCommonRun(a.proof[0] as Uint8Array, b.proof[0] as Uint8Array)).toBeLessThan(5) // fresh zero-knowledge proofs
    // the issuer header is one constant per credential type and key: another person's is byte-identical
    const [other] = jwps('wine', 'wallet-2')
    expect(b64(other?.issuerHeaderBytes ?? new Uint8Array())).toBe(b64(a.issuerHeaderBytes))
    expect(b64(other?.proof[1] ?? new Uint8Array())).not.toBe(b64(a.proof[1] as Uint8Array))
  })

  it('BBS: two services share nothing but the disclosed values and the type header (pseudonyms unrelated, proofs fresh)', () => {
    const [w] = jwps('wine')
    const [c] = jwps('casino')
    if (!w || !c) throw new Error('no BBS presentations recorded')
    expect(b64(w.proof[1] as Uint8Array)).not.toBe(b64(c.proof[1] as Uint8Array))
    expect(longestCommonRun(w.proof[0] as Uint8Array, c.proof[0] as Uint8Array)).toBeLessThan(5)
    expect(longestCommonRun(w.proof[1] as Uint8Array, c.proof[1] as Uint8Array)).toBeLessThan(5)
  })

  it('stored: each verifier keeps only { age_over_18, pseudonym } per BBS visit; no proof, and not the other service\'s pseudonym', async () => {
    const [w] = jwps('wine')
    const [c] = jwps('casino')
    const winePseudonym = b64(w?.proof[1] as Uint8Array)
    const casinoPseudonym = b64(c?.proof[1] as Uint8Array)
    const bytes = async (service: string): Promise<Buffer> => Buffer.concat((await filesUnder(flow.services[service]?.dataDir ?? '')).map((f) => f.bytes))
    const wine = await bytes('wine')
    const casino = await bytes('casino')
    expect(wine.includes(winePseudonym)).toBe(true) // the returning-user key, as the result
    expect(casino.includes(casinoPseudonym)).toBe(true)
    expect(wine.includes(casinoPseudonym)).toBe(false)
    expect(casino.includes(winePseudonym)).toBe(false)
    for (const [db, tokens] of [[wine, jwps('wine')], [casino, jwps('casino')]] as const) {
      for (const t of tokens) expect(db.includes(b64(t.proof[0] as Uint8Array).slice(0, 40))).toBe(false)
    }
    for (const t of [...sdJwts('wine'), ...sdJwts('casino')]) {
      expect(wine.includes(t.split('~')[0]?.split('.')[2] ?? '-') || casino.includes(t.split('~')[0]?.split('.')[2] ?? '-')).toBe(false)
    }
  })
})
