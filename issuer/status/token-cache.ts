// The served Status List Tokens, JWT and CWT forms of each list version: signed on change and on ttl expiry.
import { createHash } from 'node:crypto'
import { deflateStatusBytes, packStatuses, signStatusListCwt, signStatusListToken } from '../../shared/status-list/index.ts'
import type { StatusBits, StatusListSigner } from '../../shared/status-list/index.ts'
import type { ListState } from './list-state.ts'

/** A signed token of one list version, in both forms (draft-20 §5.1 JWT, §5.2 CWT) with the same statuses and claims. */
export interface ServedToken {
  listId: string
  jwt: string
  /** The CWT form, binary (what `application/statuslist+cwt` responses carry). */
  cwt: Uint8Array
  iat: number
  exp: number
  /** The token's `ttl`, seconds. */
  ttl: number
  /** Order of signing in this process: a higher seq is a newer token of the list. */
  seq: number
  /** Weak entity tag of the token (RFC 9110 §8.8.3): one per signed token, the same on the issuer route and in STATUS_LIST_DIR. */
  etag: string
  /** The CWT form's entity tag (each representation has its own). */
  cwtEtag: string
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

/** Signs one token of list `id` with `statuses`, issued at `iat`, in both forms from one compression (both caches use it). */
export async function signServedToken(o: TokenCacheOptions, id: string, bits: StatusBits, statuses: Uint8Array, iat: number, ttl: number, seq: number): Promise<ServedToken> {
  const exp = iat + Math.max(o.lifetimeSeconds, ttl)
  const lst = deflateStatusBytes(packStatuses(statuses, bits))
  const signer = o.signer()
  const claims = { sub: o.uriOf(id), iss: o.iss, iat, exp, ttl }
  const [jwt, cwt] = await Promise.all([
    signStatusListToken({ ...claims, list: { bits, lst: lst.toString('base64url') }, signer }),
    signStatusListCwt({ ...claims, list: { bits, lst }, signer }),
  ])
  const token: ServedToken = { listId: id, jwt, cwt, iat, exp, ttl, seq, etag: tokenEtag(jwt), cwtEtag: tokenEtag(cwt) }
  o.onSigned?.(token)
  return token
}

/** What the status service asks of its served tokens (this cache, or the status epochs' one in epoch-tokens.ts). */
export interface TokenCache {
  /** True when the list's statuses should be re-read from the store before `get` (ttl ran out). */
  isStale(state: ListState): boolean
  /** Called after the list's statuses changed. */
  refresh(state: ListState): void
  /** The token to serve now. */
  get(state: ListState): Promise<ServedToken>
}

/** A sequence shared by both caches: a higher seq is a newer token of a list. */
let seqCounter = 0
export const nextSeq = (): number => ++seqCounter

/** Signs and caches each list's token; `refresh` re-signs at once (after a change), `get` re-signs when the cached one is older than `ttl`. */
export function createTokenCache(o: TokenCacheOptions): TokenCache {
  const cache = new Map<string, Entry>()

  function sign(state: ListState): Entry {
    const iat = o.now()
    const { id, bits } = state.record
    const entry: Entry = { version: state.version, iat, promise: signServedToken(o, id, bits, state.statuses, iat, o.ttlSeconds, nextSeq()) }
    // A failed signature is not cached: the next request signs again.
    entry.promise.catch(() => {
      if (cache.get(id) === entry) cache.delete(id)
    })
    cache.set(id, entry)
    return entry
  }

  return {
    isStale(state) {
      const entry = cache.get(state.record.id)
      return !entry || o.now() >= entry.iat + o.ttlSeconds
    },
    refresh(state) {
      sign(state)
    },
    /** The current token of the list: cached while its version is current and it is younger than `ttl`. */
    async get(state) {
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
