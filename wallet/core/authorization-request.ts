// Parses an `openid4vp://` authorization request URI; only request-by-reference is accepted (OpenID4VP 1.0 §5, RFC 9101 §5.2).
import { EidError } from '../../shared/errors/index.ts'

/** Longest authorization request URI the wallet reads, characters. */
export const MAX_AUTHORIZATION_REQUEST_LENGTH = 8192

export interface AuthorizationRequestRef {
  clientId: string
  requestUri: string
}

/**
 * Reads `client_id` and `request_uri` from `openid4vp://?client_id=...&request_uri=...` (any
 * authority/path, or an https URL with that query). A request passed by value (`request`, or bare
 * parameters without a signed request object) is refused: the wallet only trusts signed requests.
 * `request_uri_method=post` is served by GET (§5.10: the wallet may choose). Throws `authorization_request_invalid`.
 */
export function parseAuthorizationRequestUri(uri: unknown): AuthorizationRequestRef {
  if (typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_AUTHORIZATION_REQUEST_LENGTH) {
    throw new EidError('authorization_request_invalid', `authorization request must be a URI of at most ${MAX_AUTHORIZATION_REQUEST_LENGTH} characters`)
  }
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    throw new EidError('authorization_request_invalid', 'authorization request is not a valid URI')
  }
  if (url.protocol !== 'openid4vp:' && url.protocol !== 'https:' && url.protocol !== 'haip-vp:') {
    throw new EidError('authorization_request_invalid', 'authorization request must use openid4vp://')
  }
  const one = (name: string): string | undefined => {
    const all = url.searchParams.getAll(name)
    if (all.length > 1) throw new EidError('authorization_request_invalid', `${name} appears more than once`)
    return all[0]
  }
  if (one('request') !== undefined) throw new EidError('authorization_request_invalid', 'request by value is not accepted; use request_uri')
  const clientId = one('client_id')
  const requestUri = one('request_uri')
  if (clientId === undefined || clientId.length === 0) throw new EidError('authorization_request_invalid', 'client_id is missing')
  if (requestUri === undefined || requestUri.length === 0) {
    throw new EidError('authorization_request_invalid', 'request_uri is missing (only signed request objects are accepted)')
  }
  return { clientId, requestUri }
}
