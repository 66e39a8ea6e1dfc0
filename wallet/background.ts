// The wallet's background work, each on its own randomised schedule and never at a presentation: BBS renewal, SD-JWT
// top-up (refresh grant) and registrar roots. Started by wallet/server.ts and by `npm start`'s wallet app.
import type { Logger } from 'pino'
import { startBbsRefreshSchedule, startTopUpSchedule, startTrustRefreshSchedule } from './core/index.ts'
import type { RandomSchedule, Wallet } from './core/index.ts'

/** The schedules running, by name (`bbs-refresh`, `sd-jwt-top-up`, `trust-refresh`). */
export interface WalletBackground {
  readonly schedules: Readonly<Record<string, RandomSchedule>>
  stop(): void
}

/** What the schedules call (a `Wallet` fits). */
export type BackgroundWallet = Pick<Wallet, 'refreshBbs' | 'topUp' | 'refreshTrust'>

const codeOf = (err: unknown): string => (err as { code?: string }).code ?? 'internal_error'

/**
 * Starts the three schedules at their defaults (BBS every 6-12 h, SD-JWT top-up every 2-4 h below 3 unused copies,
 * registrar roots every 12-24 h); logs counts and error codes only.
 */
export function startWalletBackground(wallet: BackgroundWallet, logger: Logger): WalletBackground {
  const schedules = {
    // BBS credentials are renewed at random times, not when a visit finds them expired (docs/THREAT-MODEL.md, BBS)
    'bbs-refresh': startBbsRefreshSchedule(wallet, {
      onRefreshed: (n) => n > 0 && logger.info({ refreshed: n }, 'BBS credentials refreshed'),
      onError: (err) => logger.warn({ code: codeOf(err) }, 'BBS refresh failed'),
    }),
    // SD-JWT batches topped up through the refresh grant at random times, never at a presentation (docs/protocol/wallet.md)
    'sd-jwt-top-up': startTopUpSchedule(wallet, {
      onToppedUp: (n) => n > 0 && logger.info({ added: n }, 'SD-JWT batch topped up'),
      onError: (err) => logger.warn({ code: codeOf(err) }, 'SD-JWT top-up failed'),
    }),
    // registrar roots likewise: stored in the wallet file, reloaded at random times, never fetched while presenting
    'trust-refresh': startTrustRefreshSchedule(wallet, {
      onError: (err) => logger.warn({ code: codeOf(err) }, 'registrar root refresh failed'),
    }),
  }
  return {
    schedules,
    stop() {
      for (const s of Object.values(schedules)) s.stop()
    },
  }
}
