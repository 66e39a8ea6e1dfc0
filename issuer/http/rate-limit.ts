// Fixed-window rate limit per client IP (in memory, bounded), for the token and nonce endpoints.
import type { RequestHandler } from 'express'
import { EidError } from '../../shared/errors/index.ts'

const MAX_TRACKED = 10_000

/** Allows `max` requests per `windowSeconds` per client IP; beyond that 429 `rate_limited` with Retry-After. */
export function rateLimit(opts: { max: number; windowSeconds: number; now: () => number }): RequestHandler {
  let windowStart = opts.now()
  const counts = new Map<string, number>()
  return (req, res, next) => {
    const t = opts.now()
    if (t - windowStart >= opts.windowSeconds || t < windowStart) {
      windowStart = t
      counts.clear()
    }
    const ip = req.ip ?? 'unknown'
    const n = (counts.get(ip) ?? 0) + 1
    if (counts.size < MAX_TRACKED || counts.has(ip)) counts.set(ip, n)
    if (n > opts.max) {
      res.set('Retry-After', String(Math.max(1, windowStart + opts.windowSeconds - t)))
      next(new EidError('rate_limited', 'too many requests; retry later'))
      return
    }
    next()
  }
}
