// Fetching a Status List Token (draft-ietf-oauth-status-list-20 §8.1-8.2): GET with Accept through the caller's
// bounded fetch, redirects only within the issuer, and the `application/statuslist+jwt` media type required.
import { EidError } from '../errors/index.ts'
import type { BoundedFetcher } from '../http-fetch/index.ts'
import { STATUS_LIST_JWT_MEDIA_TYPE } from '../status-list/index.ts'
import { statusListUrl } from './uri-policy.ts'

/**
 * GETs the token at `url` (already allowed for `issuer`) within the caller's bounds (timeout, size, URL policy). Fails closed: EidError
 * `status_list_unavailable` (network, timeout, non-2xx, too large; details.check names which) or
 * `status_list_invalid` (wrong media type, not text), `url_not_allowed` (a redirect leaving the issuer).
 */
export async function fetchStatusListToken(url: URL, issuer: string, fetch: BoundedFetcher, maxRedirects: number): Promise<string> {
  const res = await fetch(url.href, {
    what: 'status list',
    allowUrl: (href) => statusListUrl(href, issuer),
    redirects: maxRedirects,
    headers: { accept: STATUS_LIST_JWT_MEDIA_TYPE },
    statuses: [200],
    contentTypes: [STATUS_LIST_JWT_MEDIA_TYPE],
    code: 'status_list_unavailable',
    contentTypeCode: 'status_list_invalid',
    withCheck: true,
  })
  // A compact JWS is ASCII; anything else is not a token.
  if (res.body.some((b) => b > 0x7e)) {
    throw new EidError('status_list_invalid', 'status list response is not a compact JWS', { details: { check: 'format' } })
  }
  return res.body.toString('ascii').trim()
}
