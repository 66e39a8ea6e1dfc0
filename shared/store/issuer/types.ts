// The issuer's store interface: persons, offers, access tokens, nonces, issued credentials, relying parties.
// Adapters (SQLite now, PostgreSQL later) implement it; single-use values are consumed in one atomic statement.
import type { EnrollmentRecord } from '../../pid/index.ts'

/** An offer as stored: only hashes of the pre-authorized code and of (code, tx_code). Times epoch seconds. */
export interface NewOffer {
  codeHash: string
  txCodeHash: string
  expiresAt: number
}

/** An access token as stored: its hash, expiry, and how many credentials it may still obtain. */
export interface NewAccessToken {
  tokenHash: string
  expiresAt: number
  credentialLimit: number
}

/** Outcome of redeeming a pre-authorized code. */
export type RedeemResult =
  | { ok: true; personId: string }
  | { ok: false; reason: 'unknown_code' | 'locked' }
  | { ok: false; reason: 'tx_code_invalid'; attemptsLeft: number }

/** Outcome of consuming a c_nonce and spending `count` credentials of an access token. */
export type ConsumeResult = { ok: true; personId: string } | { ok: false; reason: 'nonce_invalid' | 'token_invalid' | 'batch_too_large' }

/** Bookkeeping of one issued credential: never a claim value. */
export interface IssuedCredential {
  credentialId: string
  personId: string
  kid: string
  statusIdx: number | null
  statusUri: string | null
  issuedAt: number
  expiresAt: number
}

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

/** The issuer's persistence. Every method is atomic; none leaves a partial write on failure. */
export interface IssuerStore {
  /** Creates or updates the person with this ID number and adds an offer for them; returns the person id. */
  enroll(input: { record: EnrollmentRecord; offer: NewOffer; now: number }): Promise<{ personId: string }>
  /**
   * Redeems an unused, unexpired, unlocked offer whose tx-code hash matches, and stores `token` for the
   * person, in one transaction. A wrong tx code counts one failed attempt; at `maxAttempts` the offer locks.
   */
  redeemOffer(input: { codeHash: string; txCodeHash: string; now: number; maxAttempts: number; token: NewAccessToken }): Promise<RedeemResult>
  /** Stores a fresh c_nonce hash (and drops expired ones). */
  issueNonce(input: { nonceHash: string; expiresAt: number; now: number }): Promise<void>
  /** The live access token with this hash, or undefined. */
  findAccessToken(tokenHash: string, now: number): Promise<{ personId: string; remaining: number } | undefined>
  /** Deletes the nonce and spends `count` of the token's credentials, both or neither. */
  consumeIssuance(input: { tokenHash: string; nonceHash: string; count: number; now: number }): Promise<ConsumeResult>
  /** The enrollment record of a person. */
  getPerson(personId: string): Promise<EnrollmentRecord | undefined>
  /** Records issued credentials (ids, status indices, kid, times). */
  recordCredentials(rows: IssuedCredential[]): Promise<void>
  /** The credentials issued to a person, oldest first (at most `limit`, default 1000). */
  listCredentials(personId: string, limit?: number): Promise<IssuedCredential[]>
  /** Stores a relying party; a `clientId` already registered is replaced. */
  saveRelyingParty(rp: RelyingPartyRecord): Promise<void>
  /** The relying party with this client id, or undefined. */
  findRelyingParty(clientId: string): Promise<RelyingPartyRecord | undefined>
  close(): Promise<void>
}
