// SQLite transaction of one issuance (IssuerStore.issueBatch): spent nonce, token credits, status entries, credential records, offer.
import type { SqliteDb } from '../sqlite/open.ts'
import { BatchRollback as Rollback, issueBatchWith } from './check-batch.ts'
import type { IssueBatchInput, IssueBatchResult } from './types.ts'


/** `issueBatch` for SQLite: one IMMEDIATE transaction, so concurrent writers queue on the database lock and none sees half of it. */
export function sqliteIssueBatch(db: SqliteDb): (input: IssueBatchInput) => Promise<IssueBatchResult> {
  const s = {
    spendNonce: db.prepare('INSERT INTO spent_nonces (nonce_hash, expires_at) VALUES (?, ?) ON CONFLICT (nonce_hash) DO NOTHING'),
    spendToken: db.prepare(`UPDATE access_tokens SET remaining = remaining - @count
      WHERE token_hash = @tokenHash AND person_id = @personId AND expires_at > @now AND remaining >= @count RETURNING remaining`),
    liveToken: db.prepare('SELECT 1 FROM access_tokens WHERE token_hash = ? AND person_id = ? AND expires_at > ?'),
    personStatus: db.prepare('SELECT status FROM status_persons WHERE person_id = ?'),
    insertEntry: db.prepare(`INSERT INTO status_entries (list_id, idx, credential_id, person_id, status, allocated_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (list_id, idx) DO NOTHING`),
    insertCredential: db.prepare(`INSERT INTO issued_credentials (credential_id, person_id, kid, status_idx, status_uri, issued_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    insertOffer: db.prepare('INSERT INTO offers (code_hash, person_id, tx_code_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)'),
  }

  const run = db.transaction((i: IssueBatchInput): number => {
    if (i.nonceExpiresAt <= i.now || s.spendNonce.run(i.nonceHash, i.nonceExpiresAt).changes === 0) throw new Rollback({ ok: false, reason: 'nonce_invalid' })
    if (!s.spendToken.get({ count: i.records.length, tokenHash: i.tokenHash, personId: i.personId, now: i.now })) {
      throw new Rollback({ ok: false, reason: s.liveToken.get(i.tokenHash, i.personId, i.now) ? 'batch_too_large' : 'token_invalid' })
    }
    const status = (s.personStatus.get(i.personId) as { status: number } | undefined)?.status ?? 0
    for (const e of i.entries) {
      if (s.insertEntry.run(e.listId, e.idx, e.credentialId, i.personId, status, i.now, i.now).changes === 0) {
        throw new Rollback({ ok: false, reason: 'index_taken', listId: e.listId, idx: e.idx })
      }
    }
    for (const c of i.records) s.insertCredential.run(c.credentialId, i.personId, c.kid, c.statusIdx, c.statusUri, c.issuedAt, c.expiresAt)
    if (i.offer) s.insertOffer.run(i.offer.codeHash, i.personId, i.offer.txCodeHash, i.offer.expiresAt, i.now)
    return status
  })

  return issueBatchWith((input) => run.immediate(input))
}
