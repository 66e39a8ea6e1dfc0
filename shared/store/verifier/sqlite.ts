// better-sqlite3 adapter of VerifierStore: WAL file, in-code migrations, a session finished once by one conditional UPDATE;
// writes group-committed by a writer thread (shared/store/sqlite/writer.ts), reads on the caller's connection.
import { openSqlite } from '../sqlite/open.ts'
import { inlineWriter, openThreadWriter } from '../sqlite/writer.ts'
import { queryJson, storedQuery } from './query-cache.ts'
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

/** Maps a sessions row to a Session (shared with the PostgreSQL adapter); its query is frozen and shared (storedQuery). */
export function toSession(r: SessionRow): Session {
  return {
    id: r.id,
    state: r.state,
    nonce: r.nonce,
    dcqlQuery: storedQuery(r.dcql_query_json),
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

const INSERT = `INSERT INTO sessions (id, state, nonce, dcql_query_json, purpose, redirect_uri, status, created_at, expires_at)
  VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`
const FINISH = `UPDATE sessions SET status = ?, claims_json = ?, error = ?, response_code_hash = ?, completed_at = ?
  WHERE state = ? AND status = 'pending' AND expires_at > ?`
const PURGE = 'DELETE FROM sessions WHERE expires_at <= ?'

/**
 * Opens (creating and migrating) the verifier store at `file`, or in memory with ':memory:': the file and
 * its WAL 0600 in a 0700 folder, `secure_delete` on, and the WAL truncated after each purge that deleted
 * rows, so a purged result (e.g. a KYC service's national_id) is gone from the bytes on disk.
 *
 * Durability: a finish (and a purge) is acknowledged only once committed with `synchronous = FULL` (the WAL is
 * fsynced at the commit), so a session finished once stays finished after a crash or a power loss. A new pending
 * session is acknowledged once its commit is in the WAL, without an fsync of its own (`durable: false`): it survives
 * a crash of the process; a power loss may undo it until the next fsync, and the wallet then gets `presentation_not_found`
 * (request object) or `state_unknown` (direct_post) and the service `presentation_not_found`, never a result
 * (docs/ARCHITECTURE.md, Stores). Writes go through a writer thread that commits what one turn of the event loop
 * queued as one transaction (group commit: one fsync for many presentations), each statement keeping its own
 * conditional check; lock waits on another process's transaction, fsyncs and WAL checkpoints block that thread,
 * not the service's event loop.
 */
export function openVerifierSqliteStore(file: string): VerifierStore {
  const db = openSqlite(file, VERIFIER_MIGRATIONS, { privateFolder: true })
  const writer = file === ':memory:' ? inlineWriter(db) : openThreadWriter(file)
  const s = {
    get: db.prepare('SELECT * FROM sessions WHERE id = ?'),
    byState: db.prepare('SELECT * FROM sessions WHERE state = ?'),
    statusByState: db.prepare('SELECT status FROM sessions WHERE state = ?'),
  }
  return {
    async createSession(n: NewSession) {
      // no fsync of its own: losing a pending session nobody has used is harmless (see above)
      await writer.run(INSERT, [n.id, n.state, n.nonce, queryJson(n.dcqlQuery), n.purpose ?? null, n.redirectUri ?? null, n.createdAt, n.expiresAt], { durable: false })
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
      if (await writer.run(FINISH, [o.status, claims, error, o.responseCodeHash ?? null, now, state, now]) === 1) return { ok: true as const }
      const seen = s.statusByState.get(state) as { status: SessionStatus } | undefined
      return { ok: false as const, reason: failureOf(seen?.status) }
    },
    async purgeExpired(now: number, graceSeconds: number) {
      const deleted = await writer.run(PURGE, [now - graceSeconds])
      if (deleted > 0 && file !== ':memory:') await writer.truncateWal()
      return deleted
    },
    async close() {
      await writer.close()
      db.close()
    },
  }
}
