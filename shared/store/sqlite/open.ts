// Opens a better-sqlite3 database file in WAL mode and applies ordered schema migrations once.
import Database from 'better-sqlite3'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'

export type SqliteDb = Database.Database

/** One schema step; `version` is 1, 2, 3, ... and never changes once released. */
export interface Migration {
  version: number
  sql: string
}

/** Options of `openSqlite`. */
export interface OpenSqliteOptions {
  /** Make the database's own folder 0700 (a folder holding nothing but this database and its WAL). */
  privateFolder?: boolean
}

/**
 * Opens (creating if needed) the database at `file` (':memory:' for tests), enables WAL and foreign
 * keys, and runs every migration newer than the stored `user_version`, each in a transaction. The file
 * and its -wal/-shm are 0600 (created so: SQLite gives the WAL the database file's mode), and
 * `secure_delete` is on, so deleted rows are overwritten with zeros, not left in free pages.
 */
export function openSqlite(file: string, migrations: readonly Migration[], opts: OpenSqliteOptions = {}): SqliteDb {
  if (file !== ':memory:') {
    const dir = dirname(file)
    mkdirSync(dir, { recursive: true, ...(opts.privateFolder ? { mode: 0o700 } : {}) })
    if (opts.privateFolder) chmodSync(dir, 0o700)
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600))
    restrictFiles(file)
  }
  const db = new Database(file)
  db.pragma('secure_delete = ON')
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  const current = db.pragma('user_version', { simple: true }) as number
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
  if (file !== ':memory:') restrictFiles(file)
  return db
}

/** chmod 0600 the database file and its -wal / -shm where they exist (files of older versions may be 0644). */
export function restrictFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600)
}

/**
 * After deleting rows: copies the WAL into the database and truncates it to zero bytes, so the
 * deleted values' old page images do not linger in the -wal file (with `secure_delete`, the database
 * file's pages are zeroed). A checkpoint blocked by a reader is retried at the next purge.
 */
export function truncateWal(db: SqliteDb): void {
  db.pragma('wal_checkpoint(TRUNCATE)')
}
