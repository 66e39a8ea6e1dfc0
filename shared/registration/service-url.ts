// The URLs of a relying-party service (its webhook callback, its origins, a same-device redirect_uri): https, or http
// only on a loopback host. One rule for the registrar that records them and the verifier that calls or redirects to them.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** `s` as a URL when it is absolute and https, or http on a loopback host; otherwise undefined. */
export function serviceWebUrl(s: string): URL | undefined {
  if (!URL.canParse(s)) return undefined
  const u = new URL(s)
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname)) ? u : undefined
}

/** A URL a service is reached at: serviceWebUrl, without user info and without a fragment. */
export function isServiceUrl(s: string): boolean {
  const u = serviceWebUrl(s)
  return u !== undefined && u.username === '' && u.password === '' && u.hash === ''
}
