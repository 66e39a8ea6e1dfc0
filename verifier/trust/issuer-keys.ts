// Trusted issuer keys for SD-JWT VC verification: the trust list, x5c chains to configured roots, or JWKS from
// `/.well-known/jwt-vc-issuer` (draft-ietf-oauth-sd-jwt-vc §5) fetched with limits and cached by kid.
import { z } from 'zod'
import { EidError, parseInput } from '../../shared/errors/index.ts'
import type { CryptoKey, JWK } from '../../shared/keys/index.ts'
import { verifyCertificateChain } from '../../shared/x509/index.ts'
import type { TrustedIssuer } from '../config.ts'
import { fetchJson } from './fetch-json.ts'
import type { FetchLimits } from './fetch-json.ts'

export interface IssuerKeyResolver {
  /** For verifySdJwt: the key of the credential's issuer (`payload.iss`), which must be on the trust list. */
  forCredential(header: Record<string, unknown>, payload: Record<string, unknown>): Promise<CryptoKey | JWK>
  /** For the status checker: a key of trusted `issuer` for a JWT with `header` (kid or x5c). */
  forIssuer(issuer: string, header: Record<string, unknown>): Promise<CryptoKey | JWK>
}

const jwkSchema = z.looseObject({ kty: z.string(), kid: z.string().max(256).optional() })
const metadataSchema = z.object({
  issuer: z.string(),
  jwks: z.object({ keys: z.array(jwkSchema).max(64) }).optional(),
  jwks_uri: z.string().max(2048).optional(),
})
const jwksSchema = z.object({ keys: z.array(jwkSchema).max(64) })

interface CachedKeys {
  keys: JWK[]
  fetchedAt: number
}

/** Minimum seconds between two fetches of one issuer's keys (an unknown kid must not trigger a fetch per request). */
const MIN_REFETCH_SECONDS = 30

/** Where an issuer publishes its metadata: the well-known segment goes between host and path. */
export function jwtVcIssuerMetadataUrl(issuer: string): URL {
  const u = new URL(issuer)
  const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '')
  return new URL(`${u.origin}/.well-known/jwt-vc-issuer${path}`)
}

export function createIssuerKeyResolver(opts: {
  trustedIssuers: TrustedIssuer[]
  now: () => number
  limits: FetchLimits
  cacheSeconds: number
}): IssuerKeyResolver {
  const cache = new Map<string, CachedKeys>()
  const inflight = new Map<string, Promise<CachedKeys>>()

  const trusted = (issuer: unknown): TrustedIssuer => {
    const t = typeof issuer === 'string' ? opts.trustedIssuers.find((x) => x.issuer === issuer) : undefined
    if (!t) throw new EidError('issuer_untrusted', 'credential issuer is not on the trust list')
    return t
  }

  const load = (t: TrustedIssuer): Promise<CachedKeys> => {
    let p = inflight.get(t.issuer)
    if (!p) {
      p = fetchIssuerKeys(t.issuer, opts.limits)
        .then((keys) => {
          const entry = { keys, fetchedAt: opts.now() }
          cache.set(t.issuer, entry)
          return entry
        })
        .finally(() => inflight.delete(t.issuer))
      inflight.set(t.issuer, p)
    }
    return p
  }

  const byKid = async (t: TrustedIssuer, kid: unknown): Promise<JWK> => {
    if (typeof kid !== 'string') throw new EidError('issuer_key_unknown', 'credential header names no kid and carries no x5c')
    if (t.jwks) {
      const k = t.jwks.keys.find((j) => j.kid === kid)
      if (!k) throw new EidError('issuer_key_unknown', 'no trusted key has this kid')
      return k
    }
    const now = opts.now()
    let entry = cache.get(t.issuer)
    if (!entry || now - entry.fetchedAt >= opts.cacheSeconds) entry = await load(t)
    let key = entry.keys.find((j) => j.kid === kid)
    if (!key && now - entry.fetchedAt >= MIN_REFETCH_SECONDS) key = (await load(t)).keys.find((j) => j.kid === kid)
    if (!key) throw new EidError('issuer_key_unknown', 'the issuer publishes no key with this kid')
    return key
  }

  const forIssuer = async (issuer: string, header: Record<string, unknown>): Promise<CryptoKey | JWK> => {
    const t = trusted(issuer)
    if (header.x5c !== undefined && t.rootCertificates && t.rootCertificates.length > 0) {
      if (!Array.isArray(header.x5c)) throw new EidError('x5c_invalid', 'x5c must be an array')
      const chain = await verifyCertificateChain(header.x5c as string[], t.rootCertificates, new Date(opts.now() * 1000))
      checkLeafNamesIssuer(chain.leaf, issuer)
      return chain.leafPublicKey
    }
    return byKid(t, header.kid)
  }

  return {
    forIssuer,
    forCredential: async (header, payload) => forIssuer(trusted(payload.iss).issuer, header),
  }
}

/**
 * draft-ietf-oauth-sd-jwt-vc §3.5: a leaf certificate naming subject alternative names must name the
 * issuer (a URI equal to `iss`, or a DNS name equal to its host). A leaf without SANs is accepted:
 * its root is configured for this one issuer. Throws issuer_certificate_mismatch.
 */
function checkLeafNamesIssuer(leaf: { dns: string[]; uri: string[] }, issuer: string): void {
  if (leaf.dns.length === 0 && leaf.uri.length === 0) return
  const host = new URL(issuer).hostname
  if (leaf.uri.includes(issuer) || leaf.dns.includes(host)) return
  throw new EidError('issuer_certificate_mismatch', 'the credential certificate names another issuer')
}

async function fetchIssuerKeys(issuer: string, limits: FetchLimits): Promise<JWK[]> {
  const metaUrl = jwtVcIssuerMetadataUrl(issuer)
  const meta = parseInput(metadataSchema, await fetchJson(metaUrl, limits, 'issuer metadata'), 'upstream_fetch_failed', 'issuer metadata')
  if (meta.issuer !== issuer) throw new EidError('upstream_fetch_failed', 'issuer metadata names another issuer')
  if (meta.jwks) return meta.jwks.keys as JWK[]
  if (meta.jwks_uri === undefined || !URL.canParse(meta.jwks_uri)) throw new EidError('upstream_fetch_failed', 'issuer metadata has neither jwks nor jwks_uri')
  const jwksUrl = new URL(meta.jwks_uri)
  if (jwksUrl.origin !== metaUrl.origin) throw new EidError('url_not_allowed', 'jwks_uri must be on the issuer origin')
  return parseInput(jwksSchema, await fetchJson(jwksUrl, limits, 'issuer JWKS'), 'upstream_fetch_failed', 'issuer JWKS').keys as JWK[]
}
