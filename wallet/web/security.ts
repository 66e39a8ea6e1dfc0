// Browser-facing protections of the wallet page: Host allow-list (DNS rebinding), security headers, no caching.
import type { RequestHandler } from 'express'
import { EidError } from '../../shared/errors/index.ts'

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

/**
 * Refuses requests whose Host is not one of `allowedHosts` (hostnames; the page holds personal
 * data, so a rebinding DNS name must not reach it) and sets CSP, framing, referrer and cache headers.
 */
export function pageSecurity(allowedHosts: readonly string[]): RequestHandler {
  return (req, res, next) => {
    res.set({
      'Content-Security-Policy': CSP,
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    })
    const host = (req.get('host') ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
    if (!allowedHosts.includes(host)) {
      next(new EidError('forbidden', 'unexpected Host header'))
      return
    }
    next()
  }
}
