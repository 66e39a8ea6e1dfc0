// Admin API (behind the admin bearer token): enrollment, relying-party registration, key rotation.
import express, { Router } from 'express'
import type { IssuerDeps } from '../deps.ts'
import { enrollPerson } from '../flows/enroll.ts'
import { listPersonCredentials } from '../flows/person-credentials.ts'
import { registerRelyingParty } from '../flows/register-relying-party.ts'

/** `POST /admin/enrollments`, `POST /admin/relying-parties`, `GET /admin/persons/:personId/credentials`, `POST /admin/keys/rotate`. */
export function adminRouter(deps: IssuerDeps): Router {
  const r = Router()
  r.use('/admin', express.json({ limit: deps.config.bodyLimitBytes }))
  r.post('/admin/enrollments', async (req, res) => {
    res.status(201).set('Cache-Control', 'no-store').json(await enrollPerson(deps, req.body))
  })
  r.post('/admin/relying-parties', async (req, res) => {
    res.status(201).json(await registerRelyingParty(deps, req.body))
  })
  r.get('/admin/persons/:personId/credentials', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await listPersonCredentials(deps, req.params.personId))
  })
  r.post('/admin/keys/rotate', async (_req, res) => {
    const kid = await deps.keys.rotate()
    deps.logger.info({ kid }, 'issuing key rotated')
    res.status(201).json({ kid })
  })
  return r
}
