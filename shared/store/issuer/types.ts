// The issuer's store interface: persons, offers, access tokens, nonces, issued credentials, status lists, relying parties.
// Adapters (SQLite: sqlite.ts; PostgreSQL next) implement it and pass test/store/issuer-store.contract.ts.
//
// Rules every adapter keeps (the contract suite checks each one):
// - Every method is atomic: it commits all of its writes or none, and an acknowledged write is durable
//   (SQLite: WAL with synchronous=FULL; PostgreSQL: a committed transaction).
// - Single-use values (pre-authorized code, c_nonce, access-token credits, refresh token) are taken by one conditional
//   write whose affected-row count decides (`UPDATE ... WHERE ... RETURNING`, `INSERT ... ON CONFLICT DO NOTHING`), never read-then-write,
//   so two instances sharing the database cannot both take one.
// - A status-list index is allocated at most once: (listId, idx) is a unique key. The caller draws the
//   indices (uniformly at random over the free ones); the store only refuses one already taken.
// - No method holds a lock wider than the rows it touches on the issuance path, so several issuer
//   instances can share one PostgreSQL database.
// Times are epoch seconds. Secrets arrive hashed (the caller hashes codes, tokens and nonces).
import type { EnrollmentRecord } from '../../pid/index.ts'

/** An offer as stored: only hashes of the pre-authorized code and of (code, tx_code). */
export interface NewOffer {
  codeHash: string
  txCodeHash: string
  expiresAt: number
}

/**
 * An access token as stored: its hash, expiry, and how many credentials it may still obtain; `configurationId`
 * restricts it to one credential configuration (tokens from the refresh grant), absent: any offered one.
 */
export interface NewAccessToken {
  tokenHash: string
  expiresAt: number
  credentialLimit: number
  configurationId?: string
}

/**
 * A refresh token as stored (RFC 6749 §6): its hash, the family it belongs to (the tokens rotated from one
 * pre-authorized code), the one credential configuration it renews, and its expiry. The person is the family's.
 */
export interface NewRefreshToken {
  tokenHash: string
  familyId: string
  configurationId: string
  expiresAt: number
}

/**
 * Outcome of rotating a refresh token. `replayed`: the token was already used, so the whole family (the live
 * successor included) has just been revoked (RFC 9700 §4.14.2); `unknown`: no such live token.
 */
export type RotateRefreshResult = { ok: true; personId: string; configurationId: string } | { ok: false; reason: 'unknown' | 'replayed' }

/** Outcome of redeeming a pre-authorized code. */
export type RedeemResult =
  | { ok: true; personId: string }
  | { ok: false; reason: 'unknown_code' | 'locked' }
  | { ok: false; reason: 'tx_code_invalid'; attemptsLeft: number }

/** Bookkeeping of one issued credential: never a claim value. `statusIdx`/`statusUri` are null for credentials without a status entry. */
export interface IssuedCredential {
  credentialId: string
  personId: string
  kid: string
  statusIdx: number | null
  statusUri: string | null
  issuedAt: number
  expiresAt: number
}

/** A status list as stored. `id` is the last path segment of its URI. */
export interface StatusListRecord {
  id: string
  bits: 1 | 2 | 4 | 8
  size: number
  createdAt: number
}

/** A status entry to allocate with a credential: list, index (drawn by the caller) and the credential it belongs to. */
export interface NewStatusEntry {
  listId: string
  idx: number
  credentialId: string
}

/** One changed entry, as returned by the status updates. */
export interface ChangedEntry {
  listId: string
  idx: number
}

/**
 * One issuance, committed as a whole by `issueBatch`: the c_nonce is spent (recorded as used until it expires; the
 * caller has checked that the issuer made it: nonces are stateless, shared/oid4vci c-nonce.ts), `records.length` credits
 * of the access token are spent, the status entries are allocated (starting with the person's recorded
 * status) and the credentials are recorded; optionally a new offer for the same person (the pid_bbs
 * refresh offer) is stored. Every `entries[i].credentialId` is one of `records`.
 */
export interface IssueBatchInput {
  tokenHash: string
  nonceHash: string
  /** The c_nonce's expiry: refused (`nonce_invalid`) when not after `now`; its use is remembered until then. */
  nonceExpiresAt: number
  personId: string
  entries: NewStatusEntry[]
  records: IssuedCredential[]
  offer?: NewOffer
  now: number
}

/**
 * Outcome of `issueBatch`. On any failure nothing was written (the nonce stays unspent and the token's credits stay).
 * `nonce_invalid`: the nonce was spent before, or has expired.
 * `index_taken` names the first entry whose (list, idx) another issuance took: draw again and retry.
 * On success, `status` is the person's recorded status value the new entries started with (0 = valid).
 */
export type IssueBatchResult =
  | { ok: true; status: number }
  | { ok: false; reason: 'nonce_invalid' | 'token_invalid' | 'batch_too_large' }
  | { ok: false; reason: 'index_taken'; listId: string; idx: number }

/** Outcome of a status change: `kept` when the current status is final (in `keep`) and differs. */
export type PersonStatusResult = { result: 'changed'; entries: ChangedEntry[] } | { result: 'kept' } | { result: 'not_found' }

/** Outcome of a per-credential status change. */
export type CredentialStatusResult = { result: 'changed' | 'unchanged'; entry: ChangedEntry & { personId: string } } | { result: 'kept' } | { result: 'not_found' }

/** A registered relying party (the registrar's record). */
export interface RelyingPartyRecord {
  clientId: string
  name: string
  purpose: string
  allowedClaims: (string | number | null)[][]
  accessCertificate: string
  registrationCertificate: string
  createdAt: number
}

/** The issuer's persistence. See the rules at the top of this file. */
export interface IssuerStore {
  // --- persons and offers (enrollment, token endpoint) ---
  /** Creates or updates the person with this ID number and adds an offer for them; returns the person id. */
  enroll(input: { record: EnrollmentRecord; offer: NewOffer; now: number }): Promise<{ personId: string }>
  /** The enrollment record of a person, or undefined (also the answer to "does this person exist"). */
  getPerson(personId: string): Promise<EnrollmentRecord | undefined>
  /**
   * Redeems an unused, unexpired, unlocked offer whose tx-code hash matches, and stores `token` for the
   * person, in one transaction. A wrong tx code counts one failed attempt; at `maxAttempts` the offer locks.
   */
  redeemOffer(input: { codeHash: string; txCodeHash: string; now: number; maxAttempts: number; token: NewAccessToken; refresh?: NewRefreshToken }): Promise<RedeemResult>
  /** The person and configuration of a live (unused, unexpired) refresh token, or undefined. Reads only. */
  findRefreshToken(tokenHash: string, now: number): Promise<{ personId: string; configurationId: string } | undefined>
  /**
   * In one transaction: marks the live refresh token used (one conditional write: of two callers exactly one wins),
   * stores its successor `next` in the same family and stores `token` (restricted to the family's configuration)
   * for the family's person. A token already used revokes its whole family (`replayed`); nothing else is written
   * on failure.
   */
  rotateRefreshToken(input: { tokenHash: string; now: number; next: Omit<NewRefreshToken, 'familyId' | 'configurationId'>; token: Omit<NewAccessToken, 'configurationId'> }): Promise<RotateRefreshResult>

  // --- issuance (nonce and credential endpoints) ---
  /** The live access token with this hash, or undefined. */
  findAccessToken(tokenHash: string, now: number): Promise<{ personId: string; remaining: number; configurationId?: string } | undefined>
  /** Commits one issuance (spent nonce, token credits, status entries, credential records, optional offer): all or nothing. */
  issueBatch(input: IssueBatchInput): Promise<IssueBatchResult>
  /** The credentials issued to a person, oldest first (at most `limit`, default 1000). */
  listCredentials(personId: string, limit?: number): Promise<IssuedCredential[]>

  // --- status lists (draft-ietf-oauth-status-list) ---
  /** All status lists, oldest first. */
  statusLists(): Promise<StatusListRecord[]>
  /** Adds an empty list (an id already present is an error). */
  createStatusList(list: StatusListRecord): Promise<void>
  /**
   * Every allocated (idx, status) of a list. With `asOf` (a status epoch's start), an entry changed at or after
   * `asOf` is given with the status it had at `asOf`: what the list published for that epoch shows.
   */
  statusEntries(listId: string, asOf?: number): Promise<{ idx: number; status: number }[]>
  /** The person's recorded status (from admin changes), or undefined when never changed. */
  personStatus(personId: string): Promise<number | undefined>
  /**
   * Records the status of an enrolled person (`not_found` otherwise) and sets it on every entry of the
   * person, except entries whose status is in `keep` (a final INVALID); `kept` (nothing written) when the
   * person's recorded status is in `keep` and differs from `status`. Returns the entries that changed.
   * Each changed entry keeps the status it had at `epochStart` (default `now`: the start of the current status
   * epoch), so `statusEntries(list, epochStart)` still shows it until the next epoch.
   */
  setPersonStatus(input: { personId: string; status: number; keep: readonly number[]; now: number; epochStart?: number }): Promise<PersonStatusResult>
  /** Sets one credential's status unless its current status is in `keep` and differs. */
  setCredentialStatus(input: { credentialId: string; status: number; keep: readonly number[]; now: number; epochStart?: number }): Promise<CredentialStatusResult>

  // --- relying parties (registrar) ---
  /** Stores a relying party; a `clientId` already registered is replaced. */
  saveRelyingParty(rp: RelyingPartyRecord): Promise<void>
  /** The relying party with this client id, or undefined. */
  findRelyingParty(clientId: string): Promise<RelyingPartyRecord | undefined>

  // --- housekeeping ---
  /** Deletes spent nonces, access tokens, refresh tokens and unused offers that expired before `now - graceSeconds`; returns how many rows. */
  purgeExpired(now: number, graceSeconds: number): Promise<number>
  close(): Promise<void>
}
