// Browser-facing protections of the wallet page: Host allow-list (DNS rebinding), CSP (scripts only from the
// wallet's own origin, no inline script), framing, referrer and cache headers.
import type { RequestHandler } from 'express'
import { EidError } from '../../shared/errors/index.ts'

/** Scripts and styles only from this origin; the camera picture and uploaded pictures stay in the page (blob:). */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

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
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
    })
    const host = (req.get('host') ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
    if (!allowedHosts.includes(host)) {
      next(new EidError('forbidden', 'unexpected Host header'))
      return
    }
    next()
  }
}
