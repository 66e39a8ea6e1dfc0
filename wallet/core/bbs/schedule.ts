// Refreshing BBS credentials on the wallet's own schedule, at random times, so a refresh (which the issuer sees, by
// person) does not happen seconds before a visit (which a service sees): docs/THREAT-MODEL.md, BBS.
import { startRandomSchedule } from '../random-schedule.ts'
import type { RandomSchedule } from '../random-schedule.ts'

/** The wallet operation the schedule calls (a `Wallet` fits). */
export interface BbsRefresher {
  refreshBbs(withinSeconds?: number): Promise<number>
}

export type BbsRefreshSchedule = RandomSchedule

/**
 * Every `periodSeconds` (default 6 h) plus a uniformly random delay of up to one more period, refreshes the BBS
 * credentials that expire within `aheadSeconds` (default 30 h, so a credential is renewed well before a visit
 * needs it). Failures go to `onError` and the schedule continues. The timer does not keep the process alive.
 */
export function startBbsRefreshSchedule(wallet: BbsRefresher, opts: { periodSeconds?: number; aheadSeconds?: number; onError?: (err: unknown) => void; onRefreshed?: (n: number) => void } = {}): BbsRefreshSchedule {
  const ahead = opts.aheadSeconds ?? 30 * 3600
  return startRandomSchedule(() => wallet.refreshBbs(ahead), {
    periodSeconds: opts.periodSeconds ?? 6 * 3600,
    ...(opts.onError ? { onError: opts.onError } : {}),
    ...(opts.onRefreshed ? { onDone: opts.onRefreshed } : {}),
  })
}
