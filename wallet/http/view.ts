// Per-request view settings: the person's language and time zone (cookies, Accept-Language) and, once unlocked, the session.
import type { Request, RequestHandler, Response } from 'express'
import { LANG_COOKIE, readCookie, TZ_COOKIE } from './cookies.ts'
import type { Session } from './session.ts'
import { pickLocale, pickTimeZone } from '../i18n/locale.ts'
import type { Locale } from '../i18n/locale.ts'
import { translate } from '../i18n/messages.ts'
import type { MessageKey } from '../i18n/messages.ts'

export interface View {
  locale: Locale
  timeZone: string
  /** Where the language switch returns to (a path of this origin). */
  returnTo: string
  /** Present once unlocked: the anti-CSRF token for forms, and the navigation. */
  csrf?: string
  t(key: MessageKey, values?: Record<string, string | number>): string
}

/** Sets `res.locals.view` from the cookies and Accept-Language. */
export function viewSettings(): RequestHandler {
  return (req, res, next) => {
    res.locals.view = viewFor(req)
    next()
  }
}

function viewFor(req: Request): View {
  const locale = pickLocale(readCookie(req, LANG_COOKIE), req.get('accept-language'))
  return {
    locale,
    timeZone: pickTimeZone(readCookie(req, TZ_COOKIE)),
    returnTo: req.method === 'GET' && safeReturnPath(req.originalUrl) ? req.originalUrl : '/',
    t: (key, values) => translate(locale, key, values),
  }
}

/** The view of this request, with the session's token when unlocked. */
export function viewOf(res: Response, session?: Session): View {
  const view = (res.locals.view as View | undefined) ?? viewFor(res.req)
  return session ? { ...view, csrf: session.csrf } : view
}

/** A path of this origin to send the person back to (no scheme, no `//host`, no backslash, bounded). */
export function safeReturnPath(path: unknown): path is string {
  return typeof path === 'string' && path.length <= 4096 && /^\/(?![/\\])[^\\\s]*$/.test(path) && !path.startsWith('/unlock') && !path.startsWith('/lang/')
}

/** The session of this request (set by `requireSession`). */
export function sessionOf(req: Request): Session {
  return (req as Request & { session: Session }).session
}
