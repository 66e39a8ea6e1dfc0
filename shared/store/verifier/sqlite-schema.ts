// Schema migrations of the verifier's SQLite store.
import type { Migration } from '../sqlite/open.ts'

export const VERIFIER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL UNIQUE,
        nonce TEXT NOT NULL UNIQUE,
        dcql_query_json TEXT NOT NULL,
        purpose TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'verified', 'rejected')),
        claims_json TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        completed_at INTEGER,
        CHECK (claims_json IS NULL OR status = 'verified')
      );
      CREATE INDEX sessions_expires_at ON sessions (expires_at);
    `,
  },
  {
    version: 2,
    sql: `
      ALTER TABLE sessions ADD COLUMN redirect_uri TEXT;
      ALTER TABLE sessions ADD COLUMN response_code_hash TEXT;
    `,
  },
]
