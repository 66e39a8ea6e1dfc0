// better-sqlite3 adapter of IssuerStore: one WAL file (issuer.db, synchronous=FULL), in-code migrations, atomic single-use consumption.
import { randomUUID } from 'node:crypto'
import { chmodSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { openSqlite } from '../sqlite/open.ts'
import { importLegacyStatusFile, LEGACY_STATUS_FILE } from './import-status-file.ts'
import { toEnrollmentRecord, toIssuedCredential, toRelyingParty } from './rows.ts'
import type { CredentialRow, PersonRow, RpRow } from './rows.ts'
import { sqliteIssueBatch } from './sqlite-issue-batch.ts'
import { sqliteRefreshMethods } from './sqlite-refresh.ts'
import { ISSUER_MIGRATIONS } from './sqlite-schema.ts'
import { sqliteStatusMethods } from './sqlite-status.ts'
import type { IssuerStore, RedeemResult, RelyingPartyRecord } from './types.ts'

/**
 * Opens (creating and migrating) the issuer store at `file`, or in memory with ':memory:'. An old
 * `status.sqlite` beside the file is imported once and renamed `status.sqlite.imported`.
 */
export function openIssuerSqliteStore(file: string): IssuerStore {
  const db = openSqlite(file, ISSUER_MIGRATIONS)
  // An acknowledged allocation or revocation must survive a power cut: with synchronous=NORMAL a WAL
  // commit may be lost, and a restart could hand out an index already in an issued credential.
  db.pragma('synchronous = FULL')
  if (file !== ':memory:') importLegacyStatusFile(db, join(dirname(file), LEGACY_STATUS_FILE))
  // The file holds ID numbers: owner-only, like the private keys.
  if (file !== ':memory:') for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600)
  const s = {
    upsertPerson: db.prepare(`INSERT INTO persons (person_id, national_id, family_name, given_name, address_json, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(national_id) DO UPDATE SET family_name = excluded.family_name, given_name = excluded.given_name,
        address_json = excluded.address_json, updated_at = excluded.updated_at
      RETURNING person_id`),
    insertOffer: db.prepare('INSERT INTO offers (code_hash, person_id, tx_code_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)'),
    useOffer: db.prepare(`UPDATE offers SET used = 1
      WHERE code_hash = ? AND tx_code_hash = ? AND used = 0 AND expires_at > ? AND failed_attempts < ?
      RETURNING person_id`),
    failOffer: db.prepare(`UPDATE offers SET failed_attempts = failed_attempts + 1
      WHERE code_hash = ? AND used = 0 AND expires_at > ? AND failed_attempts < ?
      RETURNING failed_attempts`),
    lockedOffer: db.prepare('SELECT 1 FROM offers WHERE code_hash = ? AND used = 0 AND expires_at > ? AND failed_attempts >= ?'),
    insertToken: db.prepare('INSERT INTO access_tokens (token_hash, person_id, expires_at, remaining, configuration_id) VALUES (?, ?, ?, ?, ?)'),
    findToken: db.prepare('SELECT person_id, remaining, configuration_id FROM access_tokens WHERE token_hash = ? AND expires_at > ?'),
    purgeNonces: db.prepare('DELETE FROM spent_nonces WHERE expires_at <= ?'),
    getPerson: db.prepare('SELECT national_id, family_name, given_name, address_json FROM persons WHERE person_id = ?'),
    listCredentials: db.prepare(`SELECT credential_id, person_id, kid, status_idx, status_uri, issued_at, expires_at
      FROM issued_credentials WHERE person_id = ? ORDER BY issued_at, rowid LIMIT ?`),
    saveRp: db.prepare(`INSERT OR REPLACE INTO relying_parties
      (client_id, name, purpose, allowed_claims_json, access_certificate, registration_certificate, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    findRp: db.prepare('SELECT * FROM relying_parties WHERE client_id = ?'),
    purgeTokens: db.prepare('DELETE FROM access_tokens WHERE expires_at <= ?'),
    purgeOffers: db.prepare('DELETE FROM offers WHERE expires_at <= ?'),
  }

  const refresh = sqliteRefreshMethods(db)

  const enroll = db.transaction((input: Parameters<IssuerStore['enroll']>[0]): { personId: string } => {
    const r = input.record
    const row = s.upsertPerson.get(randomUUID(), r.nationalId, r.familyName, r.givenName, r.address ? JSON.stringify(r.address) : null, input.now, input.now) as {
      person_id: string
    }
    s.insertOffer.run(input.offer.codeHash, row.person_id, input.offer.txCodeHash, input.offer.expiresAt, input.now)
    return { personId: row.person_id }
  })

  const redeem = db.transaction((i: Parameters<IssuerStore['redeemOffer']>[0]): RedeemResult => {
    const used = s.useOffer.get(i.codeHash, i.txCodeHash, i.now, i.maxAttempts) as { person_id: string } | undefined
    if (used) {
      s.insertToken.run(i.token.tokenHash, used.person_id, i.token.expiresAt, i.token.credentialLimit, i.token.configurationId ?? null)
      if (i.refresh) refresh.insertRefresh(used.person_id, i.refresh, i.now)
      return { ok: true, personId: used.person_id }
    }
    const failed = s.failOffer.get(i.codeHash, i.now, i.maxAttempts) as { failed_attempts: number } | undefined
    if (failed) {
      return failed.failed_attempts >= i.maxAttempts
        ? { ok: false, reason: 'locked' }
        : { ok: false, reason: 'tx_code_invalid', attemptsLeft: i.maxAttempts - failed.failed_attempts }
    }
    return { ok: false, reason: s.lockedOffer.get(i.codeHash, i.now, i.maxAttempts) ? 'locked' : 'unknown_code' }
  })

  return {
    async enroll(input) {
      // IMMEDIATE: a deferred transaction that reads and then writes fails at once with SQLITE_BUSY (no busy wait)
      // when another worker process committed in between
      return enroll.immediate(input)
    },
    async redeemOffer(input) {
      return redeem.immediate(input)
    },
    async findAccessToken(tokenHash, now) {
      const row = s.findToken.get(tokenHash, now) as { person_id: string; remaining: number; configuration_id: string | null } | undefined
      if (!row) return undefined
      return { personId: row.person_id, remaining: row.remaining, ...(row.configuration_id !== null ? { configurationId: row.configuration_id } : {}) }
    },
    findRefreshToken: refresh.findRefreshToken,
    rotateRefreshToken: refresh.rotateRefreshToken,
    issueBatch: sqliteIssueBatch(db),
    async getPerson(personId) {
      const row = s.getPerson.get(personId) as PersonRow | undefined
      return row ? toEnrollmentRecord(row) : undefined
    },
    async listCredentials(personId, limit = 1000) {
      return (s.listCredentials.all(personId, limit) as CredentialRow[]).map(toIssuedCredential)
    },
    async saveRelyingParty(rp) {
      s.saveRp.run(rp.clientId, rp.name, rp.purpose, JSON.stringify(rp.allowedClaims), rp.accessCertificate, rp.registrationCertificate, rp.createdAt)
    },
    async findRelyingParty(clientId): Promise<RelyingPartyRecord | undefined> {
      const row = s.findRp.get(clientId) as RpRow | undefined
      return row ? toRelyingParty(row) : undefined
    },
    ...sqliteStatusMethods(db),
    async purgeExpired(now, graceSeconds) {
      const cutoff = now - graceSeconds
      return db.transaction(() => s.purgeNonces.run(cutoff).changes + s.purgeTokens.run(cutoff).changes + refresh.purgeRefresh(cutoff) + s.purgeOffers.run(cutoff).changes).immediate()
    },
    async close() {
      db.close()
    },
  }
}
