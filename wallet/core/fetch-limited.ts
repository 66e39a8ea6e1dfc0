// Bounded outbound HTTP for the wallet (over shared/http-fetch): URL policy, timeout, response size limit, no redirects.
import { EidError } from '../../shared/errors/index.ts'
import { createBoundedFetcher, fetchBounded } from '../../shared/http-fetch/index.ts'
import type { BoundedFetcher } from '../../shared/http-fetch/index.ts'
import { checkUrl } from './url-policy.ts'
import type { UrlPolicy } from './url-policy.ts'

export interface FetchLimits {
  timeoutMs: number
  maxBytes: number
}

export interface LimitedResponse {
  status: number
  contentType: string
  text: string
}

export interface LimitedRequest {
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Origin the URL must share (e.g. the credential issuer). */
  sameOriginAs?: string
}

/**
 * Fetches `rawUrl` after checking it against `policy`. Redirects are not followed (a redirect could
 * leave the allowed origin); the body is read up to `limits.maxBytes`. Network failures, timeouts
 * and oversize bodies throw `upstream_fetch_failed`; disallowed URLs throw `url_not_allowed`.
 */
export async function fetchLimited(
  rawUrl: string,
  what: string,
  policy: UrlPolicy,
  limits: FetchLimits,
  req: LimitedRequest = {},
): Promise<LimitedResponse> {
  const res = await fetchBounded(rawUrl, {
    what,
    allowUrl: (href) => checkUrl(href, policy, what, req.sameOriginAs),
    timeoutMs: limits.timeoutMs,
    maxBytes: limits.maxBytes,
    redirects: 'return',
    method: req.method,
    headers: req.headers,
    body: req.body,
    code: 'upstream_fetch_failed',
  })
  return { status: res.status, contentType: res.contentType, text: res.body.toString('utf8') }
}

/** The wallet's bounded fetch handed to shared modules (shared/trust, shared/status-check): its URL policy and limits. */
export function walletFetcher(policy: UrlPolicy, limits: FetchLimits): BoundedFetcher {
  return createBoundedFetcher({ ...limits, allowUrl: (href, what) => checkUrl(href, policy, what) })
}

/** Parses a JSON response body, mapping failures to `code` with a message naming `what`. */
export function parseJsonBody(res: LimitedResponse, what: string, code: 'issuer_metadata_invalid' | 'issuance_failed' | 'request_object_invalid' | 'upstream_fetch_failed' | 'presentation_not_accepted'): unknown {
  try {
    return JSON.parse(res.text) as unknown
  } catch {
    throw new EidError(code, `${what}: response is not JSON (HTTP ${res.status})`)
  }
}
