// The served Status List Tokens: signed on change and on ttl expiry, one signature per list version.
import { createHash } from 'node:crypto'
import { compressStatusBytes, packStatuses, signStatusListToken } from '../../shared/status-list/index.ts'
import type { StatusListSigner } from '../../shared/status-list/index.ts'
import type { ListState } from './list-state.ts'

/** A signed token of one list version. */
export interface ServedToken {
  listId: string
  jwt: string
  iat: number
  exp: number
  /** The token's `ttl`, seconds. */
  ttl: number
  /** Order of signing in this process: a higher seq is a newer token of the list. */
  seq: number
  /** Weak entity tag of the token (RFC 9110 §8.8.3): one per signed token, the same on the issuer route and in STATUS_LIST_DIR. */
  etag: string
}

/** `W/"<first 128 bits of SHA-256 of the token, base64url>"`: weak, so one tag covers the gzip and identity encodings. */
export function tokenEtag(token: string | Uint8Array): string {
  return `W/"${createHash('sha256').update(token).digest('base64url').slice(0, 22)}"`
}

/**
 * `Cache-Control` of a served token at `now`: public, and max-age the seconds left of its ttl (never more than
 * ttl), so a cache holding it refetches when the issuer's own copy is due for renewal.
 */
export function tokenCacheControl(token: Pick<ServedToken, 'iat' | 'ttl'>, now: number): string {
  return `public, max-age=${Math.max(0, Math.min(token.ttl, token.iat + token.ttl - now))}`
}

interface Entry {
  version: number
  iat: number
  promise: Promise<ServedToken>
}

export interface TokenCacheOptions {
  uriOf: (listId: string) => string
  iss: string
  signer: () => StatusListSigner
  now: () => number
  ttlSeconds: number
  lifetimeSeconds: number
  /** Called with every token once signed (the static copy in STATUS_LIST_DIR). */
  onSigned?: (token: ServedToken) => void
}

/** Signs and caches each list's token; `refresh` re-signs at once (after a change), `get` re-signs when the cached one is older than `ttl`. */
export function createTokenCache(o: TokenCacheOptions) {
  const cache = new Map<string, Entry>()
  let seq = 0

  function sign(state: ListState): Entry {
    const iat = o.now()
    const n = ++seq
    const { id, bits } = state.record
    const entry: Entry = {
      version: state.version,
      iat,
      promise: signStatusListToken({
        sub: o.uriOf(id),
        iss: o.iss,
        iat,
        exp: iat + o.lifetimeSeconds,
        ttl: o.ttlSeconds,
        list: { bits, lst: compressStatusBytes(packStatuses(state.statuses, bits)) },
        signer: o.signer(),
      }).then((jwt) => {
        const token: ServedToken = { listId: id, jwt, iat, exp: iat + o.lifetimeSeconds, ttl: o.ttlSeconds, seq: n, etag: tokenEtag(jwt) }
        o.onSigned?.(token)
        return token
      }),
    }
    // A failed signature is not cached: the next request signs again.
    entry.promise.catch(() => {
      if (cache.get(id) === entry) cache.delete(id)
    })
    cache.set(id, entry)
    return entry
  }

  return {
    /** True when the list has no token yet, or its token is older than `ttl` (time to look for changes). */
    isStale(state: ListState): boolean {
      const entry = cache.get(state.record.id)
      return !entry || o.now() >= entry.iat + o.ttlSeconds
    },
    /** Re-signs the list's token now (call after its statuses changed). */
    refresh(state: ListState): void {
      sign(state)
    },
    /** The current token of the list: cached while its version is current and it is younger than `ttl`. */
    async get(state: ListState): Promise<ServedToken> {
      const id = state.record.id
      let entry = cache.get(id)
      if (!entry || entry.version !== state.version) entry = sign(state)
      const token = await entry.promise
      if (o.now() < token.iat + o.ttlSeconds) return token
      // Older than ttl: sign again, unless a concurrent request already did.
      const current = cache.get(id)
      return (current && current !== entry ? current : sign(state)).promise
    },
  }
}
