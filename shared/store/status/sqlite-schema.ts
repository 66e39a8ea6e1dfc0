// Schema of the issuer's status database (<dataDir>/status.sqlite): lists, entries, person statuses.
import type { Migration } from '../sqlite/open.ts'

export const STATUS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE status_lists (
        id TEXT PRIMARY KEY,
        bits INTEGER NOT NULL CHECK (bits IN (1, 2, 4, 8)),
        size INTEGER NOT NULL CHECK (size > 0),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE status_entries (
        list_id TEXT NOT NULL REFERENCES status_lists(id),
        idx INTEGER NOT NULL CHECK (idx >= 0),
        credential_id TEXT NOT NULL UNIQUE,
        person_id TEXT NOT NULL,
        status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 255),
        allocated_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (list_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX status_entries_person ON status_entries(person_id);
      CREATE TABLE status_persons (
        person_id TEXT PRIMARY KEY,
        status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 255),
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
]
