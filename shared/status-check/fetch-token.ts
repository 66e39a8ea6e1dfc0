// Fetching a Status List Token (draft-ietf-oauth-status-list-20 §8.1-8.2): GET with Accept through the caller's
// bounded fetch, redirects only where the caller allows, the `application/statuslist+jwt` media type required,
// revalidation with If-None-Match (RFC 9110 §13.1.2) and the response's ETag and Cache-Control kept.
import { EidError } from '../errors/index.ts'
import type { BoundedFetcher } from '../http-fetch/index.ts'
import { mediaType } from '../http-fetch/index.ts'
import { STATUS_LIST_JWT_MEDIA_TYPE } from '../status-list/index.ts'
import { maxAgeOf } from './cache-control.ts'

/** A fetched token, or `not_modified` when the `etag` sent still matches. */
export type FetchedStatusList =
  | { kind: 'token'; token: string; etag?: string; maxAge?: number }
  | { kind: 'not_modified'; etag?: string; maxAge?: number }

/** Longest ETag kept and sent back. */
const MAX_ETAG_CHARS = 256

/**
 * GETs the token at `url` within the caller's bounds (timeout, size, URL policy; `allowUrl` on every hop). With
 * `etag`, sends If-None-Match and accepts 304. Fails closed: EidError `status_list_unavailable` (network, timeout,
 * another status, too large; details.check names which) or `status_list_invalid` (wrong media type, not text).
 */
export async function fetchStatusListToken(
  url: URL,
  allowUrl: (href: string) => URL,
  fetch: BoundedFetcher,
  maxRedirects: number,
  etag?: string,
): Promise<FetchedStatusList> {
  const res = await fetch(url.href, {
    what: 'status list',
    allowUrl,
    redirects: maxRedirects,
    headers: { accept: STATUS_LIST_JWT_MEDIA_TYPE, ...(etag !== undefined ? { 'if-none-match': etag } : {}) },
    statuses: etag !== undefined ? [200, 304] : [200],
    code: 'status_list_unavailable',
    withCheck: true,
  })
  const tag = res.headers.get('etag') ?? undefined
  const fresh = {
    ...(tag !== undefined && tag.length <= MAX_ETAG_CHARS && /^(W\/)?"[\x21\x23-\x7e]*"$/.test(tag) ? { etag: tag } : {}),
    ...(maxAgeOf(res.headers.get('cache-control')) !== undefined ? { maxAge: maxAgeOf(res.headers.get('cache-control')) as number } : {}),
  }
  if (res.status === 304) return { kind: 'not_modified', ...fresh }
  if (mediaType(res.contentType) !== STATUS_LIST_JWT_MEDIA_TYPE) {
    throw new EidError('status_list_invalid', `status list: response is not ${STATUS_LIST_JWT_MEDIA_TYPE}`, { details: { check: 'content_type' } })
  }
  // A compact JWS is ASCII; anything else is not a token.
  if (res.body.some((b) => b > 0x7e)) {
    throw new EidError('status_list_invalid', 'status list response is not a compact JWS', { details: { check: 'format' } })
  }
  return { kind: 'token', token: res.body.toString('ascii').trim(), ...fresh }
}
