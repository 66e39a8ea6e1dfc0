// Resolves a credential issuer's signing keys from its JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc §5).
import type { CryptoKey, JWK } from '../../shared/keys/index.ts'
import { EidError } from '../../shared/errors/index.ts'
import { importPublicJwk } from '../../shared/keys/index.ts'
import { parseJwks, parseJwtVcIssuerMetadata, wellKnownUrl } from '../../shared/oid4vci/index.ts'
import type { WalletContext } from './context.ts'
import { fetchLimited, parseJsonBody } from './fetch-limited.ts'

/** Looks up the issuer's public key for a JWT header (`kid`, `alg`). */
export type IssuerKeyResolver = (header: { alg?: unknown; kid?: unknown }) => Promise<CryptoKey>

/**
 * Fetches `<issuer origin>/.well-known/jwt-vc-issuer<path>` (and its `jwks_uri`, same origin only)
 * once, and returns a resolver choosing the key by `kid`. Throws `issuer_metadata_invalid` or
 * `upstream_fetch_failed`; the resolver throws `invalid_signature` for an unknown `kid`.
 */
export async function loadIssuerKeys(ctx: WalletContext, issuer: string): Promise<IssuerKeyResolver> {
  const mdUrl = wellKnownUrl(issuer, 'jwt-vc-issuer')
  const mdRes = await fetchLimited(mdUrl, 'JWT VC issuer metadata', ctx.policy, ctx.limits, { sameOriginAs: issuer })
  if (mdRes.status !== 200) throw new EidError('issuer_metadata_invalid', `JWT VC issuer metadata: HTTP ${mdRes.status}`)
  const md = parseJwtVcIssuerMetadata(parseJsonBody(mdRes, 'JWT VC issuer metadata', 'issuer_metadata_invalid'), issuer)
  let keys = md.jwks?.keys
  if (keys === undefined && md.jwks_uri !== undefined) {
    const res = await fetchLimited(md.jwks_uri, 'issuer JWKS', ctx.policy, ctx.limits, { sameOriginAs: issuer })
    if (res.status !== 200) throw new EidError('issuer_metadata_invalid', `issuer JWKS: HTTP ${res.status}`)
    keys = parseJwks(parseJsonBody(res, 'issuer JWKS', 'issuer_metadata_invalid')).keys
  }
  const jwks = keys ?? []
  return async (header) => {
    const matches = jwks.filter((k: Record<string, unknown>) => header.kid === undefined || k.kid === header.kid)
    const jwk = matches.length === 1 ? matches[0] : undefined
    if (jwk === undefined || typeof header.alg !== 'string') {
      throw new EidError('invalid_signature', 'issuer signing key not found in the issuer JWKS (kid unknown or ambiguous)')
    }
    return importPublicJwk(jwk as JWK, header.alg)
  }
}
