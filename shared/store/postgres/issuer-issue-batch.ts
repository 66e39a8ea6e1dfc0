// PostgreSQL transaction of one issuance (IssuerStore.issueBatch): spent nonce, token credits, status entries, credential records, offer.
import type { Pool, PoolClient } from 'pg'
import { BatchRollback as Rollback, issueBatchWith } from '../issuer/check-batch.ts'
import type { IssueBatchInput, IssueBatchResult } from '../issuer/types.ts'
import { inTransaction } from './pool.ts'


/**
 * The person's recorded status, read under a share lock on the person's row: a concurrent status change of the
 * same person (which takes that row FOR UPDATE) waits for this issuance or this issuance for it, so new entries
 * never miss a revocation committed meanwhile. Other persons' issuances are not held up.
 */
async function personStatusLocked(c: PoolClient, personId: string): Promise<number> {
  await c.query('SELECT 1 FROM persons WHERE person_id = $1 FOR SHARE', [personId])
  return (await c.query<{ status: number }>('SELECT status FROM status_persons WHERE person_id = $1', [personId])).rows[0]?.status ?? 0
}

/**
 * `issueBatch` for PostgreSQL: one READ COMMITTED transaction. The nonce is spent by INSERT ... ON CONFLICT DO NOTHING and the
 * credits by a conditional UPDATE, so concurrent instances cannot both take them; entries are inserted with
 * ON CONFLICT DO NOTHING on the (list_id, idx) key, in key order (no deadlock between overlapping batches), and a
 * missing one rolls the whole issuance back as `index_taken`. No lock wider than the touched rows.
 */
export function pgIssueBatch(pool: Pool): (input: IssueBatchInput) => Promise<IssueBatchResult> {
  const run = (i: IssueBatchInput) =>
    inTransaction(pool, async (c): Promise<number> => {
      if (i.nonceExpiresAt <= i.now) throw new Rollback({ ok: false, reason: 'nonce_invalid' })
      const nonce = await c.query('INSERT INTO spent_nonces (nonce_hash, expires_at) VALUES ($1, $2) ON CONFLICT (nonce_hash) DO NOTHING', [i.nonceHash, i.nonceExpiresAt])
      if (nonce.rowCount !== 1) throw new Rollback({ ok: false, reason: 'nonce_invalid' })
      const spent = await c.query(
        `UPDATE access_tokens SET remaining = remaining - $1
         WHERE token_hash = $2 AND person_id = $3 AND expires_at > $4 AND remaining >= $1 RETURNING remaining`,
        [i.records.length, i.tokenHash, i.personId, i.now],
      )
      if (spent.rowCount !== 1) {
        const live = await c.query('SELECT 1 FROM access_tokens WHERE token_hash = $1 AND person_id = $2 AND expires_at > $3', [i.tokenHash, i.personId, i.now])
        throw new Rollback({ ok: false, reason: live.rowCount === 1 ? 'batch_too_large' : 'token_invalid' })
      }
      const status = await personStatusLocked(c, i.personId)
      if (i.entries.length > 0) {
        const inserted = await c.query<{ list_id: string; idx: number }>(
          `INSERT INTO status_entries (list_id, idx, credential_id, person_id, status, allocated_at, updated_at)
           SELECT e.list_id, e.idx, e.credential_id, $4, $5, $6, $6
           FROM unnest($1::text[], $2::int[], $3::text[]) AS e(list_id, idx, credential_id) ORDER BY e.list_id, e.idx
           ON CONFLICT (list_id, idx) DO NOTHING RETURNING list_id, idx`,
          [i.entries.map((e) => e.listId), i.entries.map((e) => e.idx), i.entries.map((e) => e.credentialId), i.personId, status, i.now],
        )
        if (inserted.rowCount !== i.entries.length) {
          const got = new Set(inserted.rows.map((r) => `${r.list_id}\u0000${r.idx}`))
          const taken = i.entries.find((e) => !got.has(`${e.listId}\u0000${e.idx}`)) ?? i.entries[0]
          if (taken) throw new Rollback({ ok: false, reason: 'index_taken', listId: taken.listId, idx: taken.idx })
        }
      }
      await c.query(
        `INSERT INTO issued_credentials (credential_id, person_id, kid, status_idx, status_uri, issued_at, expires_at)
         SELECT r.credential_id, $2, r.kid, r.status_idx, r.status_uri, r.issued_at, r.expires_at
         FROM unnest($1::text[], $3::text[], $4::int[], $5::text[], $6::bigint[], $7::bigint[])
           WITH ORDINALITY AS r(credential_id, kid, status_idx, status_uri, issued_at, expires_at, n) ORDER BY r.n`,
        [
          i.records.map((r) => r.credentialId),
          i.personId,
          i.records.map((r) => r.kid),
          i.records.map((r) => r.statusIdx),
          i.records.map((r) => r.statusUri),
          i.records.map((r) => r.issuedAt),
          i.records.map((r) => r.expiresAt),
        ],
      )
      if (i.offer) {
        await c.query('INSERT INTO offers (code_hash, person_id, tx_code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)', [
          i.offer.codeHash,
          i.personId,
          i.offer.txCodeHash,
          i.offer.expiresAt,
          i.now,
        ])
      }
      return status
    })

  return issueBatchWith(run)
}
