// The wallet web app is locked (issue 14): every route but the lock screen needs a session unlocked with the
// passphrase (HttpOnly, SameSite=Strict cookie, idle timeout); a same-device /authorize link waits behind the lock
// screen and fetches nothing; state-changing requests need the session's CSRF token; unlock attempts are limited.
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWalletApp } from '../../wallet/app.ts'
import type { WalletAppConfig } from '../../wallet/app.ts'
import { STATE_FILE_NAME } from '../../wallet/core/index.ts'
import { unlockSession } from '../support/wallet-session.ts'
import { listen, tempWallet } from './wallet-fixtures.ts'
import type { Listening } from './wallet-fixtures.ts'

const quiet = pino({ level: 'silent' })
let service: { url: string; count: () => number; server: Server }
const cleanups: (() => Promise<void>)[] = []

/** A fake service that counts every request it receives (none may arrive while the wallet is locked). */
function countingService(): Promise<typeof service> {
  let n = 0
  const server = createServer((_req, res) => {
    n++
    res.writeHead(404).end()
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => n, server })))
}

async function startApp(extra: Partial<WalletAppConfig> = {}, opts: { fresh?: boolean } = {}): Promise<{ server: Listening; passphrase: string; dir: string }> {
  const w = await tempWallet([])
  cleanups.push(w.cleanup)
  const { passphrase, ...rest } = w.config
  const dir = opts.fresh ? await mkdtemp(join(tmpdir(), 'wallet-fresh-')) : w.config.dir
  if (opts.fresh) cleanups.push(() => rm(dir, { recursive: true, force: true }))
  const { app } = await createWalletApp({ ...rest, dir, ...(opts.fresh ? {} : { passphrase }), logger: quiet, ...extra })
  const server = await listen(app)
  cleanups.push(() => server.close())
  return { server, passphrase, dir }
}

const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(form), headers, redirect: 'manual' })

beforeAll(async () => {
  service = await countingService()
})

afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
  await new Promise<void>((resolve) => service.server.close(() => resolve()))
})

describe('wallet web app: locked without a session', () => {
  let app: Awaited<ReturnType<typeof startApp>>
  beforeAll(async () => {
    app = await startApp()
  })

  it('/api/* answers 401 wallet_locked, with no data', async () => {
    for (const path of ['/api/credentials', '/api/history', '/history.json']) {
      const res = await fetch(`${app.server.url}${path}`)
      expect(res.status, path).toBe(401)
      expect(((await res.json()) as { code: string }).code).toBe('wallet_locked')
    }
  })

  it('pages answer 401 with the lock screen; POSTs are refused', async () => {
    for (const path of ['/', '/scan', '/history', '/cards/x']) {
      const res = await fetch(`${app.server.url}${path}`)
      expect(res.status, path).toBe(401)
      const text = await res.text()
      expect(text).toContain('action="/unlock"')
      expect(text).toContain('type="password"')
    }
    for (const path of ['/present', '/offers', '/consent/x', '/lock']) {
      expect((await post(`${app.server.url}${path}`, { request: 'openid4vp://?a=b' })).status, path).toBe(401)
    }
  })

  it('a same-device /authorize link shows the lock screen and fetches nothing; after unlocking it continues there', async () => {
    const q = `?client_id=${encodeURIComponent('x509_hash:abc')}&request_uri=${encodeURIComponent(`${service.url}/request`)}`
    const locked = await fetch(`${app.server.url}/authorize${q}`, { headers: { 'accept-language': 'en' } })
    expect(locked.status).toBe(401)
    const text = await locked.text()
    expect(text).toContain('A service is asking for your data')
    expect(text).toContain(`name="next" value="/authorize${q.replaceAll('&', '&#38;')}"`)
    expect(service.count()).toBe(0)

    // Unlocking carries the link on: 303 back to /authorize, where the (unlocked) wallet fetches the request.
    const res = await post(`${app.server.url}/unlock`, { passphrase: app.passphrase, next: `/authorize${q}` })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/authorize${q}`)
    expect(service.count()).toBe(0)
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    await fetch(`${app.server.url}/authorize${q}`, { headers: { cookie } })
    expect(service.count()).toBeGreaterThan(0)
  })

  it('the session cookie is HttpOnly, SameSite=Strict, path /', async () => {
    const res = await post(`${app.server.url}/unlock`, { passphrase: app.passphrase })
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^wallet_session=[A-Za-z0-9_-]{40,};/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    expect(setCookie).toContain('Path=/')
  })

  it('an unlock to another site is not followed (next must be a path of the wallet)', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '/unlock']) {
      const res = await post(`${app.server.url}/unlock`, { passphrase: app.passphrase, next })
      expect(res.headers.get('location'), next).toBe('/')
    }
  })
})

describe('wallet web app: CSRF', () => {
  it('a POST without the session token, with another\'s token, or from another site is 403 forbidden; nothing fetched', async () => {
    const app = await startApp()
    const s = await unlockSession(app.server.url, app.passphrase)
    const other = await unlockSession(app.server.url, app.passphrase)
    const request = `openid4vp://?client_id=x509_hash%3Aabc&request_uri=${encodeURIComponent(`${service.url}/csrf`)}`
    const before = service.count()
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ request }, {}],
      [{ request, csrf: other.csrf }, {}],
      [{ request, csrf: s.csrf }, { origin: 'https://evil.example' }],
      [{ request, csrf: s.csrf }, { 'sec-fetch-site': 'cross-site' }],
      [{ request, csrf: s.csrf }, { 'sec-fetch-site': 'same-site' }],
    ]
    for (const [form, headers] of cases) {
      const res = await post(`${app.server.url}/present`, form, s.headers(headers))
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(await res.text()).toContain('forbidden')
    }
    expect((await post(`${app.server.url}/lock`, {}, s.headers())).status).toBe(403)
    expect(service.count()).toBe(before)
    // The same request with the token is processed (the wallet fetches the request): the check can fail.
    await post(`${app.server.url}/present`, { request, csrf: s.csrf }, s.headers({ 'sec-fetch-site': 'same-origin', origin: app.server.url }))
    expect(service.count()).toBeGreaterThan(before)
  })

  it('a cross-site unlock attempt is refused before the passphrase is tried', async () => {
    const app = await startApp()
    const res = await post(`${app.server.url}/unlock`, { passphrase: app.passphrase }, { 'sec-fetch-site': 'cross-site' })
    expect(res.status).toBe(403)
    expect(res.headers.get('set-cookie')).toBeNull()
  })
})

describe('wallet web app: unlock attempts, idle timeout, lock', () => {
  it('wrong passphrases are answered ever more slowly and the sixth attempt in a minute is 429 rate_limited', async () => {
    const app = await startApp({ unlockLimit: { max: 5, windowSeconds: 60, baseDelayMs: 40 } })
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const started = Date.now()
      const res = await post(`${app.server.url}/unlock`, { passphrase: `wrong passphrase ${i}` })
      times.push(Date.now() - started)
      expect(res.status).toBe(401)
      expect(await res.text()).toContain('wallet_passphrase_wrong')
      expect(res.headers.get('set-cookie')).toBeNull()
    }
    expect(times[4]).toBeGreaterThanOrEqual(40 * 16 - 5)
    // Even the right passphrase waits now.
    const limited = await post(`${app.server.url}/unlock`, { passphrase: app.passphrase })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited.text()).toContain('rate_limited')
    expect(limited.headers.get('set-cookie')).toBeNull()
  })

  it('concurrent guesses count too: of ten at once, at most five are tried', async () => {
    const app = await startApp({ unlockLimit: { max: 5, windowSeconds: 60, baseDelayMs: 1 } })
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => post(`${app.server.url}/unlock`, { passphrase: `guess ${i}` }).then((r) => r.status)))
    expect(statuses.filter((s) => s === 401).length).toBe(5)
    expect(statuses.filter((s) => s === 429).length).toBe(5)
  })

  it('a session idle longer than the timeout is locked', async () => {
    const app = await startApp({ sessionIdleSeconds: 1 })
    const s = await unlockSession(app.server.url, app.passphrase)
    expect((await fetch(`${app.server.url}/api/history`, { headers: s.headers() })).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect((await fetch(`${app.server.url}/api/history`, { headers: s.headers() })).status).toBe(401)
  })

  it('Lock ends the session', async () => {
    const app = await startApp()
    const s = await unlockSession(app.server.url, app.passphrase)
    const res = await post(`${app.server.url}/lock`, { csrf: s.csrf }, s.headers())
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/unlock')
    expect((await fetch(`${app.server.url}/api/history`, { headers: s.headers() })).status).toBe(401)
  })

  it('without a wallet file the lock screen creates one: at least 8 characters, typed twice', async () => {
    const app = await startApp({}, { fresh: true })
    const page = await (await fetch(`${app.server.url}/`, { headers: { 'accept-language': 'zh-CN' } })).text()
    expect(page).toContain('创建钱包')
    expect((await post(`${app.server.url}/unlock`, { passphrase: 'short', repeat: 'short' })).status).toBe(400)
    expect((await post(`${app.server.url}/unlock`, { passphrase: 'long enough 1', repeat: 'long enough 2' })).status).toBe(400)
    // counted as the wallet file counts them (code points): four emoji are 8 UTF-16 units but 4 characters, asked again
    const emoji = await post(`${app.server.url}/unlock`, { passphrase: '🔑🔑🔑🔑', repeat: '🔑🔑🔑🔑' })
    expect(emoji.status).toBe(400)
    expect(await emoji.text()).toContain('autocomplete="new-password"')
    expect(existsSync(join(app.dir, STATE_FILE_NAME))).toBe(false)
    expect((await post(`${app.server.url}/unlock`, { passphrase: 'long enough 1', repeat: 'long enough 1' })).status).toBe(303)
    expect(existsSync(join(app.dir, STATE_FILE_NAME))).toBe(true)
    expect((await post(`${app.server.url}/unlock`, { passphrase: 'another passphrase' })).status).toBe(401)
    expect((await post(`${app.server.url}/unlock`, { passphrase: 'long enough 1' })).status).toBe(303)
  })
})
