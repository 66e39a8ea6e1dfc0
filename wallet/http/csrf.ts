// Cross-site request refusal for state-changing requests: the session's token (form field or header) and the
// browser's own origin signals (Sec-Fetch-Site, Origin).
import { timingSafeEqual } from 'node:crypto'
import type { Request } from 'express'
import { EidError } from '../../shared/errors/index.ts'

/** Refuses a request another site made (Sec-Fetch-Site cross-site/same-site, or an Origin not this host). */
export function checkSameOrigin(req: Request): void {
  const site = req.get('sec-fetch-site')
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new EidError('forbidden', 'cross-site request refused')
  const origin = req.get('origin')
  // An Origin that is not a URL is as foreign as another site's (new URL would throw: a 500).
  if (origin !== undefined && origin !== 'null' && (!URL.canParse(origin) || new URL(origin).host !== req.get('host'))) {
    throw new EidError('forbidden', 'cross-origin request refused')
  }
}

/** Refuses a state-changing request without the session's anti-CSRF token (`csrf` form field or `X-CSRF-Token`). */
export function checkCsrf(req: Request, expected: string): void {
  checkSameOrigin(req)
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>
  const given = typeof body.csrf === 'string' ? body.csrf : req.get('x-csrf-token')
  const a = Buffer.from(given ?? '')
  const b = Buffer.from(expected)
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new EidError('forbidden', 'the form is stale or came from another site; reload the wallet page')
}
