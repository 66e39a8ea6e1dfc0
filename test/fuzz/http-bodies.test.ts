// Body-level attacks on one body-taking endpoint of each service: compression bombs, chunked bodies over the limit,
// charsets and BOMs, corrupt compressed streams. Limits hold after decompression; every answer is a 4xx with a code.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'
import { createTestRegistrar } from '../support/verifier/index.ts'
import { createWalletApp } from '../../wallet/app.ts'
import { ADMIN_TOKEN, startIssuer } from '../e2e/issuer-harness.ts'
import type { RunningIssuer } from '../e2e/issuer-harness.ts'
import { listen, tempWallet } from '../e2e/wallet-fixtures.ts'
import { unlockSession } from '../support/wallet-session.ts'
import type { Listening } from '../e2e/wallet-fixtures.ts'
import { FORM_CT, JSON_CT, MARKER_ID, bearer, expectAlive, expectCleanLogs, expectRejected, send } from './http-harness.ts'

let issuer: RunningIssuer
let verifier: VerifierHarness
let wallet: Listening
let walletCleanup: () => Promise<void>
let walletCookie = ''
const walletLogs: string[] = []

interface Target {
  name: string
  url: () => string
  path: string
  headers: () => Record<string, string>
  html?: boolean
}

const targets: Target[] = [
  { name: 'issuer POST /admin/enrollments (JSON)', url: () => issuer.url, path: '/admin/enrollments', headers: () => ({ ...JSON_CT, ...bearer(ADMIN_TOKEN) }) },
  { name: 'issuer POST /token (form)', url: () => issuer.url, path: '/token', headers: () => FORM_CT },
  { name: 'verifier POST /presentations (JSON)', url: () => verifier.baseUrl, path: '/presentations', headers: () => ({ ...JSON_CT, ...bearer(verifier.apiKey) }) },
  { name: 'verifier POST /responses (form)', url: () => verifier.baseUrl, path: '/responses', headers: () => FORM_CT },
  { name: 'wallet POST /offers (form, unlocked)', url: () => wallet.url, path: '/offers', headers: () => ({ ...FORM_CT, cookie: walletCookie }), html: true },
  { name: 'wallet POST /unlock (form)', url: () => wallet.url, path: '/unlock', headers: () => FORM_CT, html: true },
]

beforeAll(async () => {
  issuer = await startIssuer()
  verifier = await startVerifierHarness()
  const registrar = await createTestRegistrar(Math.floor(Date.now() / 1000))
  const w = await tempWallet([registrar.root])
  walletCleanup = w.cleanup
  const stream = new Writable({ write: (chunk: Buffer, _e, cb) => (walletLogs.push(chunk.toString()), cb()) })
  wallet = await listen((await createWalletApp({ ...w.config, logger: pino({ level: 'info' }, stream) })).app)
  walletCookie = (await unlockSession(wallet.url, w.config.passphrase)).cookie
})

afterAll(async () => {
  expectCleanLogs(issuer.logs, [ADMIN_TOKEN])
  expectCleanLogs(verifier.logs, [verifier.apiKey])
  expectCleanLogs(walletLogs)
  await wallet.close()
  await walletCleanup()
  await verifier.close()
  await issuer.close()
})

/** 16 MiB of one byte: compresses to a few KiB, inflates far past every body limit. */
const BOMB = Buffer.alloc(16 * 1024 * 1024, 0x61)
const bombs = {
  gzip: gzipSync(BOMB, { level: 9 }),
  deflate: deflateSync(BOMB, { level: 9 }),
  br: brotliCompressSync(BOMB),
}

describe.each(targets)('$name', (t) => {
  it('compression bombs are 413 body_too_large, quickly', async () => {
    for (const [encoding, body] of Object.entries(bombs)) {
      expect(body.length).toBeLessThan(64 * 1024)
      const started = Date.now()
      const r = await send(t.url(), { method: 'POST', path: t.path, headers: { ...t.headers(), 'content-encoding': encoding }, body })
      expect(expectRejected(r, { html: t.html, status: 413 }), encoding).toBe('body_too_large')
      expect(Date.now() - started, encoding).toBeLessThan(3000)
    }
  })

  it('corrupt and stacked compressed bodies are 4xx', async () => {
    const small = gzipSync(Buffer.from('{"a":1}'))
    for (const [encoding, body] of [['gzip', Buffer.from('not gzip at all')], ['deflate', small], ['br', Buffer.from([0xff, 0xff, 0xff])], ['gzip', small.subarray(0, small.length - 6)], ['gzip, deflate', small], ['identity, gzip', small]] as const) {
      expectRejected(await send(t.url(), { method: 'POST', path: t.path, headers: { ...t.headers(), 'content-encoding': encoding }, body }), { html: t.html, label: encoding })
    }
  })

  it('a chunked body without Content-Length over the limit is 413', async () => {
    const headers = { ...t.headers(), 'transfer-encoding': 'chunked' }
    const r = await send(t.url(), { method: 'POST', path: t.path, headers, body: Buffer.alloc(600 * 1024, 0x61) })
    expect(expectRejected(r, { html: t.html, status: 413 })).toBe('body_too_large')
  })

  it('UTF-16 and other charsets, BOMs and NUL bytes are 4xx without echo', async () => {
    const json = JSON.stringify({ national_id: MARKER_ID })
    const bodies: [string, Buffer][] = [
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')])],
      ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])],
      ['utf-8', Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x00, 0xff])],
      ['latin1', Buffer.from(`${json}\u00e9`, 'latin1')],
      ['x-unknown', Buffer.from(json)],
    ]
    for (const [charset, body] of bodies) {
      const ct = (t.headers()['content-type'] ?? '') + `; charset=${charset}`
      expectRejected(await send(t.url(), { method: 'POST', path: t.path, headers: { ...t.headers(), 'content-type': ct }, body }), { html: t.html, label: charset })
    }
  })
})

describe('all services still answer', () => {
  it('serves metadata, creates a presentation, renders the wallet', async () => {
    await expectAlive(issuer.url, '/.well-known/openid-credential-issuer')
    expect((await verifier.createPresentation({ preset: 'age_over_18' })).status).toBe(201)
    await expectAlive(wallet.url, '/unlock')
  })
})
