// The demo shop (examples/shop) against the real issuer and verifier on 127.0.0.1: its pages in zh-CN and English,
// the cross-device request (QR code and link) and the same-device button with the response_code round trip, the
// outcome pushed over server-sent events in people's words (verified, declined, refused), and the API key never
// reaching the browser.
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startShop } from '../../examples/shop/shop.ts'
import type { RunningShop } from '../../examples/shop/shop.ts'
import { API_KEY, answerDirectly, issueDirectly, startFlow } from './flow-fixtures.ts'
import type { DirectHolder, Flow } from './flow-fixtures.ts'

const WALLET = 'http://127.0.0.1:9/wallet'
let flow: Flow
let shop: RunningShop
let holder: DirectHolder
const seen: string[] = [] // every body the browser side received

beforeAll(async () => {
  flow = await startFlow({ shop: { name: 'Demo Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] } })
  const verifier = flow.services.shop
  if (!verifier) throw new Error('no verifier')
  shop = await startShop({ host: '127.0.0.1', port: 0, verifierUrl: verifier.url, apiKey: API_KEY, walletUrl: WALLET, pollMs: 100 })
  holder = await issueDirectly(flow.issuer.url, flow.person, 3, flow.clock.now())
})
afterAll(async () => {
  await shop?.close()
  await flow?.close()
})

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(`${shop.url}${path}`, { headers, redirect: 'manual' })
  seen.push(JSON.stringify([...res.headers]), await res.clone().text())
  return res
}

/** Starts a check like the page's button; returns its id and the cross-device request shown under the QR code. */
async function startCheck(): Promise<{ sid: string; request: string; html: string }> {
  const res = await fetch(`${shop.url}/checks`, { method: 'POST', body: new URLSearchParams({ lang: 'en' }), redirect: 'manual' })
  expect(res.status).toBe(303)
  const sid = /^\/checks\/([\w-]{32})$/.exec(res.headers.get('location') ?? '')?.[1] ?? ''
  const html = await (await get(`/checks/${sid}`, { 'accept-language': 'en' })).text()
  expect(html).toContain('src="data:image/svg+xml;base64,')
  const request = /<code id="request-link">([^<]+)<\/code>/.exec(html)?.[1]?.replaceAll('&#38;', '&') ?? ''
  expect(request).toMatch(/^openid4vp:\/\/\?client_id=/)
  return { sid, request, html }
}

/** The one `result` event of the check's event stream. */
async function outcome(sid: string): Promise<string> {
  const res = await fetch(`${shop.url}/api/checks/${sid}/events`)
  expect(res.headers.get('content-type')).toBe('text/event-stream')
  const text = await res.text() // the shop ends the stream after the result
  seen.push(text)
  const data = /event: result\ndata: (.+)\n/.exec(text)?.[1]
  return (JSON.parse(data ?? '{}') as { outcome?: string }).outcome ?? 'none'
}

async function decline(request: string): Promise<void> {
  const requestUri = new URL(request).searchParams.get('request_uri') ?? ''
  const ro = decodeJwt(await (await fetch(requestUri)).text())
  await fetch(String(ro.response_uri), { method: 'POST', body: new URLSearchParams({ error: 'access_denied', state: String(ro.state) }) })
}

const cred = (i: number) => {
  const c = holder.credentials[i]
  if (!c) throw new Error('no credential')
  return c
}

describe('demo shop', () => {
  it('speaks zh-CN or English from Accept-Language, and ?lang= switches and is remembered', async () => {
    expect(await (await get('/', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' })).text()).toContain('<html lang="zh-CN">')
    expect(await (await get('/', { 'accept-language': 'en-GB' })).text()).toContain('Prove I am over 18')
    const switched = await get('/?lang=zh-CN', { 'accept-language': 'en' })
    expect(await switched.text()).toContain('证明我已满 18 岁')
    const cookie = (switched.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    expect(cookie).toBe('lang=zh-CN')
    expect(await (await get('/', { 'accept-language': 'en', cookie })).text()).toContain('<html lang="zh-CN">')
  })

  it('cross-device: the wallet answers the QR request and the page hears "verified"', async () => {
    const { sid, request } = await startCheck()
    const heard = outcome(sid)
    const answer = await answerDirectly(request, cred(0), [['age_over_18']], flow.clock.now())
    expect(answer.status).toBe(200)
    expect(await heard).toBe('verified')
  })

  it('the person declines: the page hears "declined"', async () => {
    const { sid, request } = await startCheck()
    const heard = outcome(sid)
    await decline(request)
    expect(await heard).toBe('declined')
  })

  it('an answer that fails verification: the page hears "refused"', async () => {
    const { sid, request } = await startCheck()
    const heard = outcome(sid)
    // disclosing nothing the request asked for: the verifier rejects it
    await answerDirectly(request, cred(1), [['region']], flow.clock.now()).catch(() => undefined)
    expect(await heard).toBe('refused')
  })

  it('same-device: "open my wallet" goes to the wallet, the redirect back carries a response_code the backend needs', async () => {
    const { sid } = await startCheck()
    const open = await get(`/checks/${sid}/open`)
    expect(open.status).toBe(303)
    const location = open.headers.get('location') ?? ''
    expect(location.startsWith(`${WALLET}/authorize?client_id=`)).toBe(true)
    const answer = await answerDirectly(`openid4vp://${new URL(location).search}`, cred(2), [['age_over_18']], flow.clock.now())
    const back = new URL(String(answer.body.redirect_uri))
    expect(back.href.startsWith(`${shop.url}/checks/${sid}/back#response_code=`)).toBe(true)
    // the page at the redirect target hands the code to the backend (shop.js does this in the browser)
    expect((await get(`/checks/${sid}/back`)).status).toBe(200)
    const code = new URLSearchParams(back.hash.slice(1)).get('response_code') ?? ''
    const posted = await fetch(`${shop.url}/api/checks/${sid}/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_code: code }) })
    expect(posted.status).toBe(204)
    expect(await outcome(sid)).toBe('verified')
    // the code is taken once: another (a forwarded link's visitor guessing) and bodies that are not a code are refused
    const post = (body: string) => fetch(`${shop.url}/api/checks/${sid}/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    for (const body of [JSON.stringify({ response_code: 'other' }), 'not json', 'null', JSON.stringify({ response_code: 'x'.repeat(5000) })]) {
      const refused = await post(body)
      expect(refused.status, body.slice(0, 20)).toBe(400)
      expect(await refused.json()).toEqual({ error: 'invalid_request' })
    }
  })

  it('answers 404 for an unknown check, and never shows the API key to the browser', async () => {
    expect((await get('/checks/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
    expect((await get('/shop.js')).status).toBe(200)
    expect(seen.length).toBeGreaterThan(10)
    for (const body of seen) expect(body).not.toContain(API_KEY)
  })
})
