// JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc §5): where an issuer publishes it, and the keys it names
// (inline `jwks`, or a `jwks_uri` on the issuer's origin), fetched through the caller's bounded fetch.
import { EidError } from '../errors/index.ts'
import type { BoundedFetcher } from '../http-fetch/index.ts'
import type { JWK } from '../keys/index.ts'
import { parseJwks, parseJwtVcIssuerMetadata, wellKnownUrl } from '../oid4vci/index.ts'

/** `<issuer origin>/.well-known/jwt-vc-issuer<issuer path>`: the one place this URL is built. */
export function jwtVcIssuerMetadataUrl(issuer: string): URL {
  return new URL(wellKnownUrl(issuer, 'jwt-vc-issuer'))
}

/**
 * The keys `issuer` publishes. Throws `upstream_fetch_failed` (network, timeout, non-200, too large),
 * `issuer_metadata_invalid` (not JSON, wrong shape, names another issuer), `url_not_allowed` (a
 * `jwks_uri` off the issuer's origin, or a URL the caller's policy refuses).
 */
export async function fetchIssuerJwks(issuer: string, fetch: BoundedFetcher): Promise<JWK[]> {
  const metaUrl = jwtVcIssuerMetadataUrl(issuer)
  const md = parseJwtVcIssuerMetadata(await getJson(fetch, metaUrl.href, 'JWT VC issuer metadata'), issuer)
  if (md.jwks) return md.jwks.keys as JWK[]
  const jwksUri = md.jwks_uri as string // parseJwtVcIssuerMetadata: exactly one of jwks and jwks_uri
  if (new URL(jwksUri).origin !== metaUrl.origin) throw new EidError('url_not_allowed', 'jwks_uri must be on the issuer origin')
  return parseJwks(await getJson(fetch, jwksUri, 'issuer JWKS')).keys as JWK[]
}

async function getJson(fetch: BoundedFetcher, url: string, what: string): Promise<unknown> {
  const origin = new URL(url).origin
  const res = await fetch(url, {
    what,
    allowUrl: (href) => {
      const u = new URL(href)
      if (u.origin !== origin) throw new EidError('url_not_allowed', `${what} must stay on the issuer origin`)
      return u
    },
    headers: { accept: 'application/json' },
    statuses: [200],
    code: 'upstream_fetch_failed',
  })
  try {
    return JSON.parse(res.body.toString('utf8')) as unknown
  } catch {
    throw new EidError('issuer_metadata_invalid', `${what}: response is not JSON`)
  }
}
