// The wallet file's SD-JWT refresh tokens (one per issuer) and the count of unused copies a top-up decides on.
import type { SdJwtRefresh, StoredCredential, WalletState } from './state.ts'

/** Stores `refresh` as the issuer's refresh token, replacing an older one (a new offer starts a new family). */
export function keepRefreshToken(state: WalletState, refresh: SdJwtRefresh): void {
  const others = (state.sdJwtRefresh ?? []).filter((r) => r.issuer !== refresh.issuer)
  state.sdJwtRefresh = [...others, refresh]
}

/** Unused, unexpired copies of `refresh`'s configuration from its issuer: what presentations can still spend. */
export function unusedCopies(credentials: readonly StoredCredential[], refresh: Pick<SdJwtRefresh, 'issuer' | 'credentialConfigurationId'>, now: number): number {
  return credentials.filter(
    (c) => c.issuer === refresh.issuer && c.credentialConfigurationId === refresh.credentialConfigurationId && c.shownTo.length === 0 && (c.expiresAt === undefined || c.expiresAt > now),
  ).length
}
