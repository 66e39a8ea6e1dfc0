// The cross-device authorization request URI (OpenID4VP 1.0 §5, RFC 9101 §5.2): `openid4vp://?client_id=...&request_uri=...`.

/** `openid4vp://?client_id=<client_id>&request_uri=<request_uri>`, both URL-encoded. */
export function authorizationRequestUri(input: { clientId: string; requestUri: string; scheme?: string }): string {
  const q = new URLSearchParams({ client_id: input.clientId, request_uri: input.requestUri })
  return `${input.scheme ?? 'openid4vp'}://?${q.toString()}`
}

/** Characters the application/x-www-form-urlencoded serializer (URLSearchParams) leaves as they are (WHATWG URL §5.2). */
const FORM_UNESCAPED = /^[A-Za-z0-9*._-]*$/

/**
 * authorizationRequestUri for the request URIs `<requestUriBase><suffix>` of one client, prepared once: the URI up to
 * the suffix is encoded once, and a suffix the form encoding leaves alone (a base64url session id) is appended as it
 * is (request_uri is the last parameter); any other suffix is encoded in full. The same string either way.
 */
export function authorizationRequestUriFor(input: { clientId: string; requestUriBase: string; scheme?: string }): (suffix: string) => string {
  const { requestUriBase, ...rest } = input
  const prefix = authorizationRequestUri({ ...rest, requestUri: requestUriBase })
  return (suffix) => (FORM_UNESCAPED.test(suffix) ? `${prefix}${suffix}` : authorizationRequestUri({ ...rest, requestUri: `${requestUriBase}${suffix}` }))
}
