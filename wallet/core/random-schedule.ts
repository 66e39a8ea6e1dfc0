// Background work on the wallet's own randomised schedule (BBS renewals, registrar roots), so what the issuer or
// authority sees (a request, by person) does not happen seconds before a visit (which a service sees):
// docs/THREAT-MODEL.md, BBS.
import { randomInt } from 'node:crypto'

export interface RandomSchedule {
  stop(): void
}

/**
 * Runs `task` every `periodSeconds` plus a uniformly random delay of up to one more period. Failures go to `onError`
 * and the schedule continues. The timer does not keep the process alive.
 */
export function startRandomSchedule<T>(task: () => Promise<T>, opts: { periodSeconds: number; onError?: (err: unknown) => void; onDone?: (result: T) => void }): RandomSchedule {
  const period = opts.periodSeconds
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const next = (): void => {
    if (stopped) return
    timer = setTimeout(() => {
      task().then((r) => opts.onDone?.(r), (err: unknown) => opts.onError?.(err)).finally(next)
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

/** The wallet operation the trust schedule calls (a `Wallet` fits). */
export interface TrustRefresher {
  refreshTrust(): Promise<number>
}

/** Reloads the registrar roots into the wallet file every `periodSeconds` (default 12 h) plus a random delay. */
export function startTrustRefreshSchedule(wallet: TrustRefresher, opts: { periodSeconds?: number; onError?: (err: unknown) => void; onRefreshed?: (n: number) => void } = {}): RandomSchedule {
  return startRandomSchedule(() => wallet.refreshTrust(), {
    periodSeconds: opts.periodSeconds ?? 12 * 3600,
    ...(opts.onError ? { onError: opts.onError } : {}),
    ...(opts.onRefreshed ? { onDone: opts.onRefreshed } : {}),
  })
}

/** The wallet operation the top-up schedule calls (a `Wallet` fits). */
export interface SdJwtTopUpper {
  topUp(opts?: { threshold?: number }): Promise<{ count: number }[]>
}

/**
 * Tops up SD-JWT batches (refresh grant) every `periodSeconds` (default 2 h) plus a uniformly random delay of up to one
 * more period, when fewer than `threshold` (default 3) unused copies remain: at times unrelated to presentations, so
 * the issuer, which sees each top-up by person, cannot time it against a visit a service sees.
 */
export function startTopUpSchedule(wallet: SdJwtTopUpper, opts: { periodSeconds?: number; threshold?: number; onError?: (err: unknown) => void; onToppedUp?: (n: number) => void } = {}): RandomSchedule {
  return startRandomSchedule(async () => (await wallet.topUp(opts.threshold !== undefined ? { threshold: opts.threshold } : {})).reduce((n, r) => n + r.count, 0), {
    periodSeconds: opts.periodSeconds ?? 2 * 3600,
    ...(opts.onError ? { onError: opts.onError } : {}),
    ...(opts.onToppedUp ? { onDone: opts.onToppedUp } : {}),
  })
}
