// Configuration of the issuer's BBS PID (validity and refresh window), with defaults.

export interface BbsIssuerConfig {
  /** Validity of a pid_bbs credential, seconds (default 86 400: a day; 3 600 to 7 days). */
  validitySeconds?: number
  /** Lifetime of a refresh offer: how long a wallet may stay offline and still refresh, seconds (default 30 days). */
  refreshWindowSeconds?: number
  /**
   * `exp` is rounded up to a multiple of this (default 86 400, UTC days). Every presentation discloses `exp`, so
   * its granularity is the anonymity set: all credentials issued in one period look alike (docs/THREAT-MODEL.md).
   */
  expiryRoundingSeconds?: number
  /**
   * Revocation window (default 86 400): every pid_bbs expires at most this long after issuance (`exp` is capped
   * to the last rounding boundary within it), and a revoked or suspended person gets no refresh, so their BBS
   * credential stops verifying within this time. At least `expiryRoundingSeconds`.
   */
  revocationWindowSeconds?: number
}

export type ResolvedBbsIssuerConfig = Required<BbsIssuerConfig>

/** Applies defaults; a validity outside 1 h .. 7 d is a configuration error (short life is the revocation story). */
export function resolveBbsIssuerConfig(c: BbsIssuerConfig = {}): ResolvedBbsIssuerConfig {
  const validitySeconds = c.validitySeconds ?? 86_400
  if (!Number.isInteger(validitySeconds) || validitySeconds < 3600 || validitySeconds > 7 * 86_400) {
    throw new Error('BBS validitySeconds must be an integer from 3600 to 604800')
  }
  const refreshWindowSeconds = c.refreshWindowSeconds ?? 30 * 86_400
  if (!Number.isInteger(refreshWindowSeconds) || refreshWindowSeconds < 600 || refreshWindowSeconds > 365 * 86_400) {
    throw new Error('BBS refreshWindowSeconds must be an integer from 600 to 31536000')
  }
  const expiryRoundingSeconds = c.expiryRoundingSeconds ?? 86_400
  if (!Number.isInteger(expiryRoundingSeconds) || expiryRoundingSeconds < 60 || expiryRoundingSeconds > 86_400) {
    throw new Error('BBS expiryRoundingSeconds must be an integer from 60 to 86400')
  }
  const revocationWindowSeconds = c.revocationWindowSeconds ?? 86_400
  if (!Number.isInteger(revocationWindowSeconds) || revocationWindowSeconds < expiryRoundingSeconds || revocationWindowSeconds > 7 * 86_400) {
    throw new Error('BBS revocationWindowSeconds must be an integer from expiryRoundingSeconds to 604800')
  }
  return { validitySeconds, refreshWindowSeconds, expiryRoundingSeconds, revocationWindowSeconds }
}
