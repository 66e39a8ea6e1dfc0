// Issuer-key resolution for every verifying party (verifier and wallet): the caller's trust list, then the key
// by `x5c` chain to a configured root (draft-ietf-oauth-sd-jwt-vc §3.5) or by `kid` from the issuer's metadata (§5).
import { EidError } from '../errors/index.ts'
import type { BoundedFetcher } from '../http-fetch/index.ts'
import type { CryptoKey, JWK } from '../keys/index.ts'
import { verifyCertificateChain } from '../x509/index.ts'
import { checkLeafNamesIssuer } from './leaf-names-issuer.ts'
import { fetchIssuerJwks } from './metadata.ts'
import type { TrustedIssuer } from './trusted-issuer.ts'

export interface IssuerKeyResolver {
  /** For verifySdJwt: the key of the credential's issuer (`payload.iss`), which must be on the trust list. */
  forCredential(header: Record<string, unknown>, payload: Record<string, unknown>): Promise<CryptoKey | JWK>
  /** A key of trusted `issuer` for a JWT (or JWP) with `header` (`x5c` to a configured root, else `kid`). */
  forIssuer(issuer: string, header: Record<string, unknown>): Promise<CryptoKey | JWK>
  /** The keys trusted `issuer` publishes (configured, cached, or fetched now): lets a caller fail before it spends anything. */
  publishedKeys(issuer: string): Promise<JWK[]>
}

export interface IssuerKeyResolverOptions {
  trustedIssuers: readonly TrustedIssuer[]
  /** Clock, epoch seconds. */
  now: () => number
  /** The caller's bounded fetch (its timeout, size limit and URL policy). */
  fetch: BoundedFetcher
  /** How long fetched keys are used before they are fetched again, seconds. */
  cacheSeconds: number
}

interface CachedKeys {
  keys: JWK[]
  fetchedAt: number
}

/** Minimum seconds between two fetches of one issuer's keys (an unknown kid must not trigger a fetch per request). */
const MIN_REFETCH_SECONDS = 30

/**
 * Builds a resolver with a per-issuer cache. Throws EidError `issuer_untrusted` (not on the list),
 * `issuer_key_unknown` (no kid and no usable x5c, or no key with the kid), `x5c_*` and
 * `issuer_certificate_mismatch` (chain), and fetchIssuerJwks' codes.
 */
export function createIssuerKeyResolver(opts: IssuerKeyResolverOptions): IssuerKeyResolver {
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
      p = fetchIssuerJwks(t.issuer, opts.fetch)
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

  const current = async (t: TrustedIssuer): Promise<CachedKeys> => {
    const entry = cache.get(t.issuer)
    return entry && opts.now() - entry.fetchedAt < opts.cacheSeconds ? entry : load(t)
  }

  const byKid = async (t: TrustedIssuer, kid: unknown): Promise<JWK> => {
    if (typeof kid !== 'string') throw new EidError('issuer_key_unknown', 'credential header names no kid and carries no x5c')
    if (t.jwks) {
      const k = t.jwks.keys.find((j) => j.kid === kid)
      if (!k) throw new EidError('issuer_key_unknown', 'no trusted key has this kid')
      return k
    }
    const entry = await current(t)
    let key = entry.keys.find((j) => j.kid === kid)
    if (!key && opts.now() - entry.fetchedAt >= MIN_REFETCH_SECONDS) key = (await load(t)).keys.find((j) => j.kid === kid)
    if (!key) throw new EidError('issuer_key_unknown', 'the issuer publishes no key with this kid')
    return key
  }

  const keyOf = async (t: TrustedIssuer, header: Record<string, unknown>): Promise<CryptoKey | JWK> => {
    if (header.x5c !== undefined && t.rootCertificates && t.rootCertificates.length > 0) {
      if (!Array.isArray(header.x5c)) throw new EidError('x5c_invalid', 'x5c must be an array')
      const chain = await verifyCertificateChain(header.x5c as string[], t.rootCertificates, new Date(opts.now() * 1000))
      checkLeafNamesIssuer(chain.leaf, t.issuer, { required: t.requireIssuerName === true })
      return chain.leafPublicKey
    }
    return byKid(t, header.kid)
  }

  return {
    forIssuer: async (issuer, header) => keyOf(trusted(issuer), header),
    forCredential: async (header, payload) => keyOf(trusted(payload.iss), header),
    publishedKeys: async (issuer) => {
      const t = trusted(issuer)
      return t.jwks ? t.jwks.keys : (await current(t)).keys
    },
  }
}
