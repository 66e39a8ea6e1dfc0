// Refreshing BBS credentials on the wallet's own schedule, at random times, so a refresh (which the issuer sees, by
// person) does not happen seconds before a visit (which a service sees): docs/THREAT-MODEL.md, BBS.
import { randomInt } from 'node:crypto'

/** The wallet operation the schedule calls (a `Wallet` fits). */
export interface BbsRefresher {
  refreshBbs(withinSeconds?: number): Promise<number>
}

export interface BbsRefreshSchedule {
  stop(): void
}

/**
 * Every `periodSeconds` (default 6 h) plus a uniformly random delay of up to one more period, refreshes the BBS
 * credentials that expire within `aheadSeconds` (default 30 h, so a credential is renewed well before a visit
 * needs it). Failures go to `onError` and the schedule continues. The timer does not keep the process alive.
 */
export function startBbsRefreshSchedule(wallet: BbsRefresher, opts: { periodSeconds?: number; aheadSeconds?: number; onError?: (err: unknown) => void; onRefreshed?: (n: number) => void } = {}): BbsRefreshSchedule {
  const period = opts.periodSeconds ?? 6 * 3600
  const ahead = opts.aheadSeconds ?? 30 * 3600
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const next = (): void => {
    if (stopped) return
    timer = setTimeout(() => {
      wallet.refreshBbs(ahead).then((n) => opts.onRefreshed?.(n), (err: unknown) => opts.onError?.(err)).finally(next)
    }, (period + randomInt(Math.max(1, period))) * 1000)
    timer.unref()
  }
  next()
  return {
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
