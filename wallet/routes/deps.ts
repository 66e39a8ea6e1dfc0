// What the wallet page's routes share: sessions, the unlock limiter, how to open the wallet, the clock.
import type { Wallet } from '../core/index.ts'
import type { AttemptLimiter } from '../http/rate-limit.ts'
import type { SessionStore } from '../http/session.ts'

export interface WebDeps {
  sessions: SessionStore
  limiter: AttemptLimiter
  /** Opens the wallet file with a typed passphrase (throws `wallet_passphrase_wrong`); creates it when absent. */
  openWallet(passphrase: string): Promise<Wallet>
  /** Whether the wallet file exists (else the lock screen creates it). */
  walletExists(): boolean
  /** Current time, epoch seconds. */
  now: () => number
  /** How long a reviewed request waits for a decision, seconds. */
  pendingTtlSeconds: number
}
