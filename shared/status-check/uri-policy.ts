// Which status list URIs a verifier fetches: only under the credential issuer's identifier (same origin and path prefix).
import { EidError } from '../errors/index.ts'

/**
 * The URL to fetch for a status list `uri` of a credential issued by `issuer`: same scheme, host and
 * port as the issuer identifier, its path under the issuer's path, no user info. Anything else is
 * EidError `url_not_allowed` (the verifier never contacts a host the credential names on its own).
 */
export function statusListUrl(uri: string, issuer: string): URL {
  let u: URL
  let iss: URL
  try {
    u = new URL(uri)
    iss = new URL(issuer)
  } catch {
    throw new EidError('url_not_allowed', 'status list uri or issuer is not an absolute URL')
  }
  if (u.username || u.password) throw new EidError('url_not_allowed', 'status list uri must not carry user info')
  if (u.origin !== iss.origin || (u.protocol !== 'https:' && u.protocol !== 'http:')) {
    throw new EidError('url_not_allowed', 'status list uri is not on the credential issuer origin')
  }
  const prefix = iss.pathname.endsWith('/') ? iss.pathname : `${iss.pathname}/`
  if (!u.pathname.startsWith(prefix) || /\/\.\.?(\/|$)/.test(u.pathname) || /%2e/i.test(u.pathname)) {
    throw new EidError('url_not_allowed', 'status list uri is not under the credential issuer path')
  }
  u.hash = ''
  return u
}
