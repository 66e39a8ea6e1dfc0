// The verifier's store interface: presentation sessions (nonce, state, query, expiry), single-use consumption, results holding only requested claims.
// Adapters (SQLite: sqlite.ts; PostgreSQL next) implement it and pass test/store/verifier-store.contract.ts.
//
// Rules every adapter keeps (the contract suite checks each one):
// - Every method is atomic and an acknowledged write is durable, except that `createSession` may be undone by a power
//   loss (not by a crash of the process) shortly after it was acknowledged: a pending session nobody has used yet,
//   whose loss the wallet and the service see as an unknown request (docs/ARCHITECTURE.md, Stores). A session
//   that was finished stays finished.
// - `finishByState` records a session's outcome by one conditional write whose affected-row count decides
//   (`UPDATE ... WHERE state = ? AND status = 'pending' AND expires_at > ?`), never read-then-write: exactly
//   one caller wins, across all instances sharing the database. It is the one commit of a presentation.
// - A result holds only the requested claims (`verified`) or an error code (`rejected`), never both.
// Times are epoch seconds.

/** A presentation session as created by `POST /presentations`. Times are epoch seconds. */
export interface NewSession {
  id: string
  /** OpenID4VP `state`: identifies the session in the wallet's direct_post. */
  state: string
  /** OpenID4VP `nonce`: the KB-JWT must carry it. */
  nonce: string
  /** The DCQL query (JSON), as sent in the request object. */
  dcqlQuery: unknown
  purpose?: string
  /** Same-device flow: where the wallet sends the person back after answering (with a response_code). */
  redirectUri?: string
  createdAt: number
  expiresAt: number
}

/** `processing` was written by earlier versions between taking a session and its outcome; it is read as pending and never finished. */
export type SessionStatus = 'pending' | 'processing' | 'verified' | 'rejected'

/** A stored session. `claims` only for `verified` (and only the requested claims); `error` (a code) only for `rejected`. */
export interface Session extends NewSession {
  status: SessionStatus
  claims?: Record<string, unknown>
  error?: string
  /** SHA-256 (base64url) of the response_code handed to the wallet with the redirect. */
  responseCodeHash?: string
  completedAt?: number
}

/** Why a state could not be finished. */
export type ConsumeFailure = 'unknown' | 'expired' | 'used'

/** The outcome of a presentation: only the requested claims, or an error code; with the response_code's hash when one was handed out. */
export type SessionOutcome = ({ status: 'verified'; claims: Record<string, unknown> } | { status: 'rejected'; error: string }) & { responseCodeHash?: string }

export interface VerifierStore {
  createSession(s: NewSession): Promise<void>
  getSession(id: string): Promise<Session | undefined>
  /** The session whose OpenID4VP `state` this is (a read: nothing changes). */
  getSessionByState(state: string): Promise<Session | undefined>
  /**
   * Records `outcome` for the pending session with this `state` if it has not expired at `now`, in one atomic
   * conditional write (`pending` → `verified` | `rejected`): ok exactly once per state, across all instances
   * sharing the store; otherwise why not (`unknown`, `expired`, `used`).
   */
  finishByState(state: string, now: number, outcome: SessionOutcome): Promise<{ ok: true } | { ok: false; reason: ConsumeFailure }>
  /** Deletes sessions that expired more than `graceSeconds` ago; returns how many. */
  purgeExpired(now: number, graceSeconds: number): Promise<number>
  close(): Promise<void>
}
