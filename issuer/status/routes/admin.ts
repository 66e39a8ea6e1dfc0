// Admin API of revocation and suspension: per person and per credential (mounted by the issuer behind its admin token).
import { Router } from 'express'
import { z } from 'zod'
import { parseInput } from '../../../shared/errors/index.ts'
import type { StatusName } from '../../../shared/status-list/index.ts'

const Id = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/)
const PersonParams = z.object({ personId: Id })
const CredentialParams = z.object({ credentialId: Id })

/** The three admin actions and the status each sets. */
const ACTIONS: readonly (readonly [string, StatusName])[] = [
  ['revoke', 'invalid'],
  ['suspend', 'suspended'],
  ['reinstate', 'valid'],
]

/**
 * `POST /admin/persons/:personId/{revoke,suspend,reinstate}` → `{ person_id, status, changed: n }`;
 * `POST /admin/credentials/:credentialId/{revoke,suspend,reinstate}` → `{ credential_id, status, changed: bool }`.
 * 400 `invalid_request` for a malformed id, 404 `not_found` for an unknown one, 409 `status_change_not_allowed` after revocation.
 */
export function statusAdminRouter(deps: {
  setPersonStatus: (personId: string, status: StatusName) => Promise<number>
  setCredentialStatus: (credentialId: string, status: StatusName) => Promise<boolean>
}): Router {
  const r = Router()
  for (const [action, status] of ACTIONS) {
    r.post(`/admin/persons/:personId/${action}`, async (req, res) => {
      const { personId } = parseInput(PersonParams, req.params)
      const changed = await deps.setPersonStatus(personId, status)
      res.status(200).set('Cache-Control', 'no-store').json({ person_id: personId, status, changed })
    })
    r.post(`/admin/credentials/:credentialId/${action}`, async (req, res) => {
      const { credentialId } = parseInput(CredentialParams, req.params)
      const changed = await deps.setCredentialStatus(credentialId, status)
      res.status(200).set('Cache-Control', 'no-store').json({ credential_id: credentialId, status, changed })
    })
  }
  return r
}
