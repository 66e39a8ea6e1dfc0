// Unlock attempts: at most `max` per sliding window (then 429 rate_limited), and a wrong passphrase answered after a
// delay that doubles with each failure in the window, so guessing the passphrase through the page stays slow.
import { EidError } from '../../shared/errors/index.ts'

export interface AttemptLimiterOptions {
  /** Attempts per window (default 5). */
  max?: number
  /** Window, seconds (default 60). */
  windowSeconds?: number
  /** Delay before answering the first wrong passphrase, ms (default 250); doubles per failure, capped at `maxDelayMs`. */
  baseDelayMs?: number
  maxDelayMs?: number
  nowMs?: () => number
}

export interface AttemptLimiter {
  /** Counts an attempt; throws `rate_limited` (with the seconds to wait) when the window is full. */
  begin(): void
  /** Records a failure; resolves after the growing delay. */
  failed(): Promise<void>
  /** A correct passphrase: the count starts again. */
  succeeded(): void
  /** Seconds until another attempt is allowed (0 when one is). */
  retryAfter(): number
}

export function createAttemptLimiter(opts: AttemptLimiterOptions = {}): AttemptLimiter {
  const max = opts.max ?? 5
  const windowMs = (opts.windowSeconds ?? 60) * 1000
  const nowMs = opts.nowMs ?? Date.now
  let attempts: number[] = []
  let failures = 0
  const prune = (): void => {
    const now = nowMs()
    attempts = attempts.filter((t) => now - t < windowMs)
    if (attempts.length === 0) failures = 0
  }
  const retryAfter = (): number => {
    prune()
    const oldest = attempts[0]
    return attempts.length < max || oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + windowMs - nowMs()) / 1000))
  }
  return {
    begin() {
      const wait = retryAfter()
      if (wait > 0) throw new EidError('rate_limited', `too many unlock attempts; retry in ${wait} s`)
      attempts.push(nowMs())
    },
    async failed() {
      failures++
      const delay = Math.min((opts.baseDelayMs ?? 250) * 2 ** (failures - 1), opts.maxDelayMs ?? 4000)
      await new Promise((resolve) => setTimeout(resolve, delay))
    },
    succeeded() {
      attempts = []
      failures = 0
    },
    retryAfter,
  }
}
