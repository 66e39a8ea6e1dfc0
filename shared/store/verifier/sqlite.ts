// better-sqlite3 adapter of VerifierStore: WAL file, in-code migrations, a session finished once by one conditional UPDATE.
import { openSqlite, truncateWal } from '../sqlite/open.ts'
import { VERIFIER_MIGRATIONS } from './sqlite-schema.ts'
import type { ConsumeFailure, NewSession, Session, SessionOutcome, SessionStatus, VerifierStore } from './types.ts'

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

/** Why a state's session could not be finished, from its status (none: no such state). */
export function failureOf(status: SessionStatus | undefined): ConsumeFailure {
  return status === undefined ? 'unknown' : status === 'pending' ? 'expired' : 'used'
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
    byState: db.prepare('SELECT * FROM sessions WHERE state = ?'),
    statusByState: db.prepare('SELECT status FROM sessions WHERE state = ?'),
    finish: db.prepare(`UPDATE sessions SET status = ?, claims_json = ?, error = ?, response_code_hash = ?, completed_at = ?
      WHERE state = ? AND status = 'pending' AND expires_at > ?`),
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
    async getSessionByState(state: string) {
      const row = s.byState.get(state) as SessionRow | undefined
      return row ? toSession(row) : undefined
    },
    async finishByState(state: string, now: number, o: SessionOutcome) {
      const [claims, error] = o.status === 'verified' ? [JSON.stringify(o.claims), null] : [null, o.error]
      if (s.finish.run(o.status, claims, error, o.responseCodeHash ?? null, now, state, now).changes === 1) return { ok: true as const }
      const seen = s.statusByState.get(state) as { status: SessionStatus } | undefined
      return { ok: false as const, reason: failureOf(seen?.status) }
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
