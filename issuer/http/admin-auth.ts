// Bearer-token guard of the admin API (RFC 6750 §2.1), compared in constant time, with failed attempts limited per client IP.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import { EidError } from '../../shared/errors/index.ts'

const MAX_TRACKED = 10_000

/**
 * Rejects with 401 `unauthorized` unless `Authorization: Bearer <adminToken>` is present and equal.
 * After `maxFailures` failed attempts from one IP within `windowSeconds`, that IP gets 429 `rate_limited`
 * (even with the right token) until the window ends.
 */
export function adminAuth(adminToken: string, opts: { now: () => number; maxFailures?: number; windowSeconds?: number }): RequestHandler {
  const expected = createHash('sha256').update(adminToken).digest()
  const maxFailures = opts.maxFailures ?? 20
  const windowSeconds = opts.windowSeconds ?? 60
  let windowStart = opts.now()
  const failures = new Map<string, number>()
  return (req, res, next) => {
    const t = opts.now()
    if (t - windowStart >= windowSeconds || t < windowStart) {
      windowStart = t
      failures.clear()
    }
    const ip = req.ip ?? 'unknown'
    if ((failures.get(ip) ?? 0) >= maxFailures) {
      res.set('Retry-After', String(Math.max(1, windowStart + windowSeconds - t)))
      next(new EidError('rate_limited', 'too many failed admin authentications; retry later'))
      return
    }
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(req.get('authorization') ?? '')
    const given = createHash('sha256').update(match?.[1] ?? '').digest()
    if (!match || !timingSafeEqual(given, expected)) {
      if (failures.size < MAX_TRACKED || failures.has(ip)) failures.set(ip, (failures.get(ip) ?? 0) + 1)
      next(new EidError('unauthorized', 'admin bearer token missing or wrong'))
      return
    }
    next()
  }
}
