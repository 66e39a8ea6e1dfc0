// Configuration of the verifier service (createVerifierApp's argument) and its defaults.
import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import type { CryptoKey, SigningAlg } from '../shared/keys/index.ts'
import { PID_VCT } from '../shared/pid/index.ts'
import type { VerifierStore } from '../shared/store/verifier/index.ts'
import type { TrustedIssuer } from '../shared/trust/index.ts'
import type { WebhookConfig } from './webhooks/index.ts'

/** An issuer whose credentials this verifier accepts (shared/trust's trust-list entry). */
export type { TrustedIssuer }

/** The relying party's own credentials, obtained from the registrar (`POST /admin/relying-parties` on the issuer). */
export interface RelyingPartyCredentials {
  /** The request-signing key certified by the access certificate. */
  signingKey: { alg: SigningAlg; privateKey: CryptoKey }
  /** `x5c` of request objects: the access certificate first. */
  accessCertificateChain: string[]
  /** The registration certificate JWT (typ rc-wrp+jwt, ETSI TS 119 475) sent in `verifier_info` (format registration_cert). */
  registrationCertificate: string
}

/** What the status checker (shared/status-check, createStatusChecker) offers. */
export interface StatusChecker {
  check(input: { issuer: string; status: unknown }): Promise<void>
}

/** What `createVerifierApp` takes. Times in seconds. */
export interface VerifierConfig {
  /** Data folder; the verifier's database goes to `<dataDir>/verifier/verifier.db` (':memory:' for tests). */
  dataDir: string
  /** Public base URL of the verifier (request_uri and response_uri derive from it). No trailing slash. */
  verifierUrl: string
  /** Bearer key of the relying-party API (`/presentations`). */
  apiKey: string
  trustedIssuers: TrustedIssuer[]
  relyingParty: RelyingPartyCredentials
  /** Registrar roots (base64 DER) the access certificate chains to; checked at startup when given. */
  registrarRoots?: string[]
  /** `vct` of the credential presets ask for (default: the PID vct). */
  presetVct?: string
  /** Clock, epoch seconds (default: the system clock). */
  now?: () => number
  logger?: Logger
  store?: VerifierStore
  /**
   * Revocation check after SD-JWT verification. Default: shared/status-check's createStatusChecker.
   * `false` disables it (tests of other checks only; never in production).
   */
  statusChecker?: StatusChecker | false
  /**
   * Base URLs of static status list copies (an issuer's STATUS_LIST_DIR behind a CDN, `VERIFIER_STATUS_LIST_BASE_URLS`)
   * a credential's status uri may point under besides its issuer's path (default none). Tokens are verified the same way.
   */
  statusListBaseUrls?: string[]
  /** Lifetime of a presentation request (default 300). */
  sessionTtlSeconds?: number
  /** Clock skew tolerated on credential and KB-JWT times (default 60). */
  skewSeconds?: number
  /** Issuer metadata fetch: timeout (default 3000 ms), size limit (default 64 KiB), cache lifetime (default 300 s). */
  fetchTimeoutMs?: number
  maxFetchBytes?: number
  jwksCacheSeconds?: number
  /** Largest accepted request body, bytes (default 256 KiB). */
  bodyLimitBytes?: number
  /**
   * The service's webhook: each finished presentation is POSTed, signed, to this callback URL (the one registered
   * for the service; never a URL from a request). Default: none (results by polling only).
   */
  webhook?: WebhookConfig
  /**
   * `haip`: the HAIP 1.0 profile: requests ask `direct_post.jwt` and a plain `direct_post` answer is refused
   * (`response_encryption_required`). Default: none.
   */
  profile?: 'haip'
  /** The response mode requests ask (default `direct_post`; `direct_post.jwt` under `profile: 'haip'`). Encrypted answers are always accepted. */
  responseMode?: 'direct_post' | 'direct_post.jwt'
  /**
   * Secret (≥ 32 bytes) the per-request response encryption keys derive from (HKDF). Instances sharing a store must
   * share it; default: random per app, so an answer must reach the instance family that made the request.
   */
  responseKeySecret?: Uint8Array
}

export type ResolvedVerifierConfig = Required<Omit<VerifierConfig, 'logger' | 'store' | 'statusChecker' | 'registrarRoots' | 'webhook' | 'profile'>> &
  Pick<VerifierConfig, 'registrarRoots' | 'webhook' | 'profile'>

/** Applies defaults and checks the values a typo would make dangerous. */
export function resolveVerifierConfig(c: VerifierConfig): ResolvedVerifierConfig {
  if (!URL.canParse(c.verifierUrl) || c.verifierUrl.endsWith('/')) throw new Error('verifierUrl must be an absolute URL without a trailing slash')
  if (typeof c.apiKey !== 'string' || c.apiKey.length < 16) throw new Error('apiKey must be at least 16 characters')
  if (!Array.isArray(c.trustedIssuers) || c.trustedIssuers.length === 0) throw new Error('trustedIssuers must name at least one issuer')
  for (const t of c.trustedIssuers) {
    if (!URL.canParse(t.issuer)) throw new Error('every trusted issuer must be an absolute URL')
  }
  for (const b of c.statusListBaseUrls ?? []) {
    if (!URL.canParse(b) || !/^https?:$/.test(new URL(b).protocol)) throw new Error('every status list base URL must be an absolute http(s) URL')
  }
  if (c.relyingParty.accessCertificateChain.length === 0) throw new Error('relyingParty.accessCertificateChain must not be empty')
  if (c.profile === 'haip' && c.responseMode === 'direct_post') throw new Error('the haip profile allows only responseMode direct_post.jwt')
  if (c.responseKeySecret !== undefined && c.responseKeySecret.length < 32) throw new Error('responseKeySecret must be at least 32 bytes')
  return {
    dataDir: c.dataDir,
    verifierUrl: c.verifierUrl,
    apiKey: c.apiKey,
    trustedIssuers: c.trustedIssuers,
    relyingParty: c.relyingParty,
    registrarRoots: c.registrarRoots,
    webhook: c.webhook,
    profile: c.profile,
    responseMode: c.profile === 'haip' ? 'direct_post.jwt' : (c.responseMode ?? 'direct_post'),
    responseKeySecret: c.responseKeySecret ?? new Uint8Array(randomBytes(32)),
    presetVct: c.presetVct ?? PID_VCT,
    now: c.now ?? (() => Math.floor(Date.now() / 1000)),
    sessionTtlSeconds: c.sessionTtlSeconds ?? 300,
    skewSeconds: c.skewSeconds ?? 60,
    fetchTimeoutMs: c.fetchTimeoutMs ?? 3000,
    maxFetchBytes: c.maxFetchBytes ?? 64 * 1024,
    jwksCacheSeconds: c.jwksCacheSeconds ?? 300,
    statusListBaseUrls: c.statusListBaseUrls ?? [],
    bodyLimitBytes: c.bodyLimitBytes ?? 256 * 1024,
  }
}
