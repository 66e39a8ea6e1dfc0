// better-sqlite3 adapter of VerifierStore: WAL file, in-code migrations, single-use consumption by one atomic UPDATE ... RETURNING.
import { openSqlite, truncateWal } from '../sqlite/open.ts'
import { VERIFIER_MIGRATIONS } from './sqlite-schema.ts'
import type { ConsumeFailure, NewSession, Session, SessionStatus, VerifierStore } from './types.ts'

/** A sessions row as both adapters read it. */
export interface SessionRow {
  id: string
  state: string
  nonce: string
  dcql_query_json: string
  purpose: string | null
  redirect_uri: string | null
  response_code_hash: string | null
  status: SessionStatus
  claims_json: string | null
  error: string | null
  created_at: number
  expires_at: number
  completed_at: number | null
}

/** Maps a sessions row to a Session (shared with the PostgreSQL adapter). */
export function toSession(r: SessionRow): Session {
  return {
    id: r.id,
    state: r.state,
    nonce: r.nonce,
    dcqlQuery: JSON.parse(r.dcql_query_json) as unknown,
    ...(r.purpose !== null ? { purpose: r.purpose } : {}),
    ...(r.redirect_uri !== null ? { redirectUri: r.redirect_uri } : {}),
    ...(r.response_code_hash !== null ? { responseCodeHash: r.response_code_hash } : {}),
    status: r.status,
    ...(r.claims_json !== null ? { claims: JSON.parse(r.claims_json) as Record<string, unknown> } : {}),
    ...(r.error !== null ? { error: r.error } : {}),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    ...(r.completed_at !== null ? { completedAt: r.completed_at } : {}),
  }
}

/**
 * Opens (creating and migrating) the verifier store at `file`, or in memory with ':memory:': the file and
 * its WAL 0600 in a 0700 folder, `secure_delete` on, and the WAL truncated after each purge that deleted
 * rows, so a purged result (e.g. a KYC service's national_id) is gone from the bytes on disk.
 */
export function openVerifierSqliteStore(file: string): VerifierStore {
  const db = openSqlite(file, VERIFIER_MIGRATIONS, { privateFolder: true })
  const s = {
    insert: db.prepare(`INSERT INTO sessions (id, state, nonce, dcql_query_json, purpose, redirect_uri, status, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`),
    get: db.prepare('SELECT * FROM sessions WHERE id = ?'),
    consume: db.prepare(`UPDATE sessions SET status = 'processing'
      WHERE state = ? AND status = 'pending' AND expires_at > ? RETURNING *`),
    byState: db.prepare('SELECT status, expires_at FROM sessions WHERE state = ?'),
    verified: db.prepare(`UPDATE sessions SET status = 'verified', claims_json = ?, response_code_hash = ?, completed_at = ?
      WHERE id = ? AND status = 'processing'`),
    rejected: db.prepare(`UPDATE sessions SET status = 'rejected', error = ?, response_code_hash = ?, completed_at = ?
      WHERE id = ? AND status = 'processing'`),
    purge: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
  }
  return {
    async createSession(n: NewSession) {
      s.insert.run(n.id, n.state, n.nonce, JSON.stringify(n.dcqlQuery), n.purpose ?? null, n.redirectUri ?? null, n.createdAt, n.expiresAt)
    },
    async getSession(id: string) {
      const row = s.get.get(id) as SessionRow | undefined
      return row ? toSession(row) : undefined
    },
    async consumeByState(state: string, now: number) {
      const row = s.consume.get(state, now) as SessionRow | undefined
      if (row) return { ok: true as const, session: toSession(row) }
      const seen = s.byState.get(state) as { status: SessionStatus; expires_at: number } | undefined
      const reason: ConsumeFailure = !seen ? 'unknown' : seen.status === 'pending' ? 'expired' : 'used'
      return { ok: false as const, reason }
    },
    async complete(id, result, now) {
      const code = result.responseCodeHash ?? null
      if (result.status === 'verified') s.verified.run(JSON.stringify(result.claims), code, now, id)
      else s.rejected.run(result.error, code, now, id)
    },
    async purgeExpired(now: number, graceSeconds: number) {
      const deleted = s.purge.run(now - graceSeconds).changes
      if (deleted > 0 && file !== ':memory:') truncateWal(db)
      return deleted
    },
    async close() {
      db.close()
    },
  }
}
