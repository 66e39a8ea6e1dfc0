// What every wallet operation needs: the open store, outbound policy and limits, the clock.
import type { FetchLimits } from './fetch-limited.ts'
import type { SdJwtPolicy } from './select-credentials.ts'
import type { UrlPolicy } from './url-policy.ts'
import type { WalletStore } from './wallet-store.ts'

export interface WalletContext {
  store: WalletStore
  policy: UrlPolicy
  limits: FetchLimits
  /** Current time, epoch seconds. */
  now: () => number
  /** Trusted registrar root certificates (base64 DER), as configured or stored in the wallet state (never fetched). */
  trustedRegistrarRoots: () => Promise<string[]>
  /** Credential issuer identifiers the wallet accepts offers from (`issuerTrust`). */
  trustedIssuers: readonly string[]
  /** Root certificates (inline PEM or a file path) under which an issuer naming itself is trusted (`issuerTrust`). */
  trustedIssuerRoots: readonly string[]
  /** Credentials asked for per issuance (capped by the issuer's advertised batch_size). */
  batchSize: number
  /** Which SD-JWT copy may be presented: `once-only` (default) or `per-service` (select-credentials.ts). */
  sdJwtPolicy: SdJwtPolicy
}
