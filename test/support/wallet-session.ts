// Unlocks the wallet web app over HTTP as a browser would: POST /unlock with the passphrase, keep the session cookie,
// read the session's anti-CSRF token from a page.

export interface WalletSession {
  /** `Cookie` header value carrying the session. */
  cookie: string
  csrf: string
  /** Headers for a same-origin request of this session. */
  headers(extra?: Record<string, string>): Record<string, string>
}

export async function unlockSession(baseUrl: string, passphrase: string): Promise<WalletSession> {
  const res = await fetch(`${baseUrl}/unlock`, { method: 'POST', body: new URLSearchParams({ passphrase }), redirect: 'manual' })
  const setCookie = res.headers.get('set-cookie') ?? ''
  const cookie = setCookie.split(';')[0] ?? ''
  if (res.status !== 303 || !cookie.startsWith('wallet_session=')) throw new Error(`unlock failed: HTTP ${res.status}`)
  const page = await (await fetch(`${baseUrl}/scan`, { headers: { cookie } })).text()
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1]
  if (csrf === undefined) throw new Error('no csrf token on the scan page')
  return { cookie, csrf, headers: (extra = {}) => ({ cookie, ...extra }) }
}
