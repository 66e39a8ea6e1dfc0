// Hostile HTTP against every route of the wallet web app (createWalletApp), and hostile upstreams behind the offer and
// request URIs it is given: every answer is a 4xx page (HTML, or JSON under /api) naming a stable code, or 502
// upstream_fetch_failed when the named server misbehaves; nothing secret is echoed or logged; the wallet keeps answering.
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import fc from 'fast-check'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestRegistrar } from '../support/verifier/index.ts'
import { createWalletApp } from '../../wallet/app.ts'
import { listen, tempWallet } from '../e2e/wallet-fixtures.ts'
import { unlockSession } from '../support/wallet-session.ts'
import type { Listening } from '../e2e/wallet-fixtures.ts'
import {
  FORM_CT, HOSTILE_SEGMENTS, JSON_CT, MARKER_ID, MARKER_NAME, MARKER_TOKEN, deepJson, expectCleanLogs, expectRejected, send,
} from './http-harness.ts'
import type { RawResponse } from './http-harness.ts'

let server: Listening
let cleanup: () => Promise<void>
let csrf = ''
let cookie = ''
const logs: string[] = []
/** A hostile upstream on 127.0.0.1: each path misbehaves in its own way. */
let evil: { url: string; server: Server }

const page = (r: RawResponse, secrets: string[] = []): string => expectRejected(r, { html: true, secrets: [csrf, ...secrets] })
/** A 4xx page, or a 502 page naming an upstream code when the URI given names a misbehaving server. */
function pageOrUpstream(r: RawResponse, label = ''): string {
  if (r.status !== 502) return page(r, [MARKER_TOKEN])
  const code = /<strong>([a-z0-9_]+)<\/strong>/.exec(r.text)?.[1]
  expect(['upstream_fetch_failed', 'issuer_metadata_invalid'], `${label} ${r.text.slice(-300)}`).toContain(code)
  for (const s of [MARKER_ID, MARKER_NAME, MARKER_TOKEN, csrf]) expect(r.text.includes(s), label).toBe(false)
  return code ?? ''
}
const postForm = (path: string, body: string, headers: Record<string, string> = {}) => send(server.url, { method: 'POST', path, headers: { ...FORM_CT, cookie, ...headers }, body })
/** A request of the unlocked session. */
const sendIn = (req: Parameters<typeof send>[1]) => send(server.url, { ...req, headers: { cookie, ...(req.headers ?? {}) } })
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

function startEvil(): Promise<{ url: string; server: Server }> {
  const s = createServer((req, res) => {
    const path = req.url ?? '/'
    if (path.startsWith('/huge')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      for (let i = 0; i < 64; i++) res.write(chunk) // 4 MiB, more than the wallet reads
      res.end('{}')
    } else if (path.startsWith('/redirect')) {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end()
    } else if (path.startsWith('/deep')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(deepJson(50_000))
    } else if (path.startsWith('/echo')) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request', error_description: `${MARKER_ID} ${MARKER_NAME}` }))
    } else if (path.startsWith('/jwt')) {
      res.writeHead(200, { 'content-type': 'application/oauth-authz-req+jwt' }).end(`eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ client_id: MARKER_NAME })).toString('base64url')}.`)
    } else {
      res.writeHead(500, { 'content-type': 'text/html' }).end(`<h1>${MARKER_NAME}</h1>`)
    }
  })
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, server: s })))
}

beforeAll(async () => {
  const registrar = await createTestRegistrar(Math.floor(Date.now() / 1000))
  const w = await tempWallet([registrar.root], { fetchTimeoutMs: 2000 })
  cleanup = w.cleanup
  const stream = new Writable({ write: (chunk: Buffer, _e, cb) => (logs.push(chunk.toString()), cb()) })
  const { app } = await createWalletApp({ ...w.config, logger: pino({ level: 'info' }, stream) })
  server = await listen(app)
  evil = await startEvil()
  const session = await unlockSession(server.url, w.config.passphrase)
  cookie = session.cookie
  csrf = session.csrf
  expect(csrf.length).toBeGreaterThan(20)
})

afterAll(async () => {
  expectCleanLogs(logs, [csrf, cookie.split('=')[1] ?? cookie])
  await server.close()
  await new Promise<void>((resolve) => evil.server.close(() => resolve()))
  await cleanup()
})

describe('wallet: routes, methods, hosts', () => {
  it.each(['PUT', 'DELETE', 'PATCH'])('%s on every route is a 4xx page', async (method) => {
    for (const path of ['/', '/offers', '/present', '/authorize', '/consent/x', '/api/credentials', '/api/history']) {
      const r = await sendIn({ method, path, headers: FORM_CT, body: 'a=1' })
      expectRejected(r, { html: !path.startsWith('/api/') })
    }
  })

  it('hostile paths are 404 pages and never reach the logs', async () => {
    for (const seg of HOSTILE_SEGMENTS) {
      page(await sendIn({ path: `/${seg}` }))
      expectRejected(await sendIn({ path: `/api/${seg}` }), { label: seg })
      page(await postForm(`/consent/${seg}`, form({ csrf, decision: 'accept' })))
    }
  })

  it('foreign, malformed and oversized Host headers are 403 forbidden', async () => {
    for (const host of ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', '[::2]', `${MARKER_NAME}`, 'a'.repeat(8000), '127.0.0.1@evil', '%31%32%37.0.0.1']) {
      expect(page(await sendIn({ path: '/', headers: { host } }))).toBe('forbidden')
    }
  })

  it('hostile Origin headers on a form with the right csrf are 403, never 500', async () => {
    for (const origin of ['http://evil.example', 'not a url', '://', 'http://[::1', `http://${MARKER_NAME}:99999`, 'file:///etc/passwd', 'a'.repeat(8000)]) {
      const r = await postForm('/present', form({ csrf, request: 'openid4vp://?client_id=x&request_uri=http%3A%2F%2F127.0.0.1%2Fr' }), { origin })
      expect(page(r), origin.slice(0, 40)).toBe('forbidden')
    }
  })

  it('big headers within Node limits are handled', async () => {
    const headers: Record<string, string> = { 'x-pad': 'p'.repeat(12_000), cookie: `a=${MARKER_TOKEN}; ${cookie}` }
    for (let i = 0; i < 100; i++) headers[`x-h${i}`] = MARKER_ID
    expect((await sendIn({ path: '/api/credentials', headers })).status).toBe(200)
  })
})

describe('wallet: forms', () => {
  const routes = ['/offers', '/present', `/consent/nonexistent`]

  it.each(routes)('%s: missing or wrong csrf, duplicates, wrong content types, too many and oversized parameters are 4xx', async (path) => {
    const bodies = [
      '', 'csrf=', form({ csrf: `${csrf}x`, offer: 'o', request: 'r', decision: 'accept' }), `csrf=${csrf}&csrf=${csrf}&offer=o&request=r&decision=accept`,
      `csrf=${csrf}&offer=a&offer=b&request=a&request=b&decision=accept&decision=decline`, `csrf=%zz&offer=%`, `csrf=${csrf}&${'x=1&'.repeat(20)}`,
      `csrf=${csrf}&offer=${'o'.repeat(20_000)}&request=${'r'.repeat(9000)}&decision=maybe`, `csrf=${csrf}&__proto__=1&constructor=2`,
      `csrf=${csrf}&offer=${MARKER_ID}&tx_code=${MARKER_TOKEN}&request=${MARKER_ID}&decision=${MARKER_NAME}`,
    ]
    for (const body of bodies) page(await postForm(path, body), [MARKER_TOKEN])
    for (const ct of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
      page(await sendIn({ method: 'POST', path, headers: { 'content-type': ct }, body: JSON.stringify({ csrf, offer: 'x', request: 'x', decision: 'accept' }) }))
    }
    expect(page(await postForm(path, `csrf=${csrf}&pad=${'x'.repeat(40_000)}`))).toBe('body_too_large')
    page(await sendIn({ method: 'POST', path, headers: { ...FORM_CT, 'content-encoding': 'gzip' }, body: `csrf=${csrf}` }))
  })

  it('offers: hostile offer URIs and tx codes are refused without echoing them', async () => {
    const offers = [
      MARKER_ID, 'openid-credential-offer://', 'openid-credential-offer://?credential_offer=%zz', 'openid-credential-offer://?credential_offer=%7B',
      `openid-credential-offer://?credential_offer=${encodeURIComponent(deepJson(5_000))}`,
      `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify({ credential_issuer: `http://${MARKER_NAME}.example`, credential_configuration_ids: [MARKER_ID], grants: {} }))}`,
      `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify({ __proto__: { x: 1 }, credential_issuer: evil.url, credential_configuration_ids: ['pid'], grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': MARKER_TOKEN } } }))}`,
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent('http://169.254.169.254/latest')}`,
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent('file:///etc/passwd')}`,
      `openid-credential-offer://?credential_offer=a&credential_offer_uri=b`,
      `javascript:alert(1)`, `openid-credential-offer://?credential_offer=${encodeURIComponent(`{"a":"${MARKER_ID}"`)}`,
    ]
    for (const offer of offers) {
      pageOrUpstream(await postForm('/offers', form({ csrf, offer, tx_code: MARKER_TOKEN })), offer.slice(0, 90))
    }
  })

  it('offers and requests naming a misbehaving server: 4xx, or 502 upstream_fetch_failed, bounded in time and size', async () => {
    for (const p of ['/huge', '/redirect', '/deep', '/echo', '/jwt', '/500']) {
      const started = Date.now()
      for (const r of [
        await postForm('/offers', form({ csrf, offer: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(evil.url + p)}` })),
        await postForm('/present', form({ csrf, request: `openid4vp://?client_id=${encodeURIComponent('x509_hash:abc')}&request_uri=${encodeURIComponent(evil.url + p)}` })),
        await sendIn({ path: `/authorize?client_id=x509_hash%3Aabc&request_uri=${encodeURIComponent(evil.url + p)}` }),
      ]) {
        pageOrUpstream(r, p)
      }
      expect(Date.now() - started, p).toBeLessThan(6000)
    }
  })

  it('authorize: missing, duplicated, oversized and odd query parameters are 4xx', async () => {
    const queries = ['', '?client_id=x', '?request_uri=http://127.0.0.1/x', '?client_id=a&client_id=b&request_uri=http://127.0.0.1/x', `?client_id=${'c'.repeat(600)}&request_uri=x`,
      '?client_id=%zz&request_uri=%', '?client_id[a]=1&request_uri=x', `?client_id=${MARKER_ID}&request_uri=${MARKER_TOKEN}`, '?__proto__[client_id]=x&request_uri=x',
      `?client_id=x&request_uri=${encodeURIComponent('javascript:alert(1)')}`, `?client_id=x&request_uri=${encodeURIComponent('http://10.0.0.1/r')}`]
    for (const q of queries) page(await sendIn({ path: `/authorize${q}` }), [MARKER_TOKEN])
  })

  it('fast-check: arbitrary form fields on every form route are 4xx pages', async () => {
    const name = fc.oneof(fc.constantFrom('csrf', 'offer', 'request', 'tx_code', 'decision'), fc.string({ maxLength: 8 }))
    const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constant(csrf), fc.constant(MARKER_TOKEN))
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.array(fc.tuple(name, value), { maxLength: 6 }), async (path, pairs) => {
        const body = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
        pageOrUpstream(await postForm(path, body))
      }),
      { numRuns: 30 },
    )
  })

  it('JSON API: hostile queries are ignored and the wallet still answers', async () => {
    for (const q of ['?a=%zz', `?x=${MARKER_ID}`, '?__proto__[a]=1', `?${'a=1&'.repeat(500)}`]) {
      const r = await sendIn({ path: `/api/credentials${q}`, headers: JSON_CT })
      expect(r.status).toBe(200)
      expect(JSON.parse(r.text)).toEqual([])
    }
    expect((await sendIn({ path: '/api/history' })).status).toBe(200)
    expect((await sendIn({ path: '/' })).status).toBe(200)
  })
})
