// Fetching a Status List Token (draft-ietf-oauth-status-list-20 §8.1-8.2): GET with Accept, timeout, size limit,
// redirects only within the issuer, and the `application/statuslist+jwt` media type required.
import { EidError, isEidError } from '../../shared/errors/index.ts'
import { STATUS_LIST_JWT_MEDIA_TYPE } from '../../shared/status-list/index.ts'
import { statusListUrl } from './uri-policy.ts'

export interface FetchTokenLimits {
  timeoutMs: number
  maxBytes: number
  maxRedirects: number
}

/**
 * GETs the token at `url` (already allowed for `issuer`). Fails closed: EidError
 * `status_list_unavailable` (network, timeout, non-2xx, too large; details.check names which) or
 * `status_list_invalid` (wrong media type, not text), `url_not_allowed` (a redirect leaving the issuer).
 */
export async function fetchStatusListToken(url: URL, issuer: string, limits: FetchTokenLimits): Promise<string> {
  const signal = AbortSignal.timeout(limits.timeoutMs)
  let target = url
  for (let hop = 0; ; hop++) {
    let res: Response
    try {
      res = await fetch(target, { headers: { accept: STATUS_LIST_JWT_MEDIA_TYPE }, redirect: 'manual', signal })
    } catch (cause) {
      const timedOut = signal.aborted
      throw unavailable(timedOut ? 'timeout' : 'network', timedOut ? 'status list fetch timed out' : 'status list could not be fetched', cause)
    }
    if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
      await res.body?.cancel()
      if (hop >= limits.maxRedirects) throw unavailable('redirects', 'status list fetch redirected too often')
      target = statusListUrl(new URL(res.headers.get('location') ?? '', target).href, issuer)
      continue
    }
    if (res.status !== 200) {
      await res.body?.cancel()
      throw unavailable('http_status', `status list fetch answered HTTP ${res.status}`)
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
    if (type !== STATUS_LIST_JWT_MEDIA_TYPE) {
      await res.body?.cancel()
      throw new EidError('status_list_invalid', `status list response is not ${STATUS_LIST_JWT_MEDIA_TYPE}`, { details: { check: 'content_type' } })
    }
    return (await readBounded(res, limits.maxBytes, signal)).trim()
  }
}

async function readBounded(res: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    await res.body?.cancel()
    throw unavailable('too_large', `status list response exceeds ${maxBytes} bytes`)
  }
  const reader = res.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await reader.cancel()
        throw unavailable('too_large', `status list response exceeds ${maxBytes} bytes`)
      }
      chunks.push(value)
    }
  } catch (cause) {
    if (isEidError(cause)) throw cause
    throw unavailable(signal.aborted ? 'timeout' : 'network', 'status list response could not be read', cause)
  }
  const body = Buffer.concat(chunks)
  // A compact JWS is ASCII; anything else is not a token.
  if (body.some((b) => b > 0x7e)) {
    throw new EidError('status_list_invalid', 'status list response is not a compact JWS', { details: { check: 'format' } })
  }
  return body.toString('ascii')
}

function unavailable(check: string, message: string, cause?: unknown): EidError {
  return new EidError('status_list_unavailable', message, { details: { check }, ...(cause !== undefined ? { cause } : {}) })
}
