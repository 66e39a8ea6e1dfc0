// The demo shop: an example relying party with its own small backend (node:http, nothing else). It asks its verifier
// for `age_over_18` (the API key stays here), shows the request as a QR code and an "open my wallet" link, and tells
// the page the outcome over server-sent events. Read it as the way a service integrates; docs/INTEGRATION.md explains.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SHOP_JS, checkPage, productPage } from './pages.ts'
import { pickLang } from './text.ts'
import type { Lang } from './text.ts'
import { verifierClient } from './verifier-client.ts'
import type { Result } from './verifier-client.ts'

export interface ShopConfig {
  host: string
  /** 0: any free port. */
  port: number
  verifierUrl: string
  /** The verifier's relying-party API key: only ever sent to the verifier. */
  apiKey: string
  /** A web wallet for the same-device button (`<walletUrl>/authorize?...`); without it, the `openid4vp://` link. */
  walletUrl?: string
  /** How often the backend asks the verifier while a page waits (default 1000 ms). */
  pollMs?: number
}

export interface RunningShop {
  url: string
  close(): Promise<void>
}

/** One age check of one visitor: a cross-device presentation, and a same-device one once the button is used. */
interface Check {
  cross: string
  /** The cross-device request (openid4vp://) and its QR code (SVG). */
  request: string
  qrSvg: string
  same?: string
  /** The same-device response_code handed back by the wallet's redirect (needed to read that result). */
  code?: string
  expiresAt: number
}

/** What the person is told: verified (and over 18), underage, declined, refused (anything else wrong), or expired. */
export type Outcome = 'verified' | 'underage' | 'declined' | 'refused' | 'expired'

function outcomeOf(r: Result): Outcome | undefined {
  if (r.status === 'verified') return r.claims?.age_over_18 === true ? 'verified' : 'underage'
  if (r.status === 'rejected') return r.error === 'access_denied' ? 'declined' : 'refused'
  if (r.status === 'expired') return 'expired'
  return undefined // still pending
}

const MAX_CHECKS = 10_000

export async function startShop(c: ShopConfig): Promise<RunningShop> {
  const verifier = verifierClient(c.verifierUrl, c.apiKey)
  const checks = new Map<string, Check>()
  const pollMs = c.pollMs ?? 1000
  let shopUrl = ''

  const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...headers,
    })
    res.end(body)
  }
  const redirect = (res: ServerResponse, to: string, headers: Record<string, string> = {}): void => {
    res.writeHead(303, { location: to, 'cache-control': 'no-store', ...headers }).end()
  }
  const readBody = async (req: IncomingMessage): Promise<string> => {
    let body = ''
    for await (const chunk of req) {
      body += String(chunk)
      if (body.length > 4096) throw new Error('body too large')
    }
    return body
  }
  const langOf = (req: IncomingMessage, url: URL): Lang => {
    const cookie = /(?:^|;\s*)lang=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
    return pickLang(url.searchParams.get('lang'), cookie, req.headers['accept-language'])
  }
  const langCookie = (lang: Lang): Record<string, string> => ({ 'set-cookie': `lang=${lang}; Path=/; SameSite=Lax; Max-Age=31536000` })

  /** The outcome of a check once either of its presentations finished, else undefined. */
  const outcome = async (check: Check): Promise<Outcome | undefined> => {
    if (check.same && check.code) {
      const same = outcomeOf(await verifier.result(check.same, check.code))
      if (same && same !== 'expired') return same
    }
    return outcomeOf(await verifier.result(check.cross))
  }

  /** Server-sent events: ask the verifier every pollMs until the check finished or expired, then send one `result`. */
  const events = (req: IncomingMessage, res: ServerResponse, check: Check): void => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    res.write(': waiting\n\n')
    let stopped = false
    req.on('close', () => (stopped = true))
    const tick = async (): Promise<void> => {
      if (stopped) return
      let o: Outcome | undefined
      try {
        o = await outcome(check)
      } catch {
        o = undefined // the verifier is briefly unreachable: try again at the next tick
      }
      if (o === undefined && Date.now() / 1000 > check.expiresAt + 5) o = 'expired'
      if (o !== undefined) {
        res.end(`event: result\ndata: ${JSON.stringify({ outcome: o })}\n\n`)
        return
      }
      setTimeout(() => void tick(), pollMs).unref()
    }
    void tick()
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://shop.invalid')
    const lang = langOf(req, url)
    const path = url.pathname
    const m = /^\/(?:api\/)?checks\/([A-Za-z0-9_-]{32})(\/[a-z]+)?$/.exec(path)
    const check = m ? checks.get(m[1] as string) : undefined
    const sid = m?.[1] as string

    if (req.method === 'GET' && path === '/') return send(res, 200, 'text/html; charset=utf-8', productPage(lang), url.searchParams.has('lang') ? langCookie(lang) : {})
    if (req.method === 'GET' && path === '/shop.js') return send(res, 200, 'text/javascript; charset=utf-8', SHOP_JS)
    if (req.method === 'POST' && path === '/checks') {
      // Cross-device: no redirect_uri, so whoever holds the id (only this backend) can read the result.
      const created = await verifier.askAge()
      if (created.qr_svg === undefined) throw new Error('the verifier sent no QR code')
      if (checks.size >= MAX_CHECKS) checks.delete(checks.keys().next().value as string)
      const id = randomBytes(24).toString('base64url')
      checks.set(id, { cross: created.id, request: created.authorization_request, qrSvg: created.qr_svg, expiresAt: created.expires_at })
      return redirect(res, `/checks/${id}`)
    }
    if (!check) return send(res, 404, 'text/plain; charset=utf-8', 'no such check')
    if (req.method === 'GET' && (m?.[2] === undefined || m[2] === '/back') && !path.startsWith('/api/')) {
      return send(res, 200, 'text/html; charset=utf-8', checkPage(lang, sid, check.qrSvg, check.request), url.searchParams.has('lang') ? langCookie(lang) : {})
    }
    if (req.method === 'GET' && m?.[2] === '/open') {
      // Same-device: the wallet sends the person back to /checks/<id>/back#response_code=..., and the result is
      // released only with that code, so a link forwarded to someone else cannot complete this visitor's check.
      const created = await verifier.askAge(`${shopUrl}/checks/${sid}/back`)
      check.same = created.id
      check.expiresAt = Math.max(check.expiresAt, created.expires_at)
      const request = new URL(created.authorization_request)
      return redirect(res, c.walletUrl ? `${c.walletUrl}/authorize${request.search}` : created.authorization_request)
    }
    if (req.method === 'POST' && path === `/api/checks/${sid}/code`) {
      let body: { response_code?: unknown } | null
      try {
        body = JSON.parse(await readBody(req)) as { response_code?: unknown } | null
      } catch {
        body = null // not JSON, or over 4 KiB: the same answer as a missing code
      }
      if (typeof body?.response_code !== 'string' || body.response_code.length > 256 || check.code !== undefined) return send(res, 400, 'application/json', '{"error":"invalid_request"}')
      check.code = body.response_code
      return send(res, 204, 'application/json', '')
    }
    if (req.method === 'GET' && path === `/api/checks/${sid}/events`) return events(req, res, check)
    return send(res, 404, 'text/plain; charset=utf-8', 'not found')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 502, 'text/plain; charset=utf-8', 'the age check is unavailable right now, please try again')
      else res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(c.port, c.host, () => resolve())
  })
  shopUrl = `http://${c.host === '0.0.0.0' ? '127.0.0.1' : c.host}:${(server.address() as AddressInfo).port}`
  return {
    url: shopUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
