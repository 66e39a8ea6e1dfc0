// An old data folder with a separate status.sqlite: its lists, entries and person statuses move into issuer.db once.
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LEGACY_STATUS_FILE, openIssuerSqliteStore } from '../../shared/store/index.ts'

/** The status.sqlite schema as older versions wrote it. */
const OLD_SCHEMA = `
  CREATE TABLE status_lists (id TEXT PRIMARY KEY, bits INTEGER NOT NULL, size INTEGER NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE status_entries (list_id TEXT NOT NULL REFERENCES status_lists(id), idx INTEGER NOT NULL, credential_id TEXT NOT NULL UNIQUE,
    person_id TEXT NOT NULL, status INTEGER NOT NULL DEFAULT 0, allocated_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (list_id, idx)) WITHOUT ROWID;
  CREATE TABLE status_persons (person_id TEXT PRIMARY KEY, status INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
  PRAGMA user_version = 1;
`

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('issuer.db imports an old status.sqlite', () => {
  it('copies lists, entries and person statuses once, then renames the old file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'eid-import-'))
    const legacy = new Database(join(dir, LEGACY_STATUS_FILE))
    legacy.pragma('journal_mode = WAL')
    legacy.exec(OLD_SCHEMA)
    legacy.prepare('INSERT INTO status_lists VALUES (?, ?, ?, ?)').run('old-list', 2, 64, 1_700_000_000)
    legacy.prepare('INSERT INTO status_entries VALUES (?, ?, ?, ?, ?, ?, ?)').run('old-list', 17, 'cred-1', 'person-1', 1, 1_700_000_000, 1_700_000_001)
    legacy.prepare('INSERT INTO status_persons VALUES (?, ?, ?)').run('person-1', 1, 1_700_000_001)
    legacy.close()

    const store = openIssuerSqliteStore(join(dir, 'issuer.db'))
    expect(await store.statusLists()).toEqual([{ id: 'old-list', bits: 2, size: 64, createdAt: 1_700_000_000 }])
    expect(await store.statusEntries('old-list')).toEqual([{ idx: 17, status: 1 }])
    expect(await store.personStatus('person-1')).toBe(1)
    // revocation stays final for the imported person
    expect(await store.setPersonStatus({ personId: 'person-1', status: 0, keep: [1], now: 1_800_000_000 })).toEqual({ result: 'kept' })
    await store.close()
    expect(existsSync(join(dir, LEGACY_STATUS_FILE))).toBe(false)
    expect(existsSync(join(dir, `${LEGACY_STATUS_FILE}.imported`))).toBe(true)

    // a second start finds nothing to import and keeps the data
    const again = openIssuerSqliteStore(join(dir, 'issuer.db'))
    expect(await again.statusEntries('old-list')).toEqual([{ idx: 17, status: 1 }])
    await again.close()
  })
})
