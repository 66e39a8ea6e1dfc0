// The wallet web app (createWalletApp) over HTTP: accept an offer, review a request on the consent page, share or decline;
// CSRF, Host and header protections; refusals rendered with their code; logs free of claim values.
import { request } from 'node:http'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leakedSecrets } from '../support/leaks.ts'
import { unlockSession } from '../support/wallet-session.ts'
import type { WalletSession } from '../support/wallet-session.ts'
import { createWalletApp } from '../../wallet/app.ts'
import { listen, PERSON, startFakeIssuer, startFakeVerifier, tempWallet } from './wallet-fixtures.ts'
import type { FakeIssuer, FakeVerifier, Listening, Service } from './wallet-fixtures.ts'

let issuer: FakeIssuer
let verifier: FakeVerifier
let shop: Service
let server: Listening
let cleanup: () => Promise<void>
let csrf = ''
let session: WalletSession
const logs: string[] = []

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, { headers: session.headers(headers) })
  return { status: res.status, text: await res.text(), headers: res.headers }
}

async function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams(form), headers: session.headers(headers) })
  return { status: res.status, text: await res.text() }
}

beforeAll(async () => {
  issuer = await startFakeIssuer()
  verifier = await startFakeVerifier()
  shop = await verifier.registerService({ name: 'Wine Shop', allowedClaims: [['age_over_18']] })
  const w = await tempWallet([verifier.registrarRoot])
  cleanup = w.cleanup
  const stream = new Writable({ write: (chunk: Buffer, _e, cb) => (logs.push(chunk.toString()), cb()) })
  const { app } = await createWalletApp({ ...w.config, logger: pino({ level: 'info' }, stream) })
  server = await listen(app)
  session = await unlockSession(server.url, w.config.passphrase)
  csrf = session.csrf
})

afterAll(async () => {
  await server.close()
  await cleanup()
  await issuer.close()
  await verifier.close()
})

describe('wallet web app', () => {
  it('serves the home page with protective headers', async () => {
    const r = await get('/')
    expect(r.status).toBe(200)
    expect(r.text).toContain('还没有证件')
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(r.headers.get('x-frame-options')).toBe('DENY')
    expect(r.headers.get('cache-control')).toBe('no-store')
    expect(csrf.length).toBeGreaterThan(20)
  })

  it('accepts an offer from the form', async () => {
    const r = await post('/offers', { csrf, offer: issuer.offer(), tx_code: '123456' })
    expect(r.status).toBe(200)
    expect(r.text).toContain('10 份副本')
    expect((await get('/', { 'accept-language': 'en' })).text).toContain('10 unused copies left')
  })

  it('shows the consent page (service, purpose, exact claims) and shares on accept', async () => {
    const req = await verifier.createRequest(shop)
    const page = await post('/present', { csrf, request: req.uri }, { 'accept-language': 'en-GB,en;q=0.9' })
    expect(page.status).toBe(200)
    expect(page.text).toContain('Wine Shop asks for your data')
    expect(page.text).toContain('Wine Shop checks your age')
    // the fake issuer publishes no display names: the label is the key made readable, the value Yes
    expect(page.text).toContain('<span class="label">Age over 18</span><span class="value">Yes</span>')
    expect(leakedSecrets(page.text, [PERSON.given_name])).toEqual([])
    const id = /action="\/consent\/([^"]+)"/.exec(page.text)?.[1] ?? ''
    const before = verifier.responses.length
    const done = await post(`/consent/${id}`, { csrf, decision: 'accept' }, { 'accept-language': 'en' })
    expect(done.text).toContain('Sent to Wine Shop: Age over 18.')
    expect(verifier.responses.length).toBe(before + 1)
    expect(verifier.responses.at(-1)?.body.state).toBe(req.state)
    // A decision is taken once.
    expect((await post(`/consent/${id}`, { csrf, decision: 'accept' })).status).toBe(404)
  })

  it('declines through the same-device /authorize link', async () => {
    const req = await verifier.createRequest(shop)
    const q = new URL(req.uri).search
    const page = await get(`/authorize${q}`)
    const id = /action="\/consent\/([^"]+)"/.exec(page.text)?.[1] ?? ''
    const done = await post(`/consent/${id}`, { csrf, decision: 'decline' })
    expect(done.text).toContain('没有发送任何信息')
    expect(verifier.responses.at(-1)?.body.error).toBe('access_denied')
  })

  it('renders a refusal with its code and status (over-asking)', async () => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', claims: [{ path: ['national_id'] }] }] }
    const r = await post('/present', { csrf, request: (await verifier.createRequest(shop, { dcql })).uri })
    expect(r.status).toBe(403)
    expect(r.text).toContain('claim_not_registered')
  })

  it('refuses a form without the CSRF token, a cross-origin form, and a foreign Host', async () => {
    expect((await post('/present', { csrf: 'x', request: 'openid4vp://?a=b' })).status).toBe(403)
    expect((await post('/present', { csrf, request: 'openid4vp://?a=b' }, { origin: 'https://evil.example' })).status).toBe(403)
    // fetch cannot set Host; node:http can (as a DNS-rebinding page would reach us).
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request(`${server.url}/api/credentials`, { headers: { host: 'evil.example' } }, (res) => (res.resume(), resolve(res.statusCode))).on('error', reject).end()
    })
    expect(status).toBe(403)
  })

  it('serves credentials and history as JSON', async () => {
    // the copy presented once is pruned from the wallet (wallet/core/prune.ts); the history keeps where it went
    expect(((await (await fetch(`${server.url}/api/credentials`, { headers: session.headers() })).json()) as unknown[]).length).toBe(9)
    const history = (await (await fetch(`${server.url}/api/history`, { headers: session.headers() })).json()) as { outcome: string }[]
    // The over-asking request refused earlier is in the history too (outcome refused, nothing sent).
    expect(history.map((h) => h.outcome)).toEqual(['sent', 'declined', 'refused'])
  })

  it('logs routes and codes but no claim value, ID number or token', () => {
    const all = logs.join('')
    expect(all).toContain('"route":"/present"')
    expect(all).toContain('claim_not_registered')
    expect(leakedSecrets(all, [PERSON.given_name, PERSON.national_id, PERSON.birthdate, 'request_uri'])).toEqual([])
  })
})
