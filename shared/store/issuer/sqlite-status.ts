// SQLite statements of the issuer's status lists: lists, allocated entries, per-person statuses (part of IssuerStore).
import type { SqliteDb } from '../sqlite/open.ts'
import type { CredentialStatusResult, IssuerStore, PersonStatusResult, StatusListRecord } from './types.ts'

type StatusMethods = Pick<IssuerStore, 'statusLists' | 'createStatusList' | 'statusEntries' | 'personStatus' | 'setPersonStatus' | 'setCredentialStatus'>

interface EntryRow {
  list_id: string
  idx: number
  person_id: string
  status: number
}

/** The status half of the SQLite IssuerStore. `keep` lists are bound as one JSON array parameter. */
export function sqliteStatusMethods(db: SqliteDb): StatusMethods {
  const s = {
    lists: db.prepare('SELECT id, bits, size, created_at AS createdAt FROM status_lists ORDER BY created_at, rowid'),
    createList: db.prepare('INSERT INTO status_lists (id, bits, size, created_at) VALUES (?, ?, ?, ?)'),
    entriesOf: db.prepare('SELECT idx, status FROM status_entries WHERE list_id = ?'),
    entriesAsOf: db.prepare(`SELECT idx, CASE WHEN updated_at >= @asOf AND prior_status IS NOT NULL THEN prior_status ELSE status END AS status
      FROM status_entries WHERE list_id = @listId`),
    personStatus: db.prepare('SELECT status FROM status_persons WHERE person_id = ?'),
    personKnown: db.prepare(`SELECT EXISTS (SELECT 1 FROM persons WHERE person_id = @id) OR EXISTS (SELECT 1 FROM status_persons WHERE person_id = @id)
      OR EXISTS (SELECT 1 FROM status_entries WHERE person_id = @id) AS known`),
    upsertPerson: db.prepare(`INSERT INTO status_persons (person_id, status, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(person_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`),
    updatePersonEntries: db.prepare(`UPDATE status_entries SET prior_status = CASE WHEN updated_at < @epochStart THEN status ELSE COALESCE(prior_status, status) END,
      status = @status, updated_at = @now
      WHERE person_id = @personId AND status != @status AND status NOT IN (SELECT value FROM json_each(@keep))
      RETURNING list_id, idx`),
    byCredential: db.prepare('SELECT list_id, idx, person_id, status FROM status_entries WHERE credential_id = ?'),
    updateCredential: db.prepare(`UPDATE status_entries SET prior_status = CASE WHEN updated_at < @epochStart THEN status ELSE COALESCE(prior_status, status) END,
      status = @status, updated_at = @now WHERE credential_id = @credentialId AND status != @status`),
  }

  const setPersonStatus = db.transaction((i: Parameters<StatusMethods['setPersonStatus']>[0]): PersonStatusResult => {
    if (!(s.personKnown.get({ id: i.personId }) as { known: number }).known) return { result: 'not_found' }
    const current = (s.personStatus.get(i.personId) as { status: number } | undefined)?.status
    if (current !== undefined && current !== i.status && i.keep.includes(current)) return { result: 'kept' }
    s.upsertPerson.run(i.personId, i.status, i.now)
    const rows = s.updatePersonEntries.all({ status: i.status, now: i.now, epochStart: i.epochStart ?? i.now, personId: i.personId, keep: JSON.stringify(i.keep) }) as { list_id: string; idx: number }[]
    return { result: 'changed', entries: rows.map((r) => ({ listId: r.list_id, idx: r.idx })) }
  })

  const setCredentialStatus = db.transaction((i: Parameters<StatusMethods['setCredentialStatus']>[0]): CredentialStatusResult => {
    const row = s.byCredential.get(i.credentialId) as EntryRow | undefined
    if (!row) return { result: 'not_found' }
    if (row.status !== i.status && i.keep.includes(row.status)) return { result: 'kept' }
    const changed = s.updateCredential.run({ status: i.status, now: i.now, epochStart: i.epochStart ?? i.now, credentialId: i.credentialId }).changes > 0
    return { result: changed ? 'changed' : 'unchanged', entry: { listId: row.list_id, idx: row.idx, personId: row.person_id } }
  })

  return {
    async statusLists() {
      return s.lists.all() as StatusListRecord[]
    },
    async createStatusList(l) {
      s.createList.run(l.id, l.bits, l.size, l.createdAt)
    },
    async statusEntries(listId, asOf) {
      return (asOf === undefined ? s.entriesOf.all(listId) : s.entriesAsOf.all({ listId, asOf })) as { idx: number; status: number }[]
    },
    async personStatus(personId) {
      return (s.personStatus.get(personId) as { status: number } | undefined)?.status
    },
    async setPersonStatus(input) {
      return setPersonStatus.immediate(input)
    },
    async setCredentialStatus(input) {
      return setCredentialStatus.immediate(input)
    },
  }
}
