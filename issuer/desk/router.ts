// The registration desk page (GET /desk): sign in with the admin token (session cookie, CSRF token on every form),
// enroll a person (ID number checked per rule, in the desk's language), show the offer QR code and tx_code, list and
// suspend / reinstate / revoke a person's credentials, register a service. Same flows as the admin API.
import express, { Router } from 'express'
import type { Request, RequestHandler, Response } from 'express'
import QRCode from 'qrcode'
import { z } from 'zod'
import { PROVINCES } from '../../shared/cnid/index.ts'
import { EidError, isEidError, parseInput } from '../../shared/errors/index.ts'
import type { StatusName } from '../../shared/status-list/index.ts'
import type { IssuerDeps } from '../deps.ts'
import type { StatusService } from '../status/index.ts'
import { enrollPerson } from '../flows/enroll.ts'
import { listPersonCredentials } from '../flows/person-credentials.ts'
import { registerRelyingParty } from '../flows/register-relying-party.ts'
import { DESK_JS, deskPage, loginPage, offerPage, personPage, registeredPage } from './pages.ts'
import { DESK_COOKIE, cookieValue, deskSessions } from './sessions.ts'
import { DESK_TEXT, deskLang } from './text.ts'
import type { DeskLang, IdRule } from './text.ts'

const ACTIONS: Record<string, StatusName> = { suspend: 'suspended', reinstate: 'valid', revoke: 'invalid' }
const actionStatus = (a: unknown): StatusName | undefined => (typeof a === 'string' && Object.hasOwn(ACTIONS, a) ? ACTIONS[a] : undefined)
const Field = z.string().max(4096)
const EnrollForm = z.object({ csrf: Field, national_id: z.string().max(32), family_name: Field, given_name: Field })
const ServiceForm = z.object({
  csrf: Field,
  name: Field,
  purpose: Field,
  claims: z.union([z.string().max(64), z.array(z.string().max(64)).max(64)]).optional(),
  origins: Field.optional(),
  callback: Field.optional(),
  jwk: Field,
})

/**
 * `loginGuard` is the admin API's bearer check (constant time, failed attempts limited per IP): the sign-in form's
 * token goes through it, so the desk is no easier to guess at than the API. `statuses`: the status service's admin actions.
 */
export function deskRouter(deps: IssuerDeps, loginGuard: RequestHandler, statuses: Pick<StatusService, 'setPersonStatus' | 'setCredentialStatus'>): Router {
  const sessions = deskSessions()
  const secure = deps.config.issuerUrl.startsWith('https:') ? '; Secure' : ''
  const provinces = Object.keys(PROVINCES)
  const r = Router()
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 32 })

  const langOf = (req: Request): DeskLang => deskLang(req.query.lang, cookieValue(req, 'desk_lang'), req.get('accept-language'))
  const html = (req: Request, res: Response, status: number, body: string): void => {
    const headers: Record<string, string> = {
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    }
    if (req.query.lang === 'zh-CN' || req.query.lang === 'en') headers['Set-Cookie'] = `desk_lang=${req.query.lang}; Path=/desk; SameSite=Strict${secure}`
    res.status(status).set(headers).type('html').send(body)
  }
  /** The message for a failed desk action: the ID-number rule in the desk's words, else the code. */
  const failure = (lang: DeskLang, err: unknown): string => {
    if (!isEidError(err)) throw err
    const rule = (err.details as { rule?: string } | undefined)?.rule
    if (err.code === 'invalid_national_id' && rule !== undefined && rule in DESK_TEXT[lang].rules) return DESK_TEXT[lang].rules[rule as IdRule]
    return `${DESK_TEXT[lang].failed}${err.code}`
  }

  r.get('/desk/desk.js', (_req, res) => {
    res.set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).type('text/javascript').send(DESK_JS)
  })

  r.get('/desk', (req, res) => {
    const now = deps.now()
    let session
    try {
      session = sessions.require(req, now)
    } catch {
      return html(req, res, 200, loginPage(langOf(req)))
    }
    html(req, res, 200, deskPage(langOf(req), session.csrf, provinces))
  })

  r.post('/desk/login', form, (req, res, next) => {
    const token = typeof req.body?.token === 'string' ? req.body.token : ''
    req.headers.authorization = `Bearer ${token}`
    loginGuard(req, res, (err?: unknown) => {
      if (err) {
        if (isEidError(err) && err.code === 'unauthorized') return html(req, res, 401, loginPage(langOf(req), DESK_TEXT[langOf(req)].wrongToken))
        return next(err)
      }
      const { id } = sessions.create(deps.now())
      res.set('Set-Cookie', `${DESK_COOKIE}=${id}; Path=/desk; HttpOnly; SameSite=Strict${secure}`).redirect(303, '/desk')
    })
  })

  r.post('/desk/logout', form, (req, res) => {
    sessions.requireForm(req, deps.now())
    sessions.end(req)
    res.set('Set-Cookie', `${DESK_COOKIE}=; Path=/desk; HttpOnly; SameSite=Strict; Max-Age=0${secure}`).redirect(303, '/desk')
  })

  r.post('/desk/enroll', form, async (req, res) => {
    const session = sessions.requireForm(req, deps.now())
    const lang = langOf(req)
    const input = parseInput(EnrollForm, req.body, 'invalid_request', 'form')
    const values = { national_id: input.national_id, family_name: input.family_name, given_name: input.given_name }
    try {
      const e = await enrollPerson(deps, { national_id: input.national_id.trim().toUpperCase(), family_name: input.family_name.trim(), given_name: input.given_name.trim() })
      const qrSvg = await QRCode.toString(e.credential_offer_uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      deps.logger.info({ personId: e.person_id }, 'desk enrollment')
      html(req, res, 201, offerPage(lang, session.csrf, { personId: e.person_id, qrSvg, uri: e.credential_offer_uri, txCode: e.tx_code, expiresIn: e.expires_in }))
    } catch (err) {
      const status = isEidError(err) ? 400 : 500
      html(req, res, status, deskPage(lang, session.csrf, provinces, { error: failure(lang, err), values }))
    }
  })

  const showPerson = async (req: Request, res: Response, personId: unknown, opts: { message?: string; error?: string } = {}, status = 200): Promise<void> => {
    const session = sessions.require(req, deps.now())
    const lang = langOf(req)
    try {
      const list = await listPersonCredentials(deps, personId)
      html(req, res, status, personPage(lang, session.csrf, { personId: list.person_id, credentials: list.credentials }, opts))
    } catch (err) {
      html(req, res, isEidError(err) ? 404 : 500, deskPage(lang, session.csrf, provinces, { error: failure(lang, err) }))
    }
  }
  r.get('/desk/person', (req, res) => showPerson(req, res, req.query.id))

  r.post('/desk/person/:personId/:action', form, async (req, res) => {
    sessions.requireForm(req, deps.now())
    const status = actionStatus(req.params.action)
    if (!status) throw new EidError('not_found', 'no such action')
    const lang = langOf(req)
    try {
      await statuses.setPersonStatus(String(req.params.personId), status)
      await showPerson(req, res, req.params.personId, { message: `${DESK_TEXT[lang].done}: ${DESK_TEXT[lang][req.params.action as 'suspend']}` })
    } catch (err) {
      await showPerson(req, res, req.params.personId, { error: failure(lang, err) }, 400)
    }
  })

  r.post('/desk/person/:personId/credentials/:credentialId/:action', form, async (req, res) => {
    sessions.requireForm(req, deps.now())
    const status = actionStatus(req.params.action)
    if (!status) throw new EidError('not_found', 'no such action')
    const lang = langOf(req)
    const credentialId = parseInput(z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/), req.params.credentialId, 'invalid_request', 'credentialId')
    // only a credential of this person (the page lists them): no acting on another person's credential by URL
    const list = await listPersonCredentials(deps, req.params.personId)
    if (!list.credentials.some((c) => c.credential_id === credentialId)) throw new EidError('not_found', 'no such credential for this person')
    try {
      await statuses.setCredentialStatus(credentialId, status)
      await showPerson(req, res, req.params.personId, { message: `${DESK_TEXT[lang].done}: ${DESK_TEXT[lang][req.params.action as 'suspend']} ${credentialId}` })
    } catch (err) {
      await showPerson(req, res, req.params.personId, { error: failure(lang, err) }, 400)
    }
  })

  r.post('/desk/services', form, async (req, res) => {
    const session = sessions.requireForm(req, deps.now())
    const lang = langOf(req)
    const input = parseInput(ServiceForm, req.body, 'invalid_request', 'form')
    try {
      let jwk: unknown
      try {
        jwk = JSON.parse(input.jwk)
      } catch {
        throw new EidError('invalid_request', 'the key is not JSON')
      }
      const claims = input.claims === undefined ? [] : Array.isArray(input.claims) ? input.claims : [input.claims]
      const origins = (input.origins ?? '').split(/\s+/).filter((o) => o !== '')
      const result = await registerRelyingParty(deps, {
        name: input.name.trim(),
        purpose: input.purpose.trim(),
        allowed_claims: claims.map((c) => [c]),
        request_signing_jwk: jwk,
        ...(input.callback?.trim() ? { callback: input.callback.trim() } : {}),
        ...(origins.length ? { origins } : {}),
      })
      html(req, res, 201, registeredPage(lang, session.csrf, result))
    } catch (err) {
      html(req, res, isEidError(err) ? 400 : 500, deskPage(lang, session.csrf, provinces, { error: failure(lang, err) }))
    }
  })
  return r
}
