// createStatusChecker: the status check of a Referenced Token by a verifier or a wallet of a Referenced Token (draft-ietf-oauth-status-list-20 §8.3):
// parse the status claim, fetch the list from the issuer (or a configured static copy) only, as a CWT or JWT, verify it,
// cache it by ttl/exp/Cache-Control and revalidate it by ETag, read the entry.
import { EidError } from '../errors/index.ts'
import type { BoundedFetcher } from '../http-fetch/index.ts'
import type { CryptoKey, JWK } from '../keys/index.ts'
import { STATUS, parseStatusClaim, verifyStatusListCwt, verifyStatusListToken } from '../status-list/index.ts'
import type { DecodedStatusList, StatusListTokenHeader, VerifiedStatusList } from '../status-list/index.ts'
import { fetchStatusListToken } from './fetch-token.ts'
import type { StatusListForm } from './fetch-token.ts'
import { statusListUrl } from './uri-policy.ts'

export interface StatusCheckerOptions {
  /** Clock, epoch seconds. */
  now: () => number
  /** The key a trusted `issuer` signs its status list tokens with (kid via JWKS, or x5c to a trusted root). */
  resolveIssuerKey: (issuer: string, header: StatusListTokenHeader) => Promise<CryptoKey | JWK>
  /** The caller's bounded fetch (its timeout, size limit and URL policy); the issuer-path rule is added here. */
  fetch: BoundedFetcher
  /**
   * Base URLs of static copies of status lists (a CDN serving an issuer's STATUS_LIST_DIR) a status `uri` may also
   * point under, besides the issuer's own path. The token must still be signed by the credential's issuer.
   */
  statusListBaseUrls?: readonly string[]
  /** Redirects followed, each within the issuer (default 3). */
  maxRedirects?: number
  /** Bounds on how long a list is cached whatever its ttl says (§12.5): default 0 and 3600 seconds. */
  minCacheSeconds?: number
  maxCacheSeconds?: number
  /** Cache time of a token with neither ttl nor exp (default 300). */
  defaultCacheSeconds?: number
  /** Lists kept in memory (default 256, least recently fetched dropped first). */
  maxCachedLists?: number
  /** Clock skew tolerated on exp/iat, seconds (default 60). */
  skewSeconds?: number
  /**
   * Token forms asked for, most preferred first (default `['cwt', 'jwt']`: for a 100,000-entry list the CWT is about
   * half the JWT's size, see `npm run bench status-list`). Accept names them all; whichever the server sends (of these) is
   * verified with the same rules. `['jwt']` or `['cwt']` refuses the other form (`status_list_invalid`, `content_type`).
   */
  formats?: readonly StatusListForm[]
}

export interface StatusChecker {
  /**
   * Resolves when the credential of `issuer` with the `status` claim is VALID. Throws EidError
   * `credential_revoked`, `credential_suspended`, `status_list_unavailable`, `status_list_invalid`,
   * `status_claim_invalid`, `status_index_out_of_range` or `url_not_allowed`. Never answers from a
   * list past its `exp` or cached longer than its `ttl`.
   */
  check(input: { issuer: string; status: unknown }): Promise<void>
  /** Drops every cached list. */
  clear(): void
}

interface Cached {
  list: DecodedStatusList
  until: number
  /** The token's ttl (or the default cache time), its exp, and the response's ETag, for revalidation. */
  ttl: number
  exp?: number
  etag?: string
}

const DEFAULT_FORMATS: readonly StatusListForm[] = Object.freeze(['cwt', 'jwt'] as const)

/** Builds a status checker with an in-memory cache of verified lists, keyed by issuer and URI. */
export function createStatusChecker(opts: StatusCheckerOptions): StatusChecker {
  const maxRedirects = opts.maxRedirects ?? 3
  const minCache = opts.minCacheSeconds ?? 0
  const maxCache = opts.maxCacheSeconds ?? 3600
  const maxLists = opts.maxCachedLists ?? 256
  const formats = opts.formats ?? DEFAULT_FORMATS
  if (formats.length === 0 || formats.some((f) => f !== 'jwt' && f !== 'cwt') || new Set(formats).size !== formats.length) {
    throw new EidError('invalid_request', "formats must list 'cwt' and/or 'jwt', each once")
  }
  const cache = new Map<string, Cached>()
  const inflight = new Map<string, Promise<Cached>>()

  const bases = opts.statusListBaseUrls ?? []
  /** Until when a list fetched at `at` may be used: ttl, the response's max-age, and never past exp (§12.5 bounds). */
  const cacheUntil = (at: number, ttl: number, exp: number | undefined, maxAge: number | undefined): number => {
    let until = at + Math.min(Math.max(Math.min(ttl, maxAge ?? ttl), minCache), maxCache)
    if (exp !== undefined) until = Math.min(until, exp)
    return until
  }

  async function load(issuer: string, uri: string, url: URL, stale: Cached | undefined): Promise<Cached> {
    // Revalidate a list past its freshness but not its exp: a 304 keeps it for another period.
    const etag = stale?.etag !== undefined && (stale.exp === undefined || opts.now() < stale.exp) ? stale.etag : undefined
    const got = await fetchStatusListToken(url, (href) => statusListUrl(href, issuer, bases), opts.fetch, maxRedirects, etag, formats)
    const fetchedAt = opts.now()
    if (got.kind === 'not_modified' && stale) {
      return { ...stale, until: cacheUntil(fetchedAt, stale.ttl, stale.exp, got.maxAge), ...(got.etag !== undefined ? { etag: got.etag } : {}) }
    }
    if (got.kind === 'not_modified') throw new EidError('status_list_unavailable', 'status list: 304 to an unconditional request', { details: { check: 'http_status' } })
    const verifyOpts = {
      expectedSub: uri,
      now: fetchedAt,
      resolveKey: (header: StatusListTokenHeader) => opts.resolveIssuerKey(issuer, header),
      ...(opts.skewSeconds !== undefined ? { skewSeconds: opts.skewSeconds } : {}),
    }
    const v: VerifiedStatusList = got.form === 'cwt' ? await verifyStatusListCwt(got.token, verifyOpts) : await verifyStatusListToken(got.token, verifyOpts)
    const ttl = v.ttl ?? (v.exp === undefined ? (opts.defaultCacheSeconds ?? 300) : v.exp - fetchedAt)
    return {
      list: v.list,
      until: cacheUntil(fetchedAt, ttl, v.exp, got.maxAge),
      ttl,
      ...(v.exp !== undefined ? { exp: v.exp } : {}),
      ...(got.etag !== undefined ? { etag: got.etag } : {}),
    }
  }

  /** The cached list of `key` while it is fresh: a cached list was fetched for this very issuer and uri, after statusListUrl allowed them (below). */
  function freshList(key: string): DecodedStatusList | undefined {
    const hit = cache.get(key)
    return hit && opts.now() < hit.until ? hit.list : undefined
  }

  /** Fetches (or joins the fetch of) the list of `key`, which freshList did not have; a stale entry is revalidated. */
  async function listFor(key: string, issuer: string, uri: string): Promise<DecodedStatusList> {
    const hit = cache.get(key)
    let p = inflight.get(key)
    if (!p) {
      p = load(issuer, uri, statusListUrl(uri, issuer, bases), hit).finally(() => inflight.delete(key))
      inflight.set(key, p)
    }
    const fresh = await p
    cache.delete(key)
    if (cache.size >= maxLists) cache.delete(cache.keys().next().value as string)
    cache.set(key, fresh)
    return fresh.list
  }

  return {
    async check({ issuer, status }) {
      const ref = parseStatusClaim(status)
      const key = `${issuer} ${ref.uri}`
      // a fresh cached list is read without another async step (the case of nearly every presentation)
      const list = freshList(key) ?? await listFor(key, issuer, ref.uri)
      const value = list.get(ref.idx)
      if (value === STATUS.VALID) return
      if (value === STATUS.INVALID) throw new EidError('credential_revoked', 'the credential has been revoked')
      if (value === STATUS.SUSPENDED) throw new EidError('credential_suspended', 'the credential is suspended')
      // 0x03 and 0x0C-0x0F are application specific, the rest unassigned: no statement, so reject (§8.3).
      throw new EidError('status_list_invalid', 'the credential has a status this verifier does not know', { details: { check: 'status_value' } })
    },
    clear: () => cache.clear(),
  }
}
