// Fetching a Status List Token (draft-ietf-oauth-status-list-20 §8.1-8.2): GET with Accept naming the forms the caller
// takes (CWT, JWT, in its order of preference) through the caller's bounded fetch, redirects only where the caller
// allows, the response's media type one of them, revalidation with If-None-Match (RFC 9110 §13.1.2) and the response's
// ETag and Cache-Control kept.
import { EidError } from '../errors/index.ts'
import type { BoundedFetcher } from '../http-fetch/index.ts'
import { mediaType } from '../http-fetch/index.ts'
import { STATUS_LIST_CWT_MEDIA_TYPE, STATUS_LIST_JWT_MEDIA_TYPE } from '../status-list/index.ts'
import { maxAgeOf } from './cache-control.ts'

/** The two Status List Token forms (§5.1 JWT, §5.2 CWT). */
export type StatusListForm = 'jwt' | 'cwt'

const MEDIA_TYPE: Readonly<Record<StatusListForm, string>> = { jwt: STATUS_LIST_JWT_MEDIA_TYPE, cwt: STATUS_LIST_CWT_MEDIA_TYPE }

/** A fetched token in the form the server chose, or `not_modified` when the `etag` sent still matches. */
export type FetchedStatusList =
  | { kind: 'token'; form: 'jwt'; token: string; etag?: string; maxAge?: number }
  | { kind: 'token'; form: 'cwt'; token: Uint8Array; etag?: string; maxAge?: number }
  | { kind: 'not_modified'; etag?: string; maxAge?: number }

/** Longest ETag kept and sent back. */
const MAX_ETAG_CHARS = 256

/** `Accept` for `forms`, most preferred first: `application/statuslist+cwt, application/statuslist+jwt;q=0.9`. */
export function acceptHeader(forms: readonly StatusListForm[]): string {
  return forms.map((f, i) => (i === 0 ? MEDIA_TYPE[f] : `${MEDIA_TYPE[f]};q=${(10 - i) / 10}`)).join(', ')
}

/**
 * GETs the token at `url` within the caller's bounds (timeout, size, URL policy; `allowUrl` on every hop), asking for
 * `forms`. With `etag`, sends If-None-Match and accepts 304. Fails closed: EidError `status_list_unavailable`
 * (network, timeout, another status, too large; details.check names which) or `status_list_invalid` (`content_type`: a
 * media type not asked for; `format`: a JWT that is not ASCII).
 */
export async function fetchStatusListToken(
  url: URL,
  allowUrl: (href: string) => URL,
  fetch: BoundedFetcher,
  maxRedirects: number,
  etag?: string,
  forms: readonly StatusListForm[] = ['jwt'],
): Promise<FetchedStatusList> {
  const res = await fetch(url.href, {
    what: 'status list',
    allowUrl,
    redirects: maxRedirects,
    headers: { accept: acceptHeader(forms), ...(etag !== undefined ? { 'if-none-match': etag } : {}) },
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
  const form = forms.find((f) => MEDIA_TYPE[f] === mediaType(res.contentType))
  if (form === undefined) {
    throw new EidError('status_list_invalid', `status list: response is not ${forms.map((f) => MEDIA_TYPE[f]).join(' or ')}`, { details: { check: 'content_type' } })
  }
  if (form === 'cwt') return { kind: 'token', form, token: new Uint8Array(res.body), ...fresh }
  // A compact JWS is ASCII; anything else is not a token.
  if (res.body.some((b) => b > 0x7e)) {
    throw new EidError('status_list_invalid', 'status list response is not a compact JWS', { details: { check: 'format' } })
  }
  return { kind: 'token', form, token: res.body.toString('ascii').trim(), ...fresh }
}
