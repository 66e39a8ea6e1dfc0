// What a Status List Token check takes and returns, in either form (JWT §5.1, CWT §5.2 of draft-ietf-oauth-status-list-20).
import type { CryptoKey, JWK, SigningAlg } from '../keys/index.ts'
import type { DecodedStatusList } from './decode.ts'
import type { DecodeLimits } from './types.ts'

/** The protected header of a Status List Token as the key resolver sees it (a CWT's COSE labels mapped to these names). */
export interface StatusListTokenHeader {
  alg: SigningAlg
  typ: string
  kid?: string
  x5c?: string[]
  [k: string]: unknown
}

export interface VerifyStatusListOptions {
  /** The `uri` of the Referenced Token's status claim; the token's `sub` must equal it (§8.3 step 4a). */
  expectedSub: string
  /** Current time, epoch seconds. */
  now: number
  /** Returns the key the token must verify with (the caller decides trust: JWKS by kid, x5c chain). */
  resolveKey: (header: StatusListTokenHeader) => Promise<CryptoKey | JWK>
  /** Allowed clock skew for exp/iat/nbf, seconds (default 60). */
  skewSeconds?: number
  /** Reject tokens without `exp` (default false: `exp` is RECOMMENDED, not REQUIRED). */
  requireExp?: boolean
  /** Reject tokens issued more than this many seconds ago (a freshness policy, §8.3 step 4b). */
  maxAgeSeconds?: number
  /** Allowed algorithms (a subset of the project's allow-list; default all of it). */
  algorithms?: readonly SigningAlg[]
  /** Longest accepted token: characters of a JWT, bytes of a CWT (default 2 MiB). */
  maxTokenChars?: number
  limits?: Partial<DecodeLimits>
}

/** What both forms yield once verified: the header, the decoded list and the times that govern caching. */
export interface VerifiedStatusList {
  header: StatusListTokenHeader
  list: DecodedStatusList
  iat: number
  exp?: number
  ttl?: number
}

/** Default longest token, characters or bytes. */
export const DEFAULT_MAX_TOKEN_CHARS = 2 * 1024 * 1024
