// PostgreSQL statements of the issuer's status lists: lists, allocated entries, per-person statuses (part of IssuerStore).
import type { Pool } from 'pg'
import type { CredentialStatusResult, IssuerStore, PersonStatusResult, StatusListRecord } from '../issuer/types.ts'
import { inTransaction } from './pool.ts'

type StatusMethods = Pick<IssuerStore, 'statusLists' | 'createStatusList' | 'statusEntries' | 'personStatus' | 'setPersonStatus' | 'setCredentialStatus'>

/** The status half of the PostgreSQL IssuerStore. Status changes lock only the person's or the entry's rows. */
export function pgStatusMethods(pool: Pool): StatusMethods {
  return {
    async statusLists() {
      const r = await pool.query<StatusListRecord>('SELECT id, bits, size, created_at AS "createdAt" FROM status_lists ORDER BY created_at, seq')
      return r.rows
    },
    async createStatusList(l) {
      await pool.query('INSERT INTO status_lists (id, bits, size, created_at) VALUES ($1, $2, $3, $4)', [l.id, l.bits, l.size, l.createdAt])
    },
    async statusEntries(listId, asOf) {
      if (asOf === undefined) return (await pool.query<{ idx: number; status: number }>('SELECT idx, status FROM status_entries WHERE list_id = $1', [listId])).rows
      const sql = `SELECT idx, CASE WHEN updated_at >= $2 AND prior_status IS NOT NULL THEN prior_status ELSE status END AS status
        FROM status_entries WHERE list_id = $1`
      return (await pool.query<{ idx: number; status: number }>(sql, [listId, asOf])).rows
    },
    async personStatus(personId) {
      return (await pool.query<{ status: number }>('SELECT status FROM status_persons WHERE person_id = $1', [personId])).rows[0]?.status
    },
    setPersonStatus: (i) =>
      inTransaction(pool, async (c): Promise<PersonStatusResult> => {
        // the person's row FOR UPDATE: an issuance for this person (FOR SHARE) finishes before or starts after this change
        const enrolled = await c.query('SELECT 1 FROM persons WHERE person_id = $1 FOR UPDATE', [i.personId])
        const current = await c.query<{ status: number }>('SELECT status FROM status_persons WHERE person_id = $1 FOR UPDATE', [i.personId])
        if (enrolled.rowCount === 0 && current.rowCount === 0) {
          const hasEntries = await c.query('SELECT 1 FROM status_entries WHERE person_id = $1 LIMIT 1', [i.personId])
          if (hasEntries.rowCount === 0) return { result: 'not_found' }
        }
        const was = current.rows[0]?.status
        if (was !== undefined && was !== i.status && i.keep.includes(was)) return { result: 'kept' }
        await c.query(
          `INSERT INTO status_persons (person_id, status, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (person_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
          [i.personId, i.status, i.now],
        )
        const rows = await c.query<{ list_id: string; idx: number }>(
          `UPDATE status_entries SET prior_status = CASE WHEN updated_at < $5 THEN status ELSE COALESCE(prior_status, status) END,
           status = $1, updated_at = $2
           WHERE person_id = $3 AND status <> $1 AND status <> ALL($4::int[]) RETURNING list_id, idx`,
          [i.status, i.now, i.personId, [...i.keep], i.epochStart ?? i.now],
        )
        return { result: 'changed', entries: rows.rows.map((r) => ({ listId: r.list_id, idx: r.idx })) }
      }),
    setCredentialStatus: (i) =>
      inTransaction(pool, async (c): Promise<CredentialStatusResult> => {
        const row = (
          await c.query<{ list_id: string; idx: number; person_id: string; status: number }>(
            'SELECT list_id, idx, person_id, status FROM status_entries WHERE credential_id = $1 FOR UPDATE',
            [i.credentialId],
          )
        ).rows[0]
        if (!row) return { result: 'not_found' }
        if (row.status !== i.status && i.keep.includes(row.status)) return { result: 'kept' }
        const changed = await c.query(
          `UPDATE status_entries SET prior_status = CASE WHEN updated_at < $4 THEN status ELSE COALESCE(prior_status, status) END,
           status = $1, updated_at = $2 WHERE credential_id = $3 AND status <> $1`,
          [i.status, i.now, i.credentialId, i.epochStart ?? i.now],
        )
        return { result: (changed.rowCount ?? 0) > 0 ? 'changed' : 'unchanged', entry: { listId: row.list_id, idx: row.idx, personId: row.person_id } }
      }),
  }
}
