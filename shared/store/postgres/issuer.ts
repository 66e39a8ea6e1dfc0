// PostgreSQL adapter of IssuerStore: in-code migrations at open (advisory lock), atomic single-use consumption,
// issuance in one transaction (issuer-issue-batch.ts), status lists (issuer-status.ts).
import { randomUUID } from 'node:crypto'
import { toEnrollmentRecord, toIssuedCredential, toRelyingParty } from '../issuer/rows.ts'
import type { CredentialRow, PersonRow, RpRow } from '../issuer/rows.ts'
import type { IssuerStore, RedeemResult, RelyingPartyRecord } from '../issuer/types.ts'
import { pgIssueBatch } from './issuer-issue-batch.ts'
import { pgInsertRefresh, pgRefreshMethods } from './issuer-refresh.ts'
import { ISSUER_PG_MIGRATIONS } from './issuer-schema.ts'
import { pgStatusMethods } from './issuer-status.ts'
import { inTransaction, openMigratedPool } from './pool.ts'

/** Opens the issuer store in the PostgreSQL database at `url`, creating or migrating its tables first. */
export async function openIssuerPostgresStore(url: string): Promise<IssuerStore> {
  const pool = await openMigratedPool(url, 'issuer', ISSUER_PG_MIGRATIONS)
  return {
    enroll: (input) =>
      inTransaction(pool, async (c) => {
        const r = input.record
        const row = await c.query<{ person_id: string }>(
          `INSERT INTO persons (person_id, national_id, family_name, given_name, address_json, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6)
           ON CONFLICT (national_id) DO UPDATE SET family_name = excluded.family_name, given_name = excluded.given_name,
             address_json = excluded.address_json, updated_at = excluded.updated_at
           RETURNING person_id`,
          [randomUUID(), r.nationalId, r.familyName, r.givenName, r.address ? JSON.stringify(r.address) : null, input.now],
        )
        const personId = row.rows[0]?.person_id as string
        await c.query('INSERT INTO offers (code_hash, person_id, tx_code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)', [
          input.offer.codeHash,
          personId,
          input.offer.txCodeHash,
          input.offer.expiresAt,
          input.now,
        ])
        return { personId }
      }),
    redeemOffer: (i) =>
      inTransaction(pool, async (c): Promise<RedeemResult> => {
        const used = await c.query<{ person_id: string }>(
          `UPDATE offers SET used = true
           WHERE code_hash = $1 AND tx_code_hash = $2 AND NOT used AND expires_at > $3 AND failed_attempts < $4 RETURNING person_id`,
          [i.codeHash, i.txCodeHash, i.now, i.maxAttempts],
        )
        const person = used.rows[0]?.person_id
        if (person !== undefined) {
          await c.query('INSERT INTO access_tokens (token_hash, person_id, expires_at, remaining, configuration_id) VALUES ($1, $2, $3, $4, $5)', [
            i.token.tokenHash,
            person,
            i.token.expiresAt,
            i.token.credentialLimit,
            i.token.configurationId ?? null,
          ])
          if (i.refresh) await pgInsertRefresh(c, person, i.refresh, i.now)
          return { ok: true, personId: person }
        }
        const failed = await c.query<{ failed_attempts: number }>(
          `UPDATE offers SET failed_attempts = failed_attempts + 1
           WHERE code_hash = $1 AND NOT used AND expires_at > $2 AND failed_attempts < $3 RETURNING failed_attempts`,
          [i.codeHash, i.now, i.maxAttempts],
        )
        const attempts = failed.rows[0]?.failed_attempts
        if (attempts !== undefined) {
          return attempts >= i.maxAttempts ? { ok: false, reason: 'locked' } : { ok: false, reason: 'tx_code_invalid', attemptsLeft: i.maxAttempts - attempts }
        }
        const locked = await c.query('SELECT 1 FROM offers WHERE code_hash = $1 AND NOT used AND expires_at > $2 AND failed_attempts >= $3', [i.codeHash, i.now, i.maxAttempts])
        return { ok: false, reason: locked.rowCount === 1 ? 'locked' : 'unknown_code' }
      }),
    async findAccessToken(tokenHash, now) {
      const row = (
        await pool.query<{ person_id: string; remaining: number; configuration_id: string | null }>(
          'SELECT person_id, remaining, configuration_id FROM access_tokens WHERE token_hash = $1 AND expires_at > $2',
          [tokenHash, now],
        )
      ).rows[0]
      if (!row) return undefined
      return { personId: row.person_id, remaining: row.remaining, ...(row.configuration_id !== null ? { configurationId: row.configuration_id } : {}) }
    },
    ...pgRefreshMethods(pool),
    issueBatch: pgIssueBatch(pool),
    async getPerson(personId) {
      const row = (await pool.query<PersonRow>('SELECT national_id, family_name, given_name, address_json FROM persons WHERE person_id = $1', [personId])).rows[0]
      return row ? toEnrollmentRecord(row) : undefined
    },
    async listCredentials(personId, limit = 1000) {
      const rows = await pool.query<CredentialRow>(
        `SELECT credential_id, person_id, kid, status_idx, status_uri, issued_at, expires_at
         FROM issued_credentials WHERE person_id = $1 ORDER BY issued_at, seq LIMIT $2`,
        [personId, limit],
      )
      return rows.rows.map(toIssuedCredential)
    },
    async saveRelyingParty(rp) {
      await pool.query(
        `INSERT INTO relying_parties (client_id, name, purpose, allowed_claims_json, access_certificate, registration_certificate, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, purpose = excluded.purpose, allowed_claims_json = excluded.allowed_claims_json,
           access_certificate = excluded.access_certificate, registration_certificate = excluded.registration_certificate, created_at = excluded.created_at`,
        [rp.clientId, rp.name, rp.purpose, JSON.stringify(rp.allowedClaims), rp.accessCertificate, rp.registrationCertificate, rp.createdAt],
      )
    },
    async findRelyingParty(clientId): Promise<RelyingPartyRecord | undefined> {
      const row = (await pool.query<RpRow>('SELECT * FROM relying_parties WHERE client_id = $1', [clientId])).rows[0]
      return row ? toRelyingParty(row) : undefined
    },
    ...pgStatusMethods(pool),
    purgeExpired: (now, graceSeconds) =>
      inTransaction(pool, async (c) => {
        const cutoff = now - graceSeconds
        let n = 0
        for (const table of ['spent_nonces', 'access_tokens', 'refresh_tokens']) n += (await c.query(`DELETE FROM ${table} WHERE expires_at <= $1`, [cutoff])).rowCount ?? 0
        n += (await c.query('DELETE FROM offers WHERE expires_at <= $1', [cutoff])).rowCount ?? 0
        return n
      }),
    async close() {
      await pool.end()
    },
  }
}
