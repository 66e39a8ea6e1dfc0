// Fixed-window rate limit per client IP (in memory, bounded), for the token and nonce endpoints (express routes and
// the fast path share one counter).
import type { RequestHandler } from 'express'
import { EidError } from '../../shared/errors/index.ts'

const MAX_TRACKED = 10_000

/** Counts requests per client IP: `take(ip)` is undefined when allowed, else the seconds until the window ends (Retry-After). */
export interface RateLimiter {
  take(ip: string): number | undefined
}

/** Allows `max` requests per `windowSeconds` per client IP. */
export function createRateLimiter(opts: { max: number; windowSeconds: number; now: () => number }): RateLimiter {
  let windowStart = opts.now()
  const counts = new Map<string, number>()
  return {
    take(ip) {
      const t = opts.now()
      if (t - windowStart >= opts.windowSeconds || t < windowStart) {
        windowStart = t
        counts.clear()
      }
      const n = (counts.get(ip) ?? 0) + 1
      if (counts.size < MAX_TRACKED || counts.has(ip)) counts.set(ip, n)
      return n > opts.max ? Math.max(1, windowStart + opts.windowSeconds - t) : undefined
    },
  }
}

/** The refusal beyond the limit: 429 `rate_limited` (the caller sets `Retry-After`). */
export function rateLimited(): EidError {
  return new EidError('rate_limited', 'too many requests; retry later')
}

/** express middleware over `limiter`: beyond the limit 429 `rate_limited` with Retry-After. */
export function rateLimit(limiter: RateLimiter): RequestHandler {
  return (req, res, next) => {
    const retryAfter = limiter.take(req.ip ?? 'unknown')
    if (retryAfter !== undefined) {
      res.set('Retry-After', String(retryAfter))
      next(rateLimited())
      return
    }
    next()
  }
}
