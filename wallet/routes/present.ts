// Offers and requests: `POST /offers` accept, `POST /present` or `GET /authorize?client_id&request_uri` (same-device
// link) review a request on the consent page, `POST /consent/:id` share or decline. Only reached unlocked.
import { randomBytes } from 'node:crypto'
import { Router } from 'express'
import { z } from 'zod'
import { EidError, parseInput } from '../../shared/errors/index.ts'
import type { Session } from '../http/session.ts'
import { sessionOf, viewOf } from '../http/view.ts'
import type { View } from '../http/view.ts'
import { acceptedPage, consentPage, resultPage } from '../pages/consent.ts'
import { scanPage } from '../pages/scan.ts'
import type { WebDeps } from './deps.ts'

const PENDING_MAX = 100

const csrfField = z.string().max(64)
const PresentForm = z.strictObject({ csrf: csrfField, request: z.string().min(1).max(8192) })
const OfferForm = z.strictObject({ csrf: csrfField, offer: z.string().min(1).max(16_384), tx_code: z.string().max(64).optional() })
const ConsentForm = z.strictObject({ csrf: csrfField, decision: z.enum(['accept', 'decline']) })
const AuthorizeQuery = z.object({ client_id: z.string().min(1).max(512), request_uri: z.string().min(1).max(2048) })

export function presentRoutes(deps: WebDeps): Router {
  const r = Router()

  const review = async (session: Session, view: View, uri: string): Promise<string> => {
    const prepared = await session.wallet.prepare(uri)
    const now = deps.now()
    for (const [id, p] of session.pending) if (p.expiresAt <= now) session.pending.delete(id)
    if (session.pending.size >= PENDING_MAX) session.pending.delete(session.pending.keys().next().value as string)
    const id = randomBytes(16).toString('base64url')
    session.pending.set(id, { prepared, expiresAt: now + deps.pendingTtlSeconds })
    return consentPage(view, { id, consent: prepared.consent, displays: session.wallet.issuerDisplays() })
  }

  r.get('/scan', (req, res) => {
    res.type('html').send(scanPage(viewOf(res, sessionOf(req))))
  })

  r.post('/offers', async (req, res) => {
    const input = parseInput(OfferForm, req.body, 'invalid_request', 'form')
    const { wallet } = sessionOf(req)
    const txCode = input.tx_code?.trim()
    const result = await wallet.accept(input.offer.trim(), txCode ? { txCode } : {})
    const bbsIds = new Set((await wallet.bbsCredentials()).map((b) => b.id))
    res.type('html').send(acceptedPage(viewOf(res, sessionOf(req)), result, wallet.issuerDisplays(), bbsIds))
  })

  r.post('/present', async (req, res) => {
    const input = parseInput(PresentForm, req.body, 'invalid_request', 'form')
    res.type('html').send(await review(sessionOf(req), viewOf(res, sessionOf(req)), input.request.trim()))
  })

  r.get('/authorize', async (req, res) => {
    const q = parseInput(AuthorizeQuery, req.query, 'authorization_request_invalid', 'authorization request')
    const uri = `openid4vp://?${new URLSearchParams({ client_id: q.client_id, request_uri: q.request_uri }).toString()}`
    res.type('html').send(await review(sessionOf(req), viewOf(res, sessionOf(req)), uri))
  })

  r.post('/consent/:id', async (req, res) => {
    const input = parseInput(ConsentForm, req.body, 'invalid_request', 'form')
    const session = sessionOf(req)
    const entry = session.pending.get(String(req.params.id))
    session.pending.delete(String(req.params.id))
    if (entry === undefined || entry.expiresAt <= deps.now()) throw new EidError('not_found', 'this request is no longer pending; open it again')
    const result = await entry.prepared.respond(input.decision === 'accept')
    res.type('html').send(resultPage(viewOf(res, session), result, session.wallet.issuerDisplays()))
  })
  return r
}
