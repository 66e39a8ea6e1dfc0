// Which status list URIs a verifier fetches: only under the credential issuer's identifier (same origin and path prefix),
// or under a static-copy base URL the verifier itself configured.
import { EidError } from '../errors/index.ts'

/**
 * The URL to fetch for a status list `uri` of a credential issued by `issuer`: same scheme, host and
 * port as the issuer identifier (or as one of the caller's `bases`, static copies it configured), its path
 * under that one's path, no user info. Anything else is EidError `url_not_allowed` (the verifier never
 * contacts a host the credential names on its own).
 */
export function statusListUrl(uri: string, issuer: string, bases: readonly string[] = []): URL {
  let u: URL
  let iss: URL
  try {
    u = new URL(uri)
    iss = new URL(issuer)
  } catch {
    throw new EidError('url_not_allowed', 'status list uri or issuer is not an absolute URL')
  }
  if (u.username || u.password) throw new EidError('url_not_allowed', 'status list uri must not carry user info')
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new EidError('url_not_allowed', 'status list uri is not http(s)')
  if (/\/\.\.?(\/|$)/.test(u.pathname) || /%2e/i.test(u.pathname)) throw new EidError('url_not_allowed', 'status list uri has dot segments')
  const under = (base: URL): boolean => {
    const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`
    return u.origin === base.origin && u.pathname.startsWith(prefix)
  }
  if (!under(iss) && !bases.some((b) => URL.canParse(b) && under(new URL(b)))) {
    throw new EidError('url_not_allowed', 'status list uri is not under the credential issuer path')
  }
  u.hash = ''
  return u
}
