// Opens a better-sqlite3 database file in WAL mode and applies ordered schema migrations once.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export type SqliteDb = Database.Database

/** One schema step; `version` is 1, 2, 3, ... and never changes once released. */
export interface Migration {
  version: number
  sql: string
}

/**
 * Opens (creating if needed) the database at `file` (':memory:' for tests), enables WAL and foreign
 * keys, and runs every migration newer than the stored `user_version`, each in a transaction.
 */
export function openSqlite(file: string, migrations: readonly Migration[]): SqliteDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
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
  return db
}
