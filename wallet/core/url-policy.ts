// Outbound URL policy of the wallet: https everywhere, plain http only to configured demo hosts.
import { EidError } from '../../shared/errors/index.ts'

/** Which URLs the wallet may contact. `allowHttpHosts` lists hostnames (e.g. 127.0.0.1) allowed over http. */
export interface UrlPolicy {
  allowHttpHosts: readonly string[]
}

/**
 * Parses `raw` and checks it against the policy: https, or http to an allowed host; no userinfo,
 * no fragment. With `sameOriginAs`, the URL must also share that URL's origin. Throws `url_not_allowed`.
 */
export function checkUrl(raw: unknown, policy: UrlPolicy, what: string, sameOriginAs?: string): URL {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) {
    throw new EidError('url_not_allowed', `${what} must be a URL of at most 2048 characters`)
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new EidError('url_not_allowed', `${what} is not a valid URL`)
  }
  if (url.username !== '' || url.password !== '') throw new EidError('url_not_allowed', `${what} must not carry credentials`)
  if (url.hash !== '') throw new EidError('url_not_allowed', `${what} must not have a fragment`)
  const httpAllowed = url.protocol === 'http:' && policy.allowHttpHosts.includes(url.hostname.replace(/^\[|\]$/g, ''))
  if (url.protocol !== 'https:' && !httpAllowed) {
    throw new EidError('url_not_allowed', `${what} must use https (http only for hosts in WALLET_ALLOW_HTTP_HOSTS)`)
  }
  if (sameOriginAs !== undefined && url.origin !== new URL(sameOriginAs).origin) {
    throw new EidError('url_not_allowed', `${what} must be on the same origin as ${new URL(sameOriginAs).origin}`)
  }
  return url
}
