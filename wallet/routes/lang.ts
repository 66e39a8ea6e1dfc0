// `GET /lang/:locale?next=`: remembers the person's language (cookie) and goes back to the page they were on.
import { Router } from 'express'
import { EidError } from '../../shared/errors/index.ts'
import { setLangCookie } from '../http/cookies.ts'
import { safeReturnPath } from '../http/view.ts'
import { LOCALES } from '../i18n/locale.ts'

export function langRoutes(): Router {
  const r = Router()
  r.get('/lang/:locale', (req, res) => {
    const locale = LOCALES.find((l) => l === req.params.locale)
    if (locale === undefined) throw new EidError('not_found', 'no such language')
    setLangCookie(res, locale)
    res.redirect(303, safeReturnPath(req.query.next) ? req.query.next : '/')
  })
  return r
}
