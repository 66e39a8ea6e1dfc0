// One-time import of an old separate status database (`status.sqlite` beside `issuer.db`) into issuer.db.
import { existsSync, renameSync } from 'node:fs'
import type { SqliteDb } from '../sqlite/open.ts'

/** The file name older versions kept the status lists in, beside issuer.db. */
export const LEGACY_STATUS_FILE = 'status.sqlite'

/**
 * Copies the lists, entries and person statuses of `legacyFile` into `db` (one transaction; rows already
 * present are kept), then renames the file to `<legacyFile>.imported` so the import runs once. Returns
 * whether a file was imported.
 */
export function importLegacyStatusFile(db: SqliteDb, legacyFile: string): boolean {
  if (!existsSync(legacyFile)) return false
  db.prepare('ATTACH DATABASE ? AS legacy').run(legacyFile)
  try {
    db.transaction(() => {
      db.exec(`
        INSERT OR IGNORE INTO status_lists (id, bits, size, created_at) SELECT id, bits, size, created_at FROM legacy.status_lists;
        INSERT OR IGNORE INTO status_entries (list_id, idx, credential_id, person_id, status, allocated_at, updated_at)
          SELECT list_id, idx, credential_id, person_id, status, allocated_at, updated_at FROM legacy.status_entries;
        INSERT OR IGNORE INTO status_persons (person_id, status, updated_at) SELECT person_id, status, updated_at FROM legacy.status_persons;
      `)
    })()
  } finally {
    db.exec('DETACH DATABASE legacy')
  }
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${legacyFile}${suffix}`)) renameSync(`${legacyFile}${suffix}`, `${legacyFile}.imported${suffix}`)
  }
  return true
}
