// Every route but the lock screen, the language switch and static files needs an unlocked session: without one a
// page request gets the lock screen (401; a same-device link waits behind it, nothing fetched), /api gets 401 JSON.
import type { Request, RequestHandler } from 'express'
import { EidError } from '../../shared/errors/index.ts'
import { SESSION_COOKIE, readCookie } from './cookies.ts'
import type { Session, SessionStore } from './session.ts'
import { safeReturnPath, viewOf } from './view.ts'
import { unlockPage } from '../pages/unlock.ts'

export function requireSession(sessions: SessionStore, walletExists: () => boolean): RequestHandler {
  return (req, res, next) => {
    const session = sessions.get(readCookie(req, SESSION_COOKIE))
    if (session !== undefined) {
      ;(req as Request & { session: Session }).session = session
      next()
      return
    }
    if (req.method !== 'GET' || req.path.startsWith('/api/') || req.path.endsWith('.json') || req.path.endsWith('.css')) {
      next(new EidError('wallet_locked', 'the wallet is locked; unlock it on the wallet page'))
      return
    }
    res.locals.errorCode = 'wallet_locked'
    const next_ = safeReturnPath(req.originalUrl) ? req.originalUrl : undefined
    res.status(401).type('html').send(unlockPage(viewOf(res), { create: !walletExists(), ...(next_ !== undefined ? { next: next_ } : {}), idleMinutes: Math.round(sessions.idleSeconds / 60) }))
  }
}
