// Relying-party API (bearer API key): POST /presentations, GET /presentations/:id, GET /presentations/:id/qr.svg. See verifier/openapi.json.
// A plain-shaped POST /presentations is answered earlier by http/fast-routes.ts with the same parsing and limits.
import express, { Router } from 'express'
import type { VerifierDeps } from '../deps.ts'
import { createPresentation } from '../flows/create-presentation.ts'
import { presentationQrSvg } from '../flows/presentation-qr.ts'
import { presentationResult } from '../flows/presentation-result.ts'
import { apiKeyAuth } from '../http/api-key.ts'
import { PRESENTATIONS_BODY_LIMIT } from '../http/fast-routes.ts'

export function presentationsRouter(deps: VerifierDeps): Router {
  const r = Router()
  r.use('/presentations', apiKeyAuth(deps.config.apiKey), express.json({ limit: PRESENTATIONS_BODY_LIMIT }))
  r.post('/presentations', async (req, res) => {
    res.status(201).set('Cache-Control', 'no-store').json(await createPresentation(deps, req.body))
  })
  r.get('/presentations/:id', async (req, res) => {
    const code = typeof req.query.response_code === 'string' ? req.query.response_code : undefined
    res.set('Cache-Control', 'no-store').json(await presentationResult(deps, req.params.id, code))
  })
  r.get('/presentations/:id/qr.svg', async (req, res) => {
    const svg = await presentationQrSvg(deps, req.params.id)
    res.set('Cache-Control', 'no-store').set('X-Content-Type-Options', 'nosniff').type('image/svg+xml').send(svg)
  })
  return r
}
