// Bounded outbound HTTP for the wallet: URL policy, timeout, response size limit, no redirects.
import { EidError } from '../../shared/errors/index.ts'
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
  const url = checkUrl(rawUrl, policy, what, req.sameOriginAs)
  let res: Response
  try {
    res = await fetch(url, {
      method: req.method ?? 'GET',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(limits.timeoutMs),
    })
  } catch (err) {
    throw new EidError('upstream_fetch_failed', `${what}: ${url.origin} could not be reached or timed out`, { cause: err })
  }
  const text = await readBounded(res, limits.maxBytes, what)
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text }
}

async function readBounded(res: Response, maxBytes: number, what: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '0')
  if (declared > maxBytes) {
    await res.body?.cancel()
    throw new EidError('upstream_fetch_failed', `${what}: response larger than ${maxBytes} bytes`)
  }
  if (res.body === null) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await reader.cancel()
        throw new EidError('upstream_fetch_failed', `${what}: response larger than ${maxBytes} bytes`)
      }
      chunks.push(value)
    }
  } catch (err) {
    if (err instanceof EidError) throw err
    throw new EidError('upstream_fetch_failed', `${what}: response could not be read`, { cause: err })
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Parses a JSON response body, mapping failures to `code` with a message naming `what`. */
export function parseJsonBody(res: LimitedResponse, what: string, code: 'issuer_metadata_invalid' | 'issuance_failed' | 'request_object_invalid' | 'upstream_fetch_failed' | 'presentation_not_accepted'): unknown {
  try {
    return JSON.parse(res.text) as unknown
  } catch {
    throw new EidError(code, `${what}: response is not JSON (HTTP ${res.status})`)
  }
}
