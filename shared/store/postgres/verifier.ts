// PostgreSQL adapter of VerifierStore: in-code migrations at open, single-use consumption by one UPDATE ... RETURNING.
import type { ConsumeFailure, NewSession, SessionStatus, VerifierStore } from '../verifier/types.ts'
import { toSession } from '../verifier/sqlite.ts'
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
        [n.id, n.state, n.nonce, JSON.stringify(n.dcqlQuery), n.purpose ?? null, n.redirectUri ?? null, n.createdAt, n.expiresAt],
      )
    },
    async getSession(id: string) {
      const r = await pool.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id])
      return r.rows[0] ? toSession(r.rows[0]) : undefined
    },
    async consumeByState(state: string, now: number) {
      // one conditional write: concurrent callers on any instance queue on the row and exactly one sees 'pending'
      const won = await pool.query<SessionRow>(
        `UPDATE sessions SET status = 'processing' WHERE state = $1 AND status = 'pending' AND expires_at > $2 RETURNING *`,
        [state, now],
      )
      if (won.rows[0]) return { ok: true as const, session: toSession(won.rows[0]) }
      const seen = (await pool.query<{ status: SessionStatus }>('SELECT status FROM sessions WHERE state = $1', [state])).rows[0]
      const reason: ConsumeFailure = !seen ? 'unknown' : seen.status === 'pending' ? 'expired' : 'used'
      return { ok: false as const, reason }
    },
    async complete(id, result, now) {
      const code = result.responseCodeHash ?? null
      if (result.status === 'verified') {
        await pool.query(
          `UPDATE sessions SET status = 'verified', claims_json = $1, response_code_hash = $2, completed_at = $3 WHERE id = $4 AND status = 'processing'`,
          [JSON.stringify(result.claims), code, now, id],
        )
      } else {
        await pool.query(
          `UPDATE sessions SET status = 'rejected', error = $1, response_code_hash = $2, completed_at = $3 WHERE id = $4 AND status = 'processing'`,
          [result.error, code, now, id],
        )
      }
    },
    async purgeExpired(now: number, graceSeconds: number) {
      return (await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now - graceSeconds])).rowCount ?? 0
    },
    async close() {
      await pool.end()
    },
  }
}
