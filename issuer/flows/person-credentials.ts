// Admin view of a person's issued credentials (ids for per-credential revocation), never claim values.
import { z } from 'zod'
import { EidError, parseInput } from '../../shared/errors/index.ts'
import type { IssuerDeps } from '../deps.ts'

const personIdSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/)

/** Response of `GET /admin/persons/:personId/credentials`. */
export interface PersonCredentialsResponse {
  person_id: string
  credentials: { credential_id: string; kid: string; status_list: { idx: number; uri: string } | null; issued_at: number; expires_at: number }[]
}

/** Lists the credentials issued to an enrolled person; 404 `not_found` for an unknown person. */
export async function listPersonCredentials(deps: IssuerDeps, personId: unknown): Promise<PersonCredentialsResponse> {
  const id = parseInput(personIdSchema, personId, 'invalid_request', 'personId')
  if (!(await deps.store.getPerson(id))) throw new EidError('not_found', 'no such person')
  const rows = await deps.store.listCredentials(id)
  return {
    person_id: id,
    credentials: rows.map((r) => ({
      credential_id: r.credentialId,
      kid: r.kid,
      status_list: r.statusIdx !== null && r.statusUri !== null ? { idx: r.statusIdx, uri: r.statusUri } : null,
      issued_at: r.issuedAt,
      expires_at: r.expiresAt,
    })),
  }
}
