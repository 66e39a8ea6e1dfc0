// Configuration of the issuer service (createIssuerApp's argument) and its defaults.
import type { Logger } from 'pino'
import type { IssuerStore } from '../shared/store/index.ts'
import type { BbsIssuerConfig } from './formats/pid-bbs/config.ts'

/** What `createIssuerApp` takes. Times in seconds. */
export interface IssuerConfig {
  /** Data folder; the issuer's files go under `<dataDir>/issuer/` (database, keys, status lists). */
  dataDir: string
  /** Public base URL: the Credential Issuer Identifier, `iss` of credentials, `aud` of proofs. No trailing slash. */
  issuerUrl: string
  /** Bearer token of the admin API (`/admin/**`). */
  adminToken: string
  /** Clock, epoch seconds (default: the system clock). */
  now?: () => number
  logger?: Logger
  /** Store adapter (default: SQLite at `<dataDir>/issuer/issuer.db`); one passed in is not closed by the app's `close()`. */
  store?: IssuerStore
  /** Display name of the authority (certificate subjects, metadata). */
  authorityName?: string
  /** `batch_credential_issuance.batch_size`, also the number of credentials one access token may obtain (default 10). */
  batchSize?: number
  /** Credential validity, days (default 365, at most 730: issuing certificates live 3 years and are rotated in time). */
  credentialValidityDays?: number
  /** Pre-authorized code lifetime (default 600). */
  offerTtlSeconds?: number
  /** Access token lifetime (default 600). */
  accessTokenTtlSeconds?: number
  /**
   * Refresh token lifetime (default 90 days, from 60 s to 365 days): each refresh token, issued with the
   * pre-authorized code's access token and rotated at each use, renews the SD-JWT batch until then.
   */
  refreshTokenTtlSeconds?: number
  /** c_nonce lifetime (default 300). */
  nonceTtlSeconds?: number
  /** Status list token `ttl`: how long verifiers may cache a list, so the longest a revocation takes to reach them (default 300). */
  statusTtlSeconds?: number
  /**
   * Status epochs, seconds (`STATUS_EPOCH_SECONDS`; issuer/server.ts default 900): the served lists change only at epoch
   * boundaries, so a person's revocation is published with everyone else's of that epoch; `ttl` is then the epoch.
   * Default here 0: a change is published at once (tests and embedded uses that need it).
   */
  statusEpochSeconds?: number
  /** Folder every signed status list token is also written to, for a web server or CDN (`STATUS_LIST_DIR`; default none). */
  statusListDir?: string
  /** Public base URL of that folder (`STATUS_LIST_BASE_URL`): credentials point at `<it>/<list id>` (default `<issuerUrl>/status-lists`). */
  statusListBaseUrl?: string
  /** Oldest accepted proof `iat` (default 300). */
  proofMaxAgeSeconds?: number
  /** Digits of the tx_code (default 6). */
  txCodeLength?: number
  /** Wrong tx_codes after which an offer is invalidated (default 5). */
  maxTxCodeAttempts?: number
  /** Token and nonce endpoint requests per client IP per window (default 60 per 60 s). */
  rateLimit?: { max: number; windowSeconds: number }
  /** Largest accepted request body, bytes (default 64 KiB). */
  bodyLimitBytes?: number
  /** Express `trust proxy` setting, for client IPs behind a reverse proxy (default false). */
  trustProxy?: boolean | number | string
  /** The BBS PID (`pid_bbs`): validity and refresh window, or `false` to not offer it (default on). */
  bbs?: BbsIssuerConfig | false
}

/** The configuration with every default applied. */
export type ResolvedIssuerConfig = Required<Omit<IssuerConfig, 'logger' | 'store' | 'bbs' | 'statusListDir' | 'statusListBaseUrl'>> &
  Pick<IssuerConfig, 'statusListDir' | 'statusListBaseUrl'>

/** Applies defaults and checks the few values a typo would make dangerous. */
export function resolveIssuerConfig(c: IssuerConfig): ResolvedIssuerConfig {
  if (!URL.canParse(c.issuerUrl) || c.issuerUrl.endsWith('/')) throw new Error('issuerUrl must be an absolute URL without a trailing slash')
  if (typeof c.adminToken !== 'string' || c.adminToken.length < 16) throw new Error('adminToken must be at least 16 characters')
  if (c.credentialValidityDays !== undefined && !(Number.isInteger(c.credentialValidityDays) && c.credentialValidityDays >= 1 && c.credentialValidityDays <= 730)) {
    throw new Error('credentialValidityDays must be an integer from 1 to 730 (issuing certificates live 3 years)')
  }
  if (c.refreshTokenTtlSeconds !== undefined && !(Number.isInteger(c.refreshTokenTtlSeconds) && c.refreshTokenTtlSeconds >= 60 && c.refreshTokenTtlSeconds <= 365 * 86400)) {
    throw new Error('refreshTokenTtlSeconds must be an integer from 60 to 31536000 (365 days)')
  }
  if (c.statusEpochSeconds !== undefined && !(Number.isInteger(c.statusEpochSeconds) && c.statusEpochSeconds >= 0 && c.statusEpochSeconds <= 86_400)) {
    throw new Error('statusEpochSeconds must be a whole number of seconds from 0 to 86400')
  }
  return {
    dataDir: c.dataDir,
    issuerUrl: c.issuerUrl,
    adminToken: c.adminToken,
    now: c.now ?? (() => Math.floor(Date.now() / 1000)),
    authorityName: c.authorityName ?? 'e-ID Authority',
    batchSize: c.batchSize ?? 10,
    credentialValidityDays: c.credentialValidityDays ?? 365,
    offerTtlSeconds: c.offerTtlSeconds ?? 600,
    accessTokenTtlSeconds: c.accessTokenTtlSeconds ?? 600,
    refreshTokenTtlSeconds: c.refreshTokenTtlSeconds ?? 90 * 86400,
    nonceTtlSeconds: c.nonceTtlSeconds ?? 300,
    statusTtlSeconds: c.statusTtlSeconds ?? 300,
    statusEpochSeconds: c.statusEpochSeconds ?? 0,
    ...(c.statusListDir !== undefined ? { statusListDir: c.statusListDir } : {}),
    ...(c.statusListBaseUrl !== undefined ? { statusListBaseUrl: c.statusListBaseUrl.replace(/\/+$/, '') } : {}),
    proofMaxAgeSeconds: c.proofMaxAgeSeconds ?? 300,
    txCodeLength: c.txCodeLength ?? 6,
    maxTxCodeAttempts: c.maxTxCodeAttempts ?? 5,
    rateLimit: c.rateLimit ?? { max: 60, windowSeconds: 60 },
    bodyLimitBytes: c.bodyLimitBytes ?? 64 * 1024,
    trustProxy: c.trustProxy ?? false,
  }
}
