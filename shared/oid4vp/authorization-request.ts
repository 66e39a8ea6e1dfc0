// The cross-device authorization request URI (OpenID4VP 1.0 §5, RFC 9101 §5.2): `openid4vp://?client_id=...&request_uri=...`.

/** `openid4vp://?client_id=<client_id>&request_uri=<request_uri>`, both URL-encoded. */
export function authorizationRequestUri(input: { clientId: string; requestUri: string; scheme?: string }): string {
  const q = new URLSearchParams({ client_id: input.clientId, request_uri: input.requestUri })
  return `${input.scheme ?? 'openid4vp'}://?${q.toString()}`
}
