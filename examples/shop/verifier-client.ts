// The shop's backend talking to its verifier: the two calls of the relying-party API (see /docs on the verifier).
// The API key lives here, on the server; the browser never sees it.

export interface Created {
  id: string
  authorization_request: string
  /** Only for the cross-device request (asked with `qr: true`). */
  qr_svg?: string
  expires_at: number
}

export interface Result {
  status: 'pending' | 'verified' | 'rejected' | 'expired'
  claims?: Record<string, unknown>
  error?: string
}

export interface VerifierClient {
  /**
   * Asks for `age_over_18`; with `redirectUri` for the same-device flow (the wallet sends the person back there),
   * without it cross-device, with the request's QR code (`qr: true`).
   */
  askAge(redirectUri?: string): Promise<Created>
  /** The outcome so far; same-device presentations need the `response_code` the redirect carried. */
  result(id: string, responseCode?: string): Promise<Result>
}

export function verifierClient(verifierUrl: string, apiKey: string): VerifierClient {
  const call = async (path: string, init: RequestInit = {}): Promise<unknown> => {
    const res = await fetch(`${verifierUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(5000), // never wait on the verifier longer than this
    })
    const body = (await res.json()) as { code?: string }
    if (!res.ok) throw new Error(`verifier answered ${res.status} ${body.code ?? ''}`)
    return body
  }
  return {
    askAge: async (redirectUri) =>
      (await call('/presentations', {
        method: 'POST',
        body: JSON.stringify({ preset: 'age_over_18', ...(redirectUri ? { redirect_uri: redirectUri } : { qr: true }) }),
      })) as Created,
    result: async (id, responseCode) =>
      (await call(`/presentations/${encodeURIComponent(id)}${responseCode ? `?response_code=${encodeURIComponent(responseCode)}` : ''}`)) as Result,
  }
}
