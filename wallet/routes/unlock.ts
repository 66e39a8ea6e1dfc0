// The lock screen's routes: `GET /unlock`, `POST /unlock` (passphrase, rate-limited, into a session), `POST /lock`.
import express, { Router } from 'express'
import type { Response } from 'express'
import { z } from 'zod'
import { EidError, isEidError, parseInput } from '../../shared/errors/index.ts'
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from '../http/cookies.ts'
import { checkCsrf, checkSameOrigin } from '../http/csrf.ts'
import { safeReturnPath, viewOf } from '../http/view.ts'
import { MIN_PASSPHRASE_LENGTH, passphraseTooShort } from '../core/index.ts'
import { unlockPage } from '../pages/unlock.ts'
import type { UnlockPageInput } from '../pages/unlock.ts'
import type { WebDeps } from './deps.ts'

const UnlockForm = z.strictObject({
  passphrase: z.string().min(1).max(1024),
  repeat: z.string().max(1024).optional(),
  next: z.string().max(4096).optional(),
})
const LockForm = z.strictObject({ csrf: z.string().max(64) })

export function unlockRoutes(deps: WebDeps): Router {
  const r = Router()
  const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 4 })
  const idleMinutes = Math.round(deps.sessions.idleSeconds / 60)
  // One KDF run at a time: parallel guesses neither speed up guessing nor use memory at once.
  let queue: Promise<unknown> = Promise.resolve()

  const render = (res: Response, status: number, input: Omit<UnlockPageInput, 'create' | 'idleMinutes'>): void => {
    if (input.error) res.locals.errorCode = input.error.code
    res.status(status).type('html').send(unlockPage(viewOf(res), { ...input, create: !deps.walletExists(), idleMinutes }))
  }

  r.get('/unlock', (req, res) => {
    const next = typeof req.query.next === 'string' && safeReturnPath(req.query.next) ? req.query.next : undefined
    render(res, 200, next === undefined ? {} : { next })
  })

  r.post('/unlock', form, async (req, res) => {
    checkSameOrigin(req)
    const input = parseInput(UnlockForm, req.body, 'invalid_request', 'form')
    const next = safeReturnPath(input.next) ? input.next : undefined
    const keep = next === undefined ? {} : { next }
    const creating = !deps.walletExists()
    if (creating && passphraseTooShort(input.passphrase)) {
      return render(res, 400, { ...keep, error: { key: 'create.short', values: { min: MIN_PASSPHRASE_LENGTH }, code: 'invalid_request' } })
    }
    if (creating && input.repeat !== input.passphrase) return render(res, 400, { ...keep, error: { key: 'create.mismatch', code: 'invalid_request' } })
    try {
      deps.limiter.begin()
    } catch (err) {
      const seconds = deps.limiter.retryAfter()
      res.set('Retry-After', String(seconds))
      if (isEidError(err)) return render(res, 429, { ...keep, error: { key: 'unlock.limited', values: { seconds }, code: err.code } })
      throw err
    }
    const opened = queue.then(() => deps.openWallet(input.passphrase))
    queue = opened.catch(() => undefined)
    let wallet
    try {
      wallet = await opened
    } catch (err) {
      if (isEidError(err) && err.code === 'wallet_passphrase_wrong') {
        await deps.limiter.failed()
        return render(res, 401, { ...keep, error: { key: 'unlock.wrong', code: err.code } })
      }
      throw err
    }
    deps.limiter.succeeded()
    const session = deps.sessions.create(wallet)
    setSessionCookie(res, session.id)
    res.redirect(303, next ?? '/')
  })

  r.post('/lock', form, (req, res) => {
    const session = deps.sessions.get(readCookie(req, SESSION_COOKIE))
    if (session === undefined) throw new EidError('wallet_locked', 'the wallet is already locked')
    checkCsrf(req, session.csrf)
    parseInput(LockForm, req.body, 'invalid_request', 'form')
    deps.sessions.destroy(session.id)
    clearSessionCookie(res)
    res.redirect(303, '/unlock')
  })
  return r
}
