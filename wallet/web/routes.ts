// Routes of the wallet's web page: parse the form, call the wallet core, render. Refusals render their code.
import { randomBytes } from 'node:crypto'
import express, { Router } from 'express'
import type { Request } from 'express'
import { z } from 'zod'
import { EidError, parseInput } from '../../shared/errors/index.ts'
import type { PreparedPresentation, Wallet } from '../core/index.ts'
import { acceptedPage, consentPage, homePage, resultPage } from './pages.ts'

const PENDING_MAX = 100

const csrfField = z.string().max(64)
const PresentForm = z.strictObject({ csrf: csrfField, request: z.string().min(1).max(8192) })
const OfferForm = z.strictObject({ csrf: csrfField, offer: z.string().min(1).max(16_384), tx_code: z.string().max(64).optional() })
const ConsentForm = z.strictObject({ csrf: csrfField, decision: z.enum(['accept', 'decline']) })
const AuthorizeQuery = z.object({ client_id: z.string().min(1).max(512), request_uri: z.string().min(1).max(2048) })

export interface WalletRoutesDeps {
  wallet: Wallet
  /** Per-instance anti-CSRF token, embedded in every form. */
  csrf: string
  now: () => number
  pendingTtlSeconds: number
}

/**
 * `GET /` home; `POST /offers` accept; `POST /present` or `GET /authorize?client_id&request_uri`
 * (same-device link) review a request; `POST /consent/:id` share or decline;
 * `GET /api/credentials`, `GET /api/history` as JSON.
 */
export function walletRoutes(deps: WalletRoutesDeps): Router {
  const r = Router()
  const pending = new Map<string, { prepared: PreparedPresentation; expiresAt: number }>()
  const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 8 })

  const checkCsrf = (req: Request, token: string): void => {
    if (token !== deps.csrf) throw new EidError('forbidden', 'the form is stale or came from another site; reload the wallet page')
    const origin = req.get('origin')
    // An Origin that is not a URL is as foreign as another site's (new URL would throw: a 500).
    if (origin !== undefined && origin !== 'null' && (!URL.canParse(origin) || new URL(origin).host !== req.get('host'))) {
      throw new EidError('forbidden', 'cross-origin form submission refused')
    }
  }

  const review = async (uri: string): Promise<string> => {
    const prepared = await deps.wallet.prepare(uri)
    const now = deps.now()
    for (const [id, p] of pending) if (p.expiresAt <= now) pending.delete(id)
    if (pending.size >= PENDING_MAX) pending.delete(pending.keys().next().value as string)
    const id = randomBytes(16).toString('base64url')
    pending.set(id, { prepared, expiresAt: now + deps.pendingTtlSeconds })
    return consentPage({ id, consent: prepared.consent, csrf: deps.csrf })
  }

  r.get('/', async (_req, res) => {
    const credentials = await deps.wallet.list()
    const bbsCredentials = await deps.wallet.bbsCredentials()
    res.send(homePage({ credentials, bbsCredentials, now: deps.now(), history: deps.wallet.history(), csrf: deps.csrf }))
  })

  r.post('/offers', form, async (req, res) => {
    const input = parseInput(OfferForm, req.body, 'invalid_request', 'form')
    checkCsrf(req, input.csrf)
    const txCode = input.tx_code?.trim()
    const result = await deps.wallet.accept(input.offer.trim(), txCode ? { txCode } : {})
    res.send(acceptedPage(result))
  })

  r.post('/present', form, async (req, res) => {
    const input = parseInput(PresentForm, req.body, 'invalid_request', 'form')
    checkCsrf(req, input.csrf)
    res.send(await review(input.request.trim()))
  })

  r.get('/authorize', async (req, res) => {
    const q = parseInput(AuthorizeQuery, req.query, 'authorization_request_invalid', 'authorization request')
    res.send(await review(`openid4vp://?${new URLSearchParams({ client_id: q.client_id, request_uri: q.request_uri }).toString()}`))
  })

  r.post('/consent/:id', form, async (req, res) => {
    const input = parseInput(ConsentForm, req.body, 'invalid_request', 'form')
    checkCsrf(req, input.csrf)
    const entry = pending.get(String(req.params.id))
    pending.delete(String(req.params.id))
    if (entry === undefined || entry.expiresAt <= deps.now()) throw new EidError('not_found', 'this request is no longer pending; open it again')
    res.send(resultPage(await entry.prepared.respond(input.decision === 'accept')))
  })

  r.get('/api/credentials', async (_req, res) => {
    res.json(await deps.wallet.list())
  })

  r.get('/api/history', async (_req, res) => {
    await deps.wallet.refresh()
    res.json(deps.wallet.history())
  })
  return r
}
