// better-sqlite3 adapter of StatusStore: one WAL file, (list, idx) primary key against double allocation, atomic updates.
import { openSqlite } from '../sqlite/open.ts'
import { STATUS_MIGRATIONS } from './sqlite-schema.ts'
import type { ChangedEntry, InsertEntryResult, StatusEntryRecord, StatusListRecord, StatusStore } from './types.ts'

interface EntryRow {
  list_id: string
  idx: number
  credential_id: string
  person_id: string
  status: number
}

const toEntry = (r: EntryRow): StatusEntryRecord => ({
  listId: r.list_id,
  idx: r.idx,
  credentialId: r.credential_id,
  personId: r.person_id,
  status: r.status,
})

/** Opens (creating and migrating) the status store at `file` (`<dataDir>/status.sqlite`), or in memory with ':memory:'. */
export function openStatusSqliteStore(file: string): StatusStore {
  const db = openSqlite(file, STATUS_MIGRATIONS)
  // An acknowledged allocation must survive a power loss too (WAL's default NORMAL may lose the last
  // commits), or a restart could hand out an index already in an issued credential.
  db.pragma('synchronous = FULL')
  const s = {
    lists: db.prepare('SELECT id, bits, size, created_at AS createdAt FROM status_lists ORDER BY created_at, rowid'),
    createList: db.prepare('INSERT INTO status_lists (id, bits, size, created_at) VALUES (?, ?, ?, ?)'),
    entriesOf: db.prepare('SELECT idx, status FROM status_entries WHERE list_id = ?'),
    insertEntry: db.prepare(`INSERT INTO status_entries (list_id, idx, credential_id, person_id, status, allocated_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    byCredential: db.prepare('SELECT list_id, idx, credential_id, person_id, status FROM status_entries WHERE credential_id = ?'),
    hasEntries: db.prepare('SELECT 1 FROM status_entries WHERE person_id = ? LIMIT 1'),
    personStatus: db.prepare('SELECT status FROM status_persons WHERE person_id = ?'),
    upsertPerson: db.prepare(`INSERT INTO status_persons (person_id, status, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(person_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`),
    updateCredential: db.prepare('UPDATE status_entries SET status = ?, updated_at = ? WHERE credential_id = ? AND status != ?'),
  }

  const setPersonStatus = db.transaction((personId: string, status: number, keep: readonly number[], at: number): ChangedEntry[] => {
    s.upsertPerson.run(personId, status, at)
    // `keep` is a short list of small integers, bound as parameters.
    const placeholders = keep.map(() => '?').join(', ')
    const rows = db
      .prepare(`UPDATE status_entries SET status = ?, updated_at = ?
        WHERE person_id = ? AND status != ?${keep.length > 0 ? ` AND status NOT IN (${placeholders})` : ''}
        RETURNING list_id, idx`)
      .all(status, at, personId, status, ...keep) as { list_id: string; idx: number }[]
    return rows.map((r) => ({ listId: r.list_id, idx: r.idx }))
  })

  const setCredentialStatus = db.transaction((credentialId: string, status: number, keep: readonly number[], at: number) => {
    const row = s.byCredential.get(credentialId) as EntryRow | undefined
    if (!row) return { result: 'not_found' as const }
    const entry = toEntry(row)
    if (entry.status !== status && keep.includes(entry.status)) return { result: 'kept' as const, entry }
    const changed = s.updateCredential.run(status, at, credentialId, status).changes > 0
    return { result: changed ? ('changed' as const) : ('unchanged' as const), entry: { ...entry, status } }
  })

  return {
    lists: () => s.lists.all() as StatusListRecord[],
    createList: (l) => void s.createList.run(l.id, l.bits, l.size, l.createdAt),
    entriesOf: (listId) => s.entriesOf.all(listId) as { idx: number; status: number }[],
    insertEntry(e, at): InsertEntryResult {
      if (s.insertEntry.run(e.listId, e.idx, e.credentialId, e.personId, e.status, at, at).changes > 0) return { ok: true }
      const existing = s.byCredential.get(e.credentialId) as EntryRow | undefined
      return existing ? { ok: false, reason: 'credential_exists', existing: toEntry(existing) } : { ok: false, reason: 'index_taken' }
    },
    entryByCredential: (id) => {
      const row = s.byCredential.get(id) as EntryRow | undefined
      return row ? toEntry(row) : undefined
    },
    hasPerson: (personId) => s.hasEntries.get(personId) !== undefined || s.personStatus.get(personId) !== undefined,
    personStatus: (personId) => (s.personStatus.get(personId) as { status: number } | undefined)?.status,
    setPersonStatus: (personId, status, keep, at) => setPersonStatus(personId, status, keep, at),
    setCredentialStatus: (credentialId, status, keep, at) => setCredentialStatus(credentialId, status, keep, at),
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  }
}
