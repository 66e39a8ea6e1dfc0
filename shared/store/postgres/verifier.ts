// PostgreSQL adapter of VerifierStore: in-code migrations at open, a session finished once by one conditional UPDATE.
import type { NewSession, SessionOutcome, SessionStatus, VerifierStore } from '../verifier/types.ts'
import { queryJson } from '../verifier/query-cache.ts'
import { failureOf, toSession } from '../verifier/sqlite.ts'
import type { SessionRow } from '../verifier/sqlite.ts'
import { openMigratedPool } from './pool.ts'
import { VERIFIER_PG_MIGRATIONS } from './verifier-schema.ts'

/** Opens the verifier store in the PostgreSQL database at `url`, creating or migrating its tables first. */
export async function openVerifierPostgresStore(url: string): Promise<VerifierStore> {
  const pool = await openMigratedPool(url, 'verifier', VERIFIER_PG_MIGRATIONS)
  return {
    async createSession(n: NewSession) {
      await pool.query(
        `INSERT INTO sessions (id, state, nonce, dcql_query_json, purpose, redirect_uri, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)`,
        [n.id, n.state, n.nonce, queryJson(n.dcqlQuery), n.purpose ?? null, n.redirectUri ?? null, n.createdAt, n.expiresAt],
      )
    },
    async getSession(id: string) {
      const r = await pool.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id])
      return r.rows[0] ? toSession(r.rows[0]) : undefined
    },
    async getSessionByState(state: string) {
      const r = await pool.query<SessionRow>('SELECT * FROM sessions WHERE state = $1', [state])
      return r.rows[0] ? toSession(r.rows[0]) : undefined
    },
    async finishByState(state: string, now: number, o: SessionOutcome) {
      // one conditional write: concurrent callers on any instance queue on the row and exactly one sees 'pending'
      const [claims, error] = o.status === 'verified' ? [JSON.stringify(o.claims), null] : [null, o.error]
      const won = await pool.query(
        `UPDATE sessions SET status = $1, claims_json = $2, error = $3, response_code_hash = $4, completed_at = $5
         WHERE state = $6 AND status = 'pending' AND expires_at > $5`,
        [o.status, claims, error, o.responseCodeHash ?? null, now, state],
      )
      if (won.rowCount === 1) return { ok: true as const }
      const seen = (await pool.query<{ status: SessionStatus }>('SELECT status FROM sessions WHERE state = $1', [state])).rows[0]
      return { ok: false as const, reason: failureOf(seen?.status) }
    },
    async purgeExpired(now: number, graceSeconds: number) {
      return (await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now - graceSeconds])).rowCount ?? 0
    },
    async close() {
      await pool.end()
    },
  }
}
